package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * A needle in the surgeon's terms, derived from its entry and target exactly as docs/architecture.md
 * "Coordinates, units, angles" defines them. With u = unit(target - entry):
 * <ul>
 *   <li>{@code depthMm} = |target - entry|;</li>
 *   <li>{@code cranialDeg} = asin(u . S), positive when the tip heads cranially;</li>
 *   <li>{@code abductionDeg} = atan2(u . M, u . A), positive when the tip converges medially;</li>
 * </ul>
 * with the patient-frame axes S = +z, A = -y, M = -x for a left needle and +x for a right one (LPS).
 * {@link #targetFrom} is the inverse: u = S sin(c) + cos(c) (A cos(a) + M sin(a)).
 *
 * <p>By default the axes are the patient frame's; with an {@link AngleFrame} (e.g. a vertebra frame from
 * the endplate and the mid-sagittal plane) the same formulas use that frame's S, A and M axes.
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
        return of(side, entryLps, targetLps, AngleFrame.PATIENT);
    }

    /** Depth and angles with the axes of {@code frame}. */
    public static NeedleGeometry of(Side side, Vec3 entryLps, Vec3 targetLps, AngleFrame frame) {
        Vec3 d = targetLps.minus(entryLps);
        double depth = d.norm();
        Vec3 u = d.normalized();
        double sinC = Math.max(-1, Math.min(1, u.dot(frame.superior())));
        double cranial = Math.toDegrees(Math.asin(sinC));
        double abduction = Math.toDegrees(Math.atan2(u.dot(frame.medial(side)), u.dot(frame.anterior())));
        return new NeedleGeometry(depth, cranial, abduction);
    }

    /** The target reached from {@code entryLps} with these angles and depth (inverse of {@link #of}). */
    public static Vec3 targetFrom(Side side, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm) {
        return targetFrom(side, entryLps, cranialDeg, abductionDeg, depthMm, AngleFrame.PATIENT);
    }

    /** Like {@link #targetFrom(Side, Vec3, double, double, double)} with the axes of {@code frame}. */
    public static Vec3 targetFrom(Side side, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm,
                                  AngleFrame frame) {
        double c = Math.toRadians(cranialDeg);
        double a = Math.toRadians(abductionDeg);
        Vec3 horizontal = frame.anterior().times(Math.cos(a)).plus(frame.medial(side).times(Math.sin(a)));
        Vec3 u = frame.superior().times(Math.sin(c)).plus(horizontal.times(Math.cos(c)));
        return entryLps.plusScaled(u, depthMm);
    }
}
