package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * The frame a surgeon uses on the skin: the line of the three skin markers. Points are given as
 * millimetres cranial of the middle marker along the marker line ({@code alongMm}), to the patient's
 * left of that line ({@code leftMm}), and above it, away from the body for a prone patient's back
 * ({@code aboveMm}, posterior positive).
 *
 * <p>How: origin = M2; along = unit(M1 - M3) (M1 is the most cranial marker); left = the patient's
 * left axis (+x in LPS) with its component along the marker line removed; above = along x left,
 * which points posterior when the line runs cranio-caudally. The frame is orthonormal and
 * right-handed, so {@link #toLps} inverts {@link #toSkin} exactly.
 *
 * <p>Limits: needs the outer markers at least 5 mm apart and a marker line that is not left-right.
 */
public record FiducialFrame(Vec3 originLps, Vec3 along, Vec3 left, Vec3 above, double lineResidualMm) {

    /** A point in marker-line coordinates (mm). */
    public record SkinPoint(double alongMm, double leftMm, double aboveMm) {
    }

    /**
     * The frame of a plan's three markers, taken cranial to caudal by LPS z whatever their ids or order.
     *
     * @throws IllegalArgumentException unless there are exactly three usable markers
     */
    public static FiducialFrame ofMarkers(java.util.List<Fiducial> markers) {
        if (markers.size() != 3) {
            throw new IllegalArgumentException("a marker frame needs three skin markers, not " + markers.size());
        }
        java.util.List<Fiducial> s = new java.util.ArrayList<>(markers);
        s.sort(java.util.Comparator.comparingDouble((Fiducial f) -> f.lps().z()).reversed());
        return of(s.get(0).lps(), s.get(1).lps(), s.get(2).lps());
    }

    public static FiducialFrame of(Vec3 m1, Vec3 m2, Vec3 m3) {
        Vec3 axis = m1.minus(m3);
        if (axis.norm() < 5) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "markers M1 and M3 are only %.1f mm apart: cannot define a marker line", axis.norm()));
        }
        Vec3 along = axis.normalized();
        if (along.z() < 0) {
            throw new IllegalArgumentException("M1 must be the most cranial marker (markers are ordered cranial to"
                + " caudal)");
        }
        Vec3 leftRaw = Vec3.X.minus(along.times(along.x()));
        if (leftRaw.norm() < 0.3) {
            throw new IllegalArgumentException("the marker line runs left-right: it cannot be a midline line");
        }
        Vec3 left = leftRaw.normalized();
        Vec3 above = along.cross(left);
        Vec3 rel = m2.minus(m3);
        double residual = rel.minus(along.times(rel.dot(along))).norm();
        return new FiducialFrame(m2, along, left, above, residual);
    }

    public SkinPoint toSkin(Vec3 lps) {
        Vec3 d = lps.minus(originLps);
        return new SkinPoint(d.dot(along), d.dot(left), d.dot(above));
    }

    public Vec3 toLps(SkinPoint p) {
        return originLps.plus(along.times(p.alongMm())).plus(left.times(p.leftMm())).plus(above.times(p.aboveMm()));
    }
}
