package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * A needle in the surgeon's terms, derived from its entry and target exactly as DESIGN.md
 * "Coordinates, units, angles" defines them. With u = unit(target - entry):
 * <ul>
 *   <li>{@code depthMm} = |target - entry|;</li>
 *   <li>{@code cranialDeg} = asin(u . S), positive when the tip heads cranially;</li>
 *   <li>{@code abductionDeg} = atan2(u . M, u . A), positive when the tip converges medially;</li>
 * </ul>
 * with the patient-frame axes S = +z, A = -y, M = -x for a left needle and +x for a right one (LPS).
 * {@link #targetFrom} is the inverse: u = S sin(c) + cos(c) (A cos(a) + M sin(a)).
 *
 * <p>Limits: patient frame only; a vertebra frame (endplate, mid-sagittal plane) would pass its own
 * S, A axes to the same formulas.
 */
public record NeedleGeometry(double depthMm, double cranialDeg, double abductionDeg) {

    /** Superior axis of the patient frame (LPS +z). */
    public static final Vec3 SUPERIOR = new Vec3(0, 0, 1);
    /** Anterior axis of the patient frame (LPS -y). */
    public static final Vec3 ANTERIOR = new Vec3(0, -1, 0);

    public static NeedleGeometry of(Needle n) {
        return of(n.side(), n.entryLps(), n.targetLps());
    }

    public static NeedleGeometry of(Side side, Vec3 entryLps, Vec3 targetLps) {
        Vec3 d = targetLps.minus(entryLps);
        double depth = d.norm();
        Vec3 u = d.normalized();
        double sinC = Math.max(-1, Math.min(1, u.dot(SUPERIOR)));
        double cranial = Math.toDegrees(Math.asin(sinC));
        double abduction = Math.toDegrees(Math.atan2(u.dot(side.medialLps()), u.dot(ANTERIOR)));
        return new NeedleGeometry(depth, cranial, abduction);
    }

    /** The target reached from {@code entryLps} with these angles and depth (inverse of {@link #of}). */
    public static Vec3 targetFrom(Side side, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm) {
        double c = Math.toRadians(cranialDeg);
        double a = Math.toRadians(abductionDeg);
        Vec3 horizontal = ANTERIOR.times(Math.cos(a)).plus(side.medialLps().times(Math.sin(a)));
        Vec3 u = SUPERIOR.times(Math.sin(c)).plus(horizontal.times(Math.cos(c)));
        return entryLps.plusScaled(u, depthMm);
    }
}
