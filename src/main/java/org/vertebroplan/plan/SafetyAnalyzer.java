package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Checks planned needles against the CT, each in the frame of its own vertebra: distance to the
 * spinal canal, breach of the vertebra's walls (named), tip in the body, pedicle width, lung and
 * pleura, rib heads and other bones, the distance between needles, and a verdict with reasons.
 *
 * <p>How: needles are grouped by level (their plan level, else targets within {@value #SAME_LEVEL_MM}
 * mm of their mean), and each level is analysed once ({@link LevelAnalysis}: the vertebra's frame,
 * its segmentation on a grid aligned with it, the canal wall). In that frame:
 * <ul>
 *   <li>canal distance: the smallest signed distance from the needle to the canal wall
 *       ({@link CanalSurface}): from the axis minus the radius where the axis stays outside the
 *       needle's reach of the wall, else the minimum over points of the needle's solid (axis and
 *       rings at half and full radius), so a needle through the canal's middle reads minus the canal's
 *       half-width;</li>
 *   <li>breach: sampled every {@code stepMm} on the axis and a ring of the radius; from the first depth
 *       where the whole cross-section is in the vertebra's bone in front of the arch (the pedicle or
 *       the body; the transverse process, lamina and facets behind do not count), a stretch of {@code minBreachRunMm}
 *       with part of it outside is a breach; a transpedicular needle must also be in bone where it
 *       passes the canal's antero-posterior range (the pedicle). The wall is named from where the
 *       needle leaves: into the canal (medial from the pedicle, posterior from the body), else by the
 *       outward normal of the bone there (the CT's gradient): superior, inferior, anterior, posterior,
 *       lateral or medial;</li>
 *   <li>pedicle width: across the needle (in the vertebra's axial plane) where it passes the pedicle,
 *       the narrowest bone width, from the cortex edges on the CT; narrower than the needle + 2 mm is a
 *       warning that suggests a finer gauge or the extrapedicular route;</li>
 *   <li>air inside the body along the needle (lung: crossing the pleura) is unsafe, air within 2 mm of
 *       the needle a warning; bone of another structure on the way (a rib head; in the lumbar spine,
 *       e.g. the neighbour's facet) is unsafe in the thorax and a warning elsewhere.</li>
 * </ul>
 *
 * <p>Limits: see {@link LevelAnalysis}; the level warnings (posterior wall, frame quality) are passed
 * on to every needle of the level.
 */
public final class SafetyAnalyzer {

    /** A needle as the check needs it. {@code level} may be null (grouped by position). */
    public record Input(String id, Vec3 entryLps, Vec3 targetLps, double diameterMm, String level, Route route) {
        public Input(String id, Vec3 entryLps, Vec3 targetLps, double diameterMm) {
            this(id, entryLps, targetLps, diameterMm, null, Route.TRANSPEDICULAR);
        }

        /** The needle of a plan. */
        public static Input of(Needle n) {
            return new Input(n.id(), n.entryLps(), n.targetLps(), n.diameterMm(), n.level(), n.route());
        }
    }

    /** One analysed level: its label (the plan's, or null), its analysis (null if it failed) and why. */
    public record Level(String label, LevelAnalysis analysis, String failure, List<String> needleIds) {
    }

    /** The whole check: every level and every needle (in the order given). */
    public record Result(List<Level> levels, List<NeedleSafety> needles) {
    }

    /** Targets closer than this to their mean are taken to lie in one vertebral body. */
    static final double SAME_LEVEL_MM = 15;
    /** A pedicle narrower than the needle plus this is a warning. */
    static final double PEDICLE_MARGIN_MM = 2;
    /** Air within this distance of the needle's surface is a warning (the pleura). */
    static final double AIR_WARNING_MM = 2;

    private SafetyAnalyzer() {
    }

    public static List<NeedleSafety> check(Volume volume, List<Input> needles, SafetyOptions o) {
        return checkAll(volume, needles, o).needles();
    }

    /** Checks every needle, level by level. */
    public static Result checkAll(Volume volume, List<Input> needles, SafetyOptions o) {
        Map<String, NeedleSafety> byId = new LinkedHashMap<>();
        List<Level> levels = new ArrayList<>();
        for (List<Input> group : group(needles)) {
            Vec3 mean = Vec3.ZERO;
            for (Input n : group) {
                mean = mean.plus(n.targetLps());
            }
            mean = mean.times(1.0 / group.size());
            String label = group.get(0).level();
            List<String> ids = group.stream().map(Input::id).toList();
            LevelAnalysis level;
            try {
                level = LevelAnalysis.around(volume, mean, o.segmentation());
            } catch (VertebraFrameFinder.NoVertebraException e) {
                levels.add(new Level(label, null, e.getMessage(), ids));
                for (Input n : group) {
                    byId.put(n.id(), NeedleSafety.notChecked(n.id(), e.getMessage()));
                }
                continue;
            }
            levels.add(new Level(label, level, null, ids));
            for (Input n : group) {
                byId.put(n.id(), checkOne(volume, level, n, needles, o));
            }
        }
        List<NeedleSafety> out = new ArrayList<>();
        for (Input n : needles) {
            out.add(byId.get(n.id()));
        }
        return new Result(List.copyOf(levels), List.copyOf(out));
    }

    /**
     * Groups needles by level: by their plan level where every needle has one, else by the distance
     * of their targets (a needle joins the first group whose targets' mean is within SAME_LEVEL_MM).
     */
    static List<List<Input>> group(List<Input> needles) {
        boolean labelled = !needles.isEmpty() && needles.stream().allMatch(n -> n.level() != null);
        Map<String, List<Input>> byLabel = new LinkedHashMap<>();
        List<List<Input>> groups = new ArrayList<>();
        for (Input n : needles) {
            if (labelled) {
                byLabel.computeIfAbsent(n.level(), k -> new ArrayList<>()).add(n);
                continue;
            }
            List<Input> home = null;
            for (List<Input> g : groups) {
                Vec3 mean = Vec3.ZERO;
                for (Input m : g) {
                    mean = mean.plus(m.targetLps());
                }
                if (mean.times(1.0 / g.size()).distance(n.targetLps()) <= SAME_LEVEL_MM) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(n);
        }
        return labelled ? new ArrayList<>(byLabel.values()) : groups;
    }

    /** Checks one needle in its level. */
    public static NeedleSafety checkOne(Volume ct, LevelAnalysis level, Input n, List<Input> all, SafetyOptions o) {
        List<String> reasons = new ArrayList<>();
        NeedleSafety.Verdict verdict = NeedleSafety.Verdict.SAFE;
        double radius = n.diameterMm() / 2;
        Vec3 entry = level.toLocal(n.entryLps()), target = level.toLocal(n.targetLps());
        double depth = entry.distance(target);
        if (depth < 1) {
            throw new IllegalArgumentException("needle " + n.id() + ": entry and target are the same point");
        }
        Vec3 u = target.minus(entry).times(1 / depth);
        Vec3[] ring = NeedleChecks.ring(u, radius, o.ringPoints());

        for (String w : level.warnings()) {
            verdict = verdict.and(NeedleSafety.Verdict.WARNING);
            reasons.add(w);
        }
        NeedleChecks.Breach breach = NeedleChecks.findBreach(level, n, entry, u, ring, depth, o);
        if (breach != null) {
            verdict = NeedleSafety.Verdict.UNSAFE;
            reasons.add(String.format(Locale.ROOT, "%s breach: the needle %s (%.1f mm)", breach.wall().jsonName(),
                breach.wall().meaning(), breach.runMm()));
        }
        double canal = Double.NaN;
        if (level.hasCanal()) {
            Vec3[] deepest = new Vec3[2];
            canal = NeedleChecks.canalDistance(level.canal(), entry, u, depth, radius, o.stepMm(), deepest);
            if (canal < 0 && breach == null) {
                // the needle's surface reaches into the canal: a breach of the wall it passes through there
                breach = new NeedleChecks.Breach(deepest[1], NeedleChecks.classify(level, deepest[0], deepest[1]), 0);
                verdict = NeedleSafety.Verdict.UNSAFE;
                reasons.add(String.format(Locale.ROOT, "%s breach: the needle %s", breach.wall().jsonName(),
                    breach.wall().meaning()));
            }
            if (canal <= 0) {
                verdict = NeedleSafety.Verdict.UNSAFE;
                reasons.add(String.format(Locale.ROOT, "the needle enters the spinal canal (%.1f mm deep)", -canal));
            } else if (canal < o.canalWarningMm()) {
                verdict = verdict.and(NeedleSafety.Verdict.WARNING);
                reasons.add(String.format(Locale.ROOT, "the needle passes %.1f mm from the spinal canal (less than"
                    + " %.1f mm)", canal, o.canalWarningMm()));
            }
        }
        boolean targetInBody = level.inVertebra(target) && target.y() < level.bodyPosteriorY();
        if (!targetInBody) {
            verdict = NeedleSafety.Verdict.UNSAFE;
            reasons.add("the tip is not inside the vertebral body in front of its posterior wall");
        }
        double pedicleWidth = Double.NaN;
        if (n.route() == Route.TRANSPEDICULAR && level.hasCanal()) {
            pedicleWidth = NeedleChecks.pedicleWidth(level, entry, u, depth);
            if (pedicleWidth < n.diameterMm() + PEDICLE_MARGIN_MM) {
                verdict = verdict.and(NeedleSafety.Verdict.WARNING);
                reasons.add(narrowPedicle(pedicleWidth, n.diameterMm(), level.thoracic()));
            }
        }
        verdict = verdict.and(NeedleChecks.otherBone(level, entry, u, ring, depth, o, reasons));
        verdict = verdict.and(NeedleChecks.airAlong(ct, n, radius, level.thoracic(), o, reasons));
        for (Input other : all) {
            if (other == n) {
                continue;
            }
            double gap = segmentDistance(n.entryLps(), n.targetLps(), other.entryLps(), other.targetLps())
                - radius - other.diameterMm() / 2;
            if (gap < o.needleGapWarningMm()) {
                verdict = verdict.and(NeedleSafety.Verdict.WARNING);
                reasons.add(String.format(Locale.ROOT, "the needle comes within %.1f mm of needle %s",
                    Math.max(gap, 0), other.id()));
            }
        }
        return new NeedleSafety(n.id(), canal, breach != null, breach == null ? null : level.toLps(breach.at()),
            breach == null ? null : breach.wall(), targetInBody, pedicleWidth, level.frame(), verdict, reasons);
    }

    static String narrowPedicle(double widthMm, double diameterMm, boolean thoracic) {
        String s = String.format(Locale.ROOT, "the pedicle isthmus is %.1f mm wide, narrower than the needle + %.0f mm"
            + " (%.1f mm)", widthMm, PEDICLE_MARGIN_MM, diameterMm + PEDICLE_MARGIN_MM);
        NeedleGauge finer = NeedleGauge.finestFitting(widthMm - PEDICLE_MARGIN_MM, diameterMm);
        if (finer != null) {
            s += String.format(Locale.ROOT, ": a %s needle (%.2f mm) fits", finer.label(), finer.diameterMm());
        }
        return s + (thoracic ? (finer != null ? ", or" : ":") + " consider the extrapedicular route along the rib head"
            : "");
    }

    static double pointSegmentDistance(Vec3 p, Vec3 a, Vec3 b) {
        Vec3 ab = b.minus(a);
        double t = Math.max(0, Math.min(1, p.minus(a).dot(ab) / ab.dot(ab)));
        return p.distance(a.plus(ab.times(t)));
    }

    /** Smallest distance between segments [a0,a1] and [b0,b1] (closed form with clamping). */
    static double segmentDistance(Vec3 a0, Vec3 a1, Vec3 b0, Vec3 b1) {
        Vec3 d1 = a1.minus(a0), d2 = b1.minus(b0), r = a0.minus(b0);
        double a = d1.dot(d1), e = d2.dot(d2), f = d2.dot(r), c = d1.dot(r), b = d1.dot(d2);
        double denom = a * e - b * b;
        double s = denom > 1e-12 ? clamp01((b * f - c * e) / denom) : 0;
        double t = (b * s + f) / e;
        if (t < 0) {
            t = 0;
            s = clamp01(-c / a);
        } else if (t > 1) {
            t = 1;
            s = clamp01((b - c) / a);
        }
        return a0.plus(d1.times(s)).distance(b0.plus(d2.times(t)));
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
