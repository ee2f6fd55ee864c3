package org.vertebroplan.plan;

import java.util.Optional;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Puts a needle's entry point on the skin: walks from the target outward along the needle line until
 * the CT drops below the skin iso value (air), then refines the crossing by bisection on the
 * trilinear HU, so the entry lies on the skin surface to a few hundredths of a millimetre.
 *
 * <p>Air inside the body (lung, bowel gas) is passed: the skin is the first tissue-to-air crossing whose
 * air is outside the patient (connected to the sides of the scan, {@link OutsideAir}; the pad or the gap
 * under a patient lying on the table counts as outside).
 *
 * <p>Limits: a body whose skin lies outside the scanned volume gives no entry.
 */
public final class SkinSnapper {

    private SkinSnapper() {
    }

    /**
     * The skin point on the ray from {@code targetLps} through {@code throughLps} (and beyond), or empty
     * when the ray leaves the volume before reaching air.
     */
    public static Optional<Vec3> snap(Volume v, Vec3 targetLps, Vec3 throughLps, double skinHu) {
        Vec3 dir = throughLps.minus(targetLps).normalized();
        double step = Math.min(v.spacingMm()[0], Math.min(v.spacingMm()[1], v.spacingMm()[2])) * 0.5;
        double maxT = 600;
        double prevT = 0;
        double prev = v.sample(targetLps, Double.NaN);
        if (Double.isNaN(prev) || prev < skinHu) {
            return Optional.empty(); // the target itself is outside the body or the volume
        }
        OutsideAir outside = null;
        boolean inAir = false;
        for (double t = step; t <= maxT; t += step) {
            Vec3 p = targetLps.plus(dir.times(t));
            double hu = v.sample(p, Double.NaN);
            if (Double.isNaN(hu)) {
                return Optional.empty();
            }
            if (hu < skinHu && !inAir) {
                inAir = true;
                if (outside == null) {
                    outside = OutsideAir.cached(v);
                }
                if (outside.outsideAt(v, p.plus(dir.times(1.5)))) {
                    return Optional.of(targetLps.plus(dir.times(refine(v, targetLps, dir, prevT, t, skinHu))));
                }
                // air inside the body (lung, bowel gas): the skin is further out
            } else if (hu >= skinHu) {
                inAir = false;
            }
            prevT = t;
        }
        return Optional.empty();
    }

    private static double refine(Volume v, Vec3 targetLps, Vec3 dir, double lo, double hi, double skinHu) {
        for (int it = 0; it < 30; it++) {
            double mid = (lo + hi) / 2;
            if (v.sample(targetLps.plus(dir.times(mid)), skinHu - 1) >= skinHu) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
