package org.vertebroplan.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.volume.Volume;

/**
 * Scores a trainee's needles against the surgeon's plan.
 *
 * <p>Matching: a reference needle takes the attempt's needle with the same id; failing that, an
 * unmatched attempt needle on the same side and at the same level (a level missing on either side
 * matches any), the nearest target first. Reference needles left over are missing, attempt needles
 * left over are extra.
 *
 * <p>Per needle, each error earns a part of its weight: all of it at or below the "good" bound,
 * none at or beyond the "poor" bound, linearly between:
 * <pre>
 *   target error   weight 40   good 2 mm    poor 10 mm
 *   angle error    weight 25   good 3 deg   poor 15 deg
 *   entry error    weight 20   good 3 mm    poor 15 mm
 *   |depth error|  weight 15   good 2 mm    poor 10 mm
 * </pre>
 * A needle the safety check calls unsafe (a breach, the canal, the tip outside the body, lung) scores
 * half of that. The attempt's score is the mean over the reference needles, a missing needle
 * counting 0; a needle against itself scores 100.
 */
public final class Scorer {

    record Part(double weight, double good, double poor) {
        double earned(double error) {
            double f = (poor - error) / (poor - good);
            return weight * Math.max(0, Math.min(1, f));
        }
    }

    static final Part TARGET = new Part(40, 2, 10);
    static final Part ANGLE = new Part(25, 3, 15);
    static final Part ENTRY = new Part(20, 3, 15);
    static final Part DEPTH = new Part(15, 2, 10);
    /** An unsafe needle keeps this share of its score. */
    static final double UNSAFE_FACTOR = 0.5;

    private Scorer() {
    }

    /**
     * Scores {@code attempt} against {@code reference}; {@code safety} (by attempt needle id) is the
     * safety check of the attempt's needles on the CT, or null when the CT is not given.
     */
    public static AttemptScore score(Plan reference, Plan attempt, Map<String, NeedleSafety> safety) {
        List<Needle> free = new ArrayList<>(attempt.needles());
        List<Needle[]> pairs = new ArrayList<>();
        List<String> how = new ArrayList<>();
        List<Needle> unmatched = new ArrayList<>();
        for (Needle r : reference.needles()) {
            Needle same = free.stream().filter(a -> a.id().equals(r.id())).findFirst().orElse(null);
            if (same != null) {
                free.remove(same);
                pairs.add(new Needle[] {r, same});
                how.add("id");
            } else {
                unmatched.add(r);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Needle r : unmatched) {
            Needle best = null;
            for (Needle a : free) {
                boolean levelOk = r.level() == null || a.level() == null || r.level().equals(a.level());
                if (a.side() == r.side() && levelOk && (best == null
                    || a.targetLps().distance(r.targetLps()) < best.targetLps().distance(r.targetLps()))) {
                    best = a;
                }
            }
            if (best == null) {
                missing.add(r.id());
                continue;
            }
            free.remove(best);
            pairs.add(new Needle[] {r, best});
            how.add(r.level() != null && best.level() != null ? "side and level" : "side");
        }
        List<NeedleScore> scores = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            Needle r = pairs.get(p)[0], a = pairs.get(p)[1];
            scores.add(needle(r, a, how.get(p), safety == null ? null : safety.get(a.id())));
        }
        // in the reference plan's order
        scores.sort(java.util.Comparator.comparingInt(s -> indexOf(reference, s.referenceId())));
        double total = scores.stream().mapToDouble(NeedleScore::score).sum();
        int count = reference.needles().size();
        double overall = count == 0 ? 0 : total / count;
        return new AttemptScore(scores, missing, free.stream().map(Needle::id).toList(), round1(overall));
    }

    /**
     * Checks the attempt's needles on the CT ({@link SafetyAnalyzer#checkAll} with the default options,
     * as {@code score --dicom} does) and scores them with those verdicts.
     */
    public static AttemptScore scoreOnCt(Plan reference, Plan attempt, Volume ct) {
        Map<String, NeedleSafety> safety = new java.util.LinkedHashMap<>();
        if (!attempt.needles().isEmpty()) {
            List<SafetyAnalyzer.Input> inputs = attempt.needles().stream().map(SafetyAnalyzer.Input::of).toList();
            for (NeedleSafety s : SafetyAnalyzer.checkAll(ct, inputs, SafetyOptions.defaults()).needles()) {
                safety.put(s.id(), s);
            }
        }
        return score(reference, attempt, safety);
    }

    private static int indexOf(Plan plan, String id) {
        for (int i = 0; i < plan.needles().size(); i++) {
            if (plan.needles().get(i).id().equals(id)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The errors and score of the trainee's needle {@code a} against the reference needle {@code r}. */
    public static NeedleScore needle(Needle r, Needle a, String matchedBy, NeedleSafety safety) {
        Objects.requireNonNull(r);
        Objects.requireNonNull(a);
        double entry = r.entryLps().distance(a.entryLps());
        double target = r.targetLps().distance(a.targetLps());
        double cos = Math.max(-1, Math.min(1, r.direction().dot(a.direction())));
        double angle = Math.toDegrees(Math.acos(cos));
        double depth = a.geometry().depthMm() - r.geometry().depthMm();
        double score = TARGET.earned(target) + ANGLE.earned(angle) + ENTRY.earned(entry) + DEPTH.earned(Math.abs(depth));
        if (safety != null && safety.verdict() == NeedleSafety.Verdict.UNSAFE) {
            score *= UNSAFE_FACTOR;
        }
        return new NeedleScore(r.id(), a.id(), matchedBy, r.side(), r.level(), entry, target, angle, depth, safety,
            round1(score));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
