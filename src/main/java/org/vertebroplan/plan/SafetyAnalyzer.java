package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Checks planned needles against the CT: distance to the spinal canal, pedicle breach, tip in the
 * vertebral body, distance between needles, and a verdict with reasons.
 *
 * <p>How: the level around each target is segmented ({@link VertebraSegmentation}) into bone walls,
 * enclosed bone interior and canal. The needle is sampled every {@code stepMm} on its axis and on a
 * ring of its radius. From the first depth where the whole cross-section is in bone, any stretch of at
 * least {@code minBreachRunMm} with part of the needle outside bone is a breach: into the canal
 * (medial), out of the side of the pedicle or body (lateral), or through the front of the body
 * (anterior). Where the needle crosses the antero-posterior range of the canal it must be fully in bone
 * (that is the pedicle); a needle that passes there through soft tissue goes around the pedicle, a
 * lateral breach. The canal distance is measured from the needle surface to the canal voxel centres.
 *
 * <p>Limits: see {@link VertebraSegmentation}; the canal distance is quantised to the voxel grid.
 */
public final class SafetyAnalyzer {

    /** A needle as the check needs it. */
    public record Input(String id, Vec3 entryLps, Vec3 targetLps, double diameterMm) {
    }

    private SafetyAnalyzer() {
    }

    public static List<NeedleSafety> check(Volume volume, List<Input> needles, SafetyOptions o) {
        List<NeedleSafety> out = new ArrayList<>();
        VertebraSegmentation shared = sharedLevel(volume, needles, o);
        for (Input n : needles) {
            VertebraSegmentation seg = shared != null ? shared
                : VertebraSegmentation.around(volume, n.targetLps(), o.segmentation());
            out.add(checkOne(seg, n, needles, o));
        }
        return out;
    }

    /**
     * One segmentation for all needles when their targets lie in one vertebral body (within
     * {@code SAME_LEVEL_MM} of their mean), centred at that mean: a bilateral plan segments its level
     * once, and the verdicts do not depend on the needles' order. Null when the targets are apart.
     */
    private static VertebraSegmentation sharedLevel(Volume volume, List<Input> needles, SafetyOptions o) {
        if (needles.size() < 2) {
            return null;
        }
        Vec3 mean = Vec3.ZERO;
        for (Input n : needles) {
            mean = mean.plus(n.targetLps());
        }
        mean = mean.times(1.0 / needles.size());
        for (Input n : needles) {
            if (n.targetLps().distance(mean) > SAME_LEVEL_MM) {
                return null;
            }
        }
        return VertebraSegmentation.around(volume, mean, o.segmentation());
    }

    /** Targets closer than this to their mean are taken to lie in one vertebral body. */
    static final double SAME_LEVEL_MM = 15;

    static NeedleSafety checkOne(VertebraSegmentation seg, Input n, List<Input> all, SafetyOptions o) {
        List<String> reasons = new ArrayList<>();
        NeedleSafety.Verdict verdict = NeedleSafety.Verdict.SAFE;
        double radius = n.diameterMm() / 2;
        double depth = n.entryLps().distance(n.targetLps());
        if (depth < 1) {
            throw new IllegalArgumentException("needle " + n.id() + ": entry and target are the same point");
        }
        Vec3 u = n.targetLps().minus(n.entryLps()).times(1 / depth);
        Vec3[] ring = ring(u, radius, o.ringPoints());

        double canal = canalDistance(seg, n.entryLps(), n.targetLps(), radius);
        double[] canalY = canalYRange(seg);

        Breach breach = findBreach(seg, n, u, ring, depth, canalY, o);
        boolean targetInBody = seg.inVertebra(n.targetLps())
            && (canalY == null ? n.targetLps().y() < seg.bodyCentroidLps().y() + 5 : n.targetLps().y() < canalY[0]);

        if (breach != null) {
            verdict = NeedleSafety.Verdict.UNSAFE;
            reasons.add(breach.describe());
        }
        if (!seg.hasCanal()) {
            verdict = worst(verdict, NeedleSafety.Verdict.WARNING);
            reasons.add("the spinal canal could not be found around this level: canal distance not checked");
        } else if (canal <= 0) {
            verdict = NeedleSafety.Verdict.UNSAFE;
            reasons.add(String.format("the needle enters the spinal canal (%.1f mm deep)", -canal));
        } else if (canal < o.canalWarningMm()) {
            verdict = worst(verdict, NeedleSafety.Verdict.WARNING);
            reasons.add(String.format("the needle passes %.1f mm from the spinal canal (less than %.1f mm)", canal,
                o.canalWarningMm()));
        }
        if (!targetInBody) {
            verdict = NeedleSafety.Verdict.UNSAFE;
            reasons.add("the tip is not inside the vertebral body in front of the posterior wall");
        }
        for (Input other : all) {
            if (other == n) {
                continue;
            }
            double gap = segmentDistance(n.entryLps(), n.targetLps(), other.entryLps(), other.targetLps())
                - radius - other.diameterMm() / 2;
            if (gap < o.needleGapWarningMm()) {
                verdict = worst(verdict, NeedleSafety.Verdict.WARNING);
                reasons.add(String.format("the needle comes within %.1f mm of needle %s", Math.max(gap, 0), other.id()));
            }
        }
        return new NeedleSafety(n.id(), seg.hasCanal() ? canal : Double.NaN, breach != null,
            breach == null ? null : breach.atLps, breach == null ? null : breach.wall, targetInBody, verdict,
            List.copyOf(reasons));
    }

    private record Breach(Vec3 atLps, String wall, double runMm) {
        String describe() {
            return switch (wall) {
                case "medial" -> String.format("medial breach: the needle leaves the pedicle into the canal side (%.1f mm)",
                    runMm);
                case "anterior" -> String.format("anterior breach: the needle leaves the front of the vertebral body"
                    + " (%.1f mm)", runMm);
                default -> String.format("lateral breach: the needle leaves bone on the outer side (%.1f mm)", runMm);
            };
        }
    }

    private static Breach findBreach(VertebraSegmentation seg, Input n, Vec3 u, Vec3[] ring, double depth,
                                     double[] canalY, SafetyOptions o) {
        boolean fullyIn = false;
        double runStart = -1;
        Vec3 runPoint = null;
        int steps = (int) Math.ceil(depth / o.stepMm());
        for (int s = 0; s <= steps; s++) {
            double t = Math.min(depth, s * o.stepMm());
            Vec3 axis = n.entryLps().plus(u.times(t));
            Vec3 out = firstOutside(seg, axis, ring);
            boolean inPedicleRange = canalY != null && axis.y() >= canalY[0] + 1
                && axis.y() <= canalY[0] + 0.6 * (canalY[1] - canalY[0]);
            if (!fullyIn) {
                if (out == null) {
                    fullyIn = true;
                } else if (inPedicleRange) {
                    // crossing the canal's antero-posterior range without being in bone: not in the pedicle
                    return new Breach(out, classify(seg, axis, out, n), o.stepMm());
                }
                continue;
            }
            if (out != null) {
                if (runStart < 0) {
                    runStart = t;
                    runPoint = out;
                }
                if (t - runStart + o.stepMm() >= o.minBreachRunMm() - 1e-9) {
                    return new Breach(runPoint, classify(seg, axis, runPoint, n), t - runStart + o.stepMm());
                }
            } else {
                runStart = -1;
            }
        }
        return null;
    }

    /** The first needle point (axis, then ring) that is not in bone, or null. */
    private static Vec3 firstOutside(VertebraSegmentation seg, Vec3 axis, Vec3[] ring) {
        if (!inBone(seg.labelAt(axis))) {
            return axis;
        }
        for (Vec3 r : ring) {
            Vec3 p = axis.plus(r);
            if (!inBone(seg.labelAt(p))) {
                return p;
            }
        }
        return null;
    }

    private static boolean inBone(byte label) {
        return label == VertebraSegmentation.BONE || label == VertebraSegmentation.INTERIOR;
    }

    private static String classify(VertebraSegmentation seg, Vec3 axis, Vec3 outside, Input n) {
        if (seg.labelAt(outside) == VertebraSegmentation.CANAL) {
            return "medial";
        }
        Vec3 body = seg.bodyCentroidLps();
        double[] canalY = canalYRange(seg);
        double posteriorWallY = canalY != null ? canalY[0] : body.y();
        if (outside.y() < posteriorWallY && outside.y() < body.y()
            && Math.abs(outside.x() - body.x()) < Math.abs(n.entryLps().x() - body.x())
            && axis.distance(n.targetLps()) < axis.distance(n.entryLps()) * 0.5) {
            return "anterior";
        }
        double midX = body.x();
        return Math.abs(outside.x() - midX) >= Math.abs(axis.x() - midX) ? "lateral" : "medial";
    }

    /** {front, back} LPS y of the canal, or null without a canal. */
    private static double[] canalYRange(VertebraSegmentation seg) {
        VertebraSegmentation.CanalExtent c = seg.canalExtent();
        return c == null ? null : new double[] {c.minY(), c.maxY()};
    }

    private static double canalDistance(VertebraSegmentation seg, Vec3 a, Vec3 b, double radius) {
        double best = Double.POSITIVE_INFINITY;
        for (Vec3 p : seg.canalPointsLps()) {
            best = Math.min(best, pointSegmentDistance(p, a, b));
        }
        return best - radius;
    }

    private static Vec3[] ring(Vec3 u, double radius, int count) {
        Vec3 helper = Math.abs(u.x()) < 0.9 ? Vec3.X : Vec3.Y;
        Vec3 e1 = u.cross(helper).normalized();
        Vec3 e2 = u.cross(e1);
        Vec3[] ring = new Vec3[count];
        for (int i = 0; i < count; i++) {
            double a = 2 * Math.PI * i / count;
            ring[i] = e1.times(radius * Math.cos(a)).plus(e2.times(radius * Math.sin(a)));
        }
        return ring;
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

    private static NeedleSafety.Verdict worst(NeedleSafety.Verdict a, NeedleSafety.Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
