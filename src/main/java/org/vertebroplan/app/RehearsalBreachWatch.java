package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Route;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.plan.VertebraFrameFinder;
import org.vertebroplan.rehearsal.BreachEvent;
import org.vertebroplan.volume.Volume;

/**
 * Watches the trainee's needles for breaches on the way (no toolkit; one thread at a time): every
 * state of the needles is put through the planning's safety check ({@link SafetyAnalyzer#checkOne},
 * the check {@code checkAll} runs per needle) in its level's analysis, measured once per level
 * around the level's centre and then reused, so that each state costs a few milliseconds and none
 * is skipped. A needle that leaves the bone (a named wall) or reaches into the spinal canal starts a
 * {@link BreachEvent}; it starts another only after it was clear again. The events are reported at
 * the end, never during the rehearsal.
 *
 * <p>A needle at a vertebra other than its level's is judged in its level's analysis (its tip is
 * outside that vertebra, so its breaches there are not seen); the final check at the end measures the
 * vertebra the needles are in.
 */
final class RehearsalBreachWatch {

    /** A needle as it stood: its id in the attempt, and where it was. */
    record State(String id, RehearsalNeedle needle) {
    }

    /** Needles shallower than this are at the skin: nothing to check. */
    static final double MIN_DEPTH_MM = 2;

    private final Volume ct;
    private final Function<String, Vec3> levelCentre;
    private final Map<String, Optional<LevelAnalysis>> analyses = new HashMap<>();
    private final Map<String, String> breaching = new HashMap<>();
    private final List<Found> found = new ArrayList<>();

    /** An event with the needles as they stood, to check it again at the end. */
    private record Found(BreachEvent event, String level, SafetyAnalyzer.Input needle, List<SafetyAnalyzer.Input> all) {
    }

    /** @param levelCentre a point in the body of each level (by label; null for a plan without labels) */
    RehearsalBreachWatch(Volume ct, Function<String, Vec3> levelCentre) {
        this.ct = ct;
        this.levelCentre = levelCentre;
    }

    /** Checks the needles as they stood at {@code atSeconds}. */
    synchronized void check(double atSeconds, List<State> needles) {
        List<State> deep = new ArrayList<>();
        List<SafetyAnalyzer.Input> inputs = new ArrayList<>();
        for (State s : needles) {
            RehearsalNeedle n = s.needle();
            if (n.depthMm() >= MIN_DEPTH_MM) {
                deep.add(s);
                inputs.add(new SafetyAnalyzer.Input(s.id(), n.entryLps(), n.tipLps(), n.diameterMm(), n.level(),
                    Route.TRANSPEDICULAR));
            } else {
                breaching.remove(s.id());
            }
        }
        for (int i = 0; i < deep.size(); i++) {
            RehearsalNeedle n = deep.get(i).needle();
            String id = deep.get(i).id();
            Optional<LevelAnalysis> level = analyses.computeIfAbsent(key(n.level()), k -> analyse(n.level()));
            NeedleSafety s = null;
            try {
                s = level.isEmpty() ? null : SafetyAnalyzer.checkOne(ct, level.get(), inputs.get(i), inputs,
                    SafetyOptions.defaults());
            } catch (IllegalArgumentException e) {
                s = null; // too short in the vertebra's frame
            }
            String wall = wall(s);
            if (wall == null) {
                breaching.remove(id);
            } else if (breaching.put(id, wall) == null) {
                String reason = s.reasons().stream().filter(r -> r.contains("breach") || r.contains("canal"))
                    .findFirst().orElse(String.join("; ", s.reasons()));
                found.add(new Found(new BreachEvent(atSeconds, id, n.depthMm(), wall, reason), key(n.level()),
                    inputs.get(i), List.copyOf(inputs)));
            }
        }
    }

    private Optional<LevelAnalysis> analyse(String label) {
        try {
            return Optional.of(LevelAnalysis.around(ct, levelCentre.apply(label), SafetyOptions.defaults().segmentation()));
        } catch (VertebraFrameFinder.NoVertebraException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The breached wall of a verdict ("canal" inside it without a named wall), or null when none. */
    private static String wall(NeedleSafety s) {
        return s == null ? null : s.breach() && s.breachWall() != null ? s.breachWall().jsonName()
            : s.canalDistanceMm() < 0 ? "canal" : null;
    }

    private static String key(String level) {
        return level == null ? "" : level;
    }

    /** The breaches found so far, in order. */
    synchronized List<BreachEvent> events() {
        return found.stream().map(Found::event).toList();
    }

    /**
     * The breaches found so far, each checked again in the end's analysis of its level (by label, "" for
     * none; the one the final check measured around the needles' tips), so that the report agrees with
     * the final verdicts: a breach that analysis does not see (a needle grazing a wall, judged on a grid
     * placed a little differently) is left out. Levels without an analysis there keep their breaches.
     */
    synchronized List<BreachEvent> confirmed(Map<String, LevelAnalysis> endAnalyses) {
        List<BreachEvent> out = new ArrayList<>();
        for (Found f : found) {
            LevelAnalysis end = endAnalyses.get(f.level());
            if (end == null) {
                out.add(f.event());
                continue;
            }
            try {
                if (wall(SafetyAnalyzer.checkOne(ct, end, f.needle(), f.all(), SafetyOptions.defaults())) != null) {
                    out.add(f.event());
                }
            } catch (IllegalArgumentException e) {
                out.add(f.event());
            }
        }
        return out;
    }
}
