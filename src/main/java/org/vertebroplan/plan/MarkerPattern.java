package org.vertebroplan.plan;

import java.util.Locale;
import java.util.List;
import org.vertebroplan.geom.Vec3;

/**
 * How well three skin markers fit the pattern a surgeon tapes on: a near-straight line along the spine,
 * similar spacings in a plausible range, all on the same side of the body, preferably the back.
 *
 * @param members        indices of the three candidates, in order along their line, the cranial end first
 * @param spacing12Mm    |M1 M2|
 * @param spacing23Mm    |M2 M3|
 * @param lineResidualMm distance of the middle marker from the line through the outer two
 * @param bendDeg        angle between M1 -> M2 and M2 -> M3 (0 for a straight line)
 * @param tiltDeg        angle between the outer markers' line and the cranio-caudal axis
 * @param cost           0 for the ideal pattern, about 1 per rule at its limit (lower is better)
 * @param misfits        the rules of {@link FiducialOptions.Pattern} it breaks (empty when it fits)
 */
public record MarkerPattern(List<Integer> members, double spacing12Mm, double spacing23Mm, double lineResidualMm,
                            double bendDeg, double tiltDeg, double cost, List<String> misfits) {

    public boolean fits() {
        return misfits.isEmpty();
    }

    /** Whether the candidate with index {@code i} is one of the three. */
    public boolean contains(int i) {
        return members.contains(i);
    }

    /**
     * The fit of candidates a, b, c at {@code lps} with outward skin normals {@code outward} (null
     * entries allowed).
     */
    static MarkerPattern of(int a, int b, int c, List<Vec3> lps, List<Vec3> outward, FiducialOptions.Pattern p) {
        int[] ids = {a, b, c};
        // the outer two are the farthest pair; the third lies between them
        int end1 = a, end2 = b, mid = c;
        double far = lps.get(a).distance(lps.get(b));
        if (lps.get(a).distance(lps.get(c)) > far) {
            far = lps.get(a).distance(lps.get(c));
            end1 = a;
            end2 = c;
            mid = b;
        }
        if (lps.get(b).distance(lps.get(c)) > far) {
            end1 = b;
            end2 = c;
            mid = a;
        }
        // M1 first: the more cranial end
        if (lps.get(end2).z() > lps.get(end1).z()) {
            int t = end1;
            end1 = end2;
            end2 = t;
        }
        Vec3 p1 = lps.get(end1), p2 = lps.get(mid), p3 = lps.get(end2);
        double d1 = p1.distance(p2), d2 = p2.distance(p3);
        Vec3 axis = p3.minus(p1);
        Vec3 along = axis.normalized();
        Vec3 rel = p2.minus(p1);
        double residual = rel.minus(along.times(rel.dot(along))).norm();
        double bend = Math.toDegrees(angle(p2.minus(p1), p3.minus(p2)));
        double tilt = Math.toDegrees(Math.acos(Math.min(1, Math.abs(along.z()))));
        double ratio = Math.min(d1, d2) / Math.max(d1, d2);
        List<String> misfits = new java.util.ArrayList<>();
        if (Math.min(d1, d2) < p.minSpacingMm() || Math.max(d1, d2) > p.maxSpacingMm()) {
            misfits.add(String.format(Locale.ROOT, "spacings %.0f and %.0f mm outside %.0f-%.0f mm", d1, d2, p.minSpacingMm(),
                p.maxSpacingMm()));
        }
        if (ratio < p.minSpacingRatio()) {
            misfits.add(String.format(Locale.ROOT, "spacings %.0f and %.0f mm too different", d1, d2));
        }
        if (bend > p.maxBendDeg()) {
            misfits.add(String.format(Locale.ROOT, "not in a line (bent by %.0f deg)", bend));
        }
        if (tilt > p.maxLineTiltDeg()) {
            misfits.add(String.format(Locale.ROOT, "line %.0f deg off the cranio-caudal axis", tilt));
        }
        double cost = sq(bend / p.maxBendDeg()) + sq((1 - ratio) / (1 - p.minSpacingRatio()))
            + 0.5 * sq(tilt / p.maxLineTiltDeg()) + sideCost(ids, outward);
        return new MarkerPattern(List.of(end1, mid, end2), d1, d2, residual, bend, tilt, cost, List.copyOf(misfits));
    }

    /**
     * Markers on the same side of the body face the same way, preferably posterior (the back): 0 when all
     * three outward normals point straight back, up to 2 when they disagree and face forward.
     */
    private static double sideCost(int[] ids, List<Vec3> outward) {
        Vec3 sum = Vec3.ZERO;
        int n = 0;
        for (int id : ids) {
            Vec3 u = outward.get(id);
            if (u != null) {
                sum = sum.plus(u);
                n++;
            }
        }
        if (n == 0) {
            return 1;
        }
        Vec3 mean = sum.times(1.0 / n);
        double agreement = mean.norm();
        double posterior = agreement > 1e-9 ? mean.normalized().y() : 0;
        return (1 - agreement) + 0.25 * (1 - posterior);
    }

    private static double angle(Vec3 u, Vec3 w) {
        double c = u.dot(w) / (u.norm() * w.norm());
        return Math.acos(Math.max(-1, Math.min(1, c)));
    }

    private static double sq(double x) {
        return x * x;
    }
}
