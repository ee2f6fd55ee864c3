package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Proposes bilateral needles for the vertebra around a clicked point, in the vertebra's own frame,
 * so the surgeon starts from a good plan on a rotated or tilted vertebra as on a square one.
 *
 * <p>How: the level is analysed ({@link LevelAnalysis}). Everything below is in its local frame
 * (midline x = 0, posterior +y, superior +z). On each side the pedicle is first taken as the centroid
 * of the vertebra's bone beside the canal (from the midline to {@value #PEDICLE_REACH_MM} mm beyond
 * the canal's edge, from 20 % to 60 % of the canal's depth behind its front). The target lies in the
 * anterior third of the body (30 % of the body's depth behind the anterior cortex), mid-height,
 * {@value #MIDLINE_OFFSET_MM} mm from the midline on the needle's side (converging, never
 * crossing). The line from the target through the pedicle is then centred in the isthmus: along it,
 * the bone's cross-section (medial/lateral and cranial/caudal cortex edges on the CT) is measured, and
 * the line passes the pedicle's centre (the mean of its runs). The isthmus width
 * chooses the gauge (11 G when it is at least the needle + 2 mm wide, else 13 G); when even 13 G
 * does not fit, a thoracic level gets the extrapedicular route (the line passes along the pedicle's
 * lateral wall, between it and the rib head) and a lumbar one is refused with the reason. The entry is
 * where the line leaves the skin.
 *
 * <p>Limits: needs a canal enclosed by the arch in some slices; the result is a proposal to be
 * checked ({@link SafetyAnalyzer}) and adjusted by the surgeon, not a verdict.
 */
public final class TrajectoryProposer {

    static final double PEDICLE_REACH_MM = 12;
    static final double MIDLINE_OFFSET_MM = 3;

    /** No proposal can be made here; the message says why, in words for the surgeon. */
    public static final class NoProposalException extends Exception {
        private static final long serialVersionUID = 1L;

        public NoProposalException(String message) {
            super(message);
        }
    }

    /**
     * One proposed needle: side, entry and target (LPS), the pedicle isthmus centre it passes (LPS), the
     * route, the suggested gauge, the isthmus width across the needle (mm, NaN if not measured) and
     * notes for the surgeon.
     */
    public record Proposal(Side side, Vec3 entryLps, Vec3 targetLps, Vec3 pedicleCentreLps, Route route,
                           NeedleGauge gauge, double pedicleWidthMm, List<String> notes) {
    }

    private TrajectoryProposer() {
    }

    public static List<Proposal> propose(Volume v, Vec3 clickLps, SegmentationOptions o) throws NoProposalException {
        LevelAnalysis level;
        try {
            level = LevelAnalysis.around(v, clickLps, o);
        } catch (VertebraFrameFinder.NoVertebraException e) {
            throw new NoProposalException(e.getMessage());
        }
        return propose(v, level);
    }

    /** Proposals for an analysed level. */
    public static List<Proposal> propose(Volume v, LevelAnalysis level) throws NoProposalException {
        VertebraSegmentation.CanalExtent canal = level.canalExtent();
        if (canal == null) {
            throw new NoProposalException("no spinal canal found around the clicked point: click inside the"
                + " vertebral body of the target level");
        }
        double anterior = level.bodyAnteriorY(), posterior = level.bodyPosteriorY();
        double midZ = (level.bodyTopZ() + level.bodyBottomZ()) / 2;
        List<Proposal> out = new ArrayList<>();
        PedicleFinder.Pedicle[] pedicles = level.pedicles();
        for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
            int s = side == Side.LEFT ? 1 : -1;
            PedicleFinder.Pedicle found = pedicles[side == Side.LEFT ? 0 : 1];
            if (found == null) {
                throw new NoProposalException("no " + side.jsonName() + " pedicle found next to the canal");
            }
            Vec3 pedicle = found.centre();
            Vec3 target = alongPedicle(found, s, anterior + 0.3 * (posterior - anterior), level.bodyBottomZ(),
                level.bodyTopZ(), new Vec3(s * MIDLINE_OFFSET_MM, anterior + 0.3 * (posterior - anterior), midZ));
            Isthmus isthmus = measure(level, target, pedicle);
            List<String> notes = new ArrayList<>();
            Route route = Route.TRANSPEDICULAR;
            Vec3 through = isthmus.centre;
            NeedleGauge gauge = Double.isNaN(isthmus.width) ? NeedleGauge.G11
                : NeedleGauge.thickestFitting(isthmus.width - SafetyAnalyzer.PEDICLE_MARGIN_MM);
            if (gauge == NeedleGauge.G10) {
                gauge = NeedleGauge.G11;
            }
            if (gauge == null) {
                String why = String.format(Locale.ROOT, "the %s pedicle isthmus is %.1f mm wide: too narrow for a"
                    + " 13 G needle (2.41 mm + %.0f mm)", side.jsonName(), isthmus.width, SafetyAnalyzer.PEDICLE_MARGIN_MM);
                if (!level.thoracic()) {
                    throw new NoProposalException(why + "; no safe transpedicular route");
                }
                route = Route.EXTRAPEDICULAR;
                gauge = NeedleGauge.G13;
                through = isthmus.lateralWall.plus(isthmus.across.times(s * (gauge.diameterMm() / 2 + 1)));
                notes.add(why + ": proposed along the pedicle's lateral wall (extrapedicular route)");
            } else if (gauge != NeedleGauge.G11) {
                notes.add(String.format(Locale.ROOT, "the %s pedicle isthmus is %.1f mm wide: %s suggested",
                    side.jsonName(), isthmus.width, gauge.label()));
            }
            Vec3 targetLps = level.toLps(target);
            Vec3 entry = SkinSnapper.snap(v, targetLps, level.toLps(through), Tissue.SKIN_HU)
                .orElseThrow(() -> new NoProposalException("the line through the " + side.jsonName()
                    + " pedicle does not reach the skin inside the CT"));
            out.add(new Proposal(side, entry, targetLps, level.toLps(isthmus.centre), route, gauge, isthmus.width,
                List.copyOf(notes)));
        }
        return out;
    }

    /** The centroid of the vertebra's bone beside the canal on one side (local), or null. */
    private static Vec3 pedicleCentroid(LevelAnalysis level, int side, double canalEdgeX, double yFront, double yMid) {
        double[] acc = new double[4];
        level.segmentation().forEach((p, l, ours) -> {
            double lateral = side * p.x();
            if (ours && lateral > 0 && lateral <= side * canalEdgeX + PEDICLE_REACH_MM && p.y() >= yFront
                && p.y() <= yMid) {
                acc[0] += p.x();
                acc[1] += p.y();
                acc[2] += p.z();
                acc[3]++;
            }
        });
        return acc[3] < 10 ? null : new Vec3(acc[0] / acc[3], acc[1] / acc[3], acc[2] / acc[3]);
    }

    /**
     * The target where the pedicle's own axis reaches the anterior third of the body: the axis is the
     * line through the pedicle's centres at each depth (the mean of its usual runs there), fitted by
     * least squares with the outliers dropped; an axis that does not converge towards the front (0 to 35
     * degrees) is not trusted and the first guess is kept. The target stays on its side of the midline (at least
     * {@value #MIDLINE_OFFSET_MM} mm) and in the middle half of the body's height; {@code fallback}
     * when the pedicle is too short to give an axis.
     */
    private static Vec3 alongPedicle(PedicleFinder.Pedicle pedicle, int side, double targetY, double bottomZ,
                                     double topZ, Vec3 fallback) {
        java.util.Map<Double, double[]> byY = new java.util.TreeMap<>();
        for (PedicleFinder.Run r : pedicle.typical()) {
            double[] acc = byY.computeIfAbsent(r.y(), k -> new double[3]);
            acc[0] += (r.medialX() + r.lateralX()) / 2;
            acc[1] += r.z();
            acc[2]++;
        }
        List<Vec3> centres = new ArrayList<>();
        byY.forEach((y, acc) -> {
            if (acc[2] >= 2) {
                centres.add(new Vec3(acc[0] / acc[2], y, acc[1] / acc[2]));
            }
        });
        if (centres.size() < 3) {
            return fallback;
        }
        Vec3[] line = fitLine(centres);
        if (line == null) {
            return fallback;
        }
        Vec3 mean = line[0], d = line[1];
        if (d.y() > 0) {
            d = d.times(-1);
        }
        double convergence = Math.toDegrees(Math.atan2(-side * d.x(), -d.y()));
        if (d.y() > -0.5 || convergence < 0 || convergence > 35) {
            return fallback; // not a pedicle axis that converges as pedicles do: keep the first guess
        }
        Vec3 hit = mean.plus(d.times((targetY - mean.y()) / d.y()));
        double x = side * Math.max(side * hit.x(), MIDLINE_OFFSET_MM);
        double h = topZ - bottomZ;
        double z = Math.max(bottomZ + 0.25 * h, Math.min(topZ - 0.25 * h, hit.z()));
        return new Vec3(x, targetY, z);
    }

    /** A line {point, unit direction} through points, refitted once without those more than 1.5 mm off. */
    static Vec3[] fitLine(List<Vec3> pts) {
        Vec3[] line = lineThrough(pts);
        List<Vec3> kept = new ArrayList<>();
        for (Vec3 p : pts) {
            Vec3 r = p.minus(line[0]);
            if (r.minus(line[1].times(r.dot(line[1]))).norm() <= 1.5) {
                kept.add(p);
            }
        }
        return kept.size() >= 3 ? lineThrough(kept) : line;
    }

    private static Vec3[] lineThrough(List<Vec3> pts) {
        Vec3 mean = Vec3.ZERO;
        for (Vec3 p : pts) {
            mean = mean.plus(p);
        }
        mean = mean.times(1.0 / pts.size());
        return new Vec3[] {mean, principalAxis(pts, mean)};
    }

    /** The direction of largest spread of points about their mean (power iteration on the scatter). */
    static Vec3 principalAxis(List<Vec3> pts, Vec3 mean) {
        double[][] m = new double[3][3];
        for (Vec3 p : pts) {
            double[] d = p.minus(mean).toArray();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += d[i] * d[j];
                }
            }
        }
        Vec3 v = new Vec3(0.1, -1, 0.05).normalized();
        for (int it = 0; it < 50; it++) {
            Vec3 w = new Vec3(m[0][0] * v.x() + m[0][1] * v.y() + m[0][2] * v.z(),
                m[1][0] * v.x() + m[1][1] * v.y() + m[1][2] * v.z(),
                m[2][0] * v.x() + m[2][1] * v.y() + m[2][2] * v.z());
            if (w.norm() < 1e-12) {
                return v;
            }
            v = w.normalized();
        }
        return v;
    }

    /** The isthmus along a line: its centre, width, the across direction and its lateral wall (local). */
    private record Isthmus(Vec3 centre, double width, Vec3 across, Vec3 lateralWall) {
    }

    /**
     * The isthmus along the line from {@code target} through the pedicle's centre: the pedicle's centre
     * itself (the mean of its runs, robust to a fused rib head) and the narrowest width across the line.
     */
    private static Isthmus measure(LevelAnalysis level, Vec3 target, Vec3 pedicle) {
        Vec3 u = target.minus(pedicle).normalized();
        Vec3 from = pedicle.minus(u.times(20));
        PedicleSection.Narrowest n = PedicleSection.narrowest(level, from, u, from.distance(target));
        if (n == null) {
            return new Isthmus(pedicle, Double.NaN, Vec3.X, pedicle);
        }
        return new Isthmus(pedicle, n.width(), n.across(), n.lateralWall());
    }
}
