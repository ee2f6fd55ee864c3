package org.vertebroplan.plan;

import java.util.Optional;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Puts a needle's entry point on the skin: walks from the target outward along the needle line until
 * the CT drops below the skin iso value (air), then refines the crossing by bisection on the
 * trilinear HU, so the entry lies on the skin surface to a few hundredths of a millimetre.
 *
 * <p>Lung along the line is passed: the skin is the first tissue-to-air crossing after which the air
 * lasts {@value #OUTSIDE_MM} mm, reaches the edge of the volume, or is pure air (a mean below
 * {@value #OUTSIDE_AIR_HU} HU, as in the gap between the back and a table; lung reads about -850).
 *
 * <p>Limits: a body whose skin lies outside the scanned volume gives no entry.
 */
public final class SkinSnapper {

    public static final double SKIN_HU = -300;

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
        double crossing = Double.NaN, airSum = 0;
        int airCount = 0;
        boolean inAir = false;
        for (double t = step; t <= maxT; t += step) {
            double hu = v.sample(targetLps.plus(dir.times(t)), Double.NaN);
            if (Double.isNaN(hu)) {
                break; // the edge of the volume: air that reaches it is outside
            }
            if (hu < skinHu && !inAir) {
                crossing = refine(v, targetLps, dir, prevT, t, skinHu);
                inAir = true;
                airSum = 0;
                airCount = 0;
            } else if (hu >= skinHu && inAir) {
                if (airSum / Math.max(1, airCount) < OUTSIDE_AIR_HU) {
                    break; // a gap of pure air (the back on a table, clothing): the skin was its near side
                }
                inAir = false; // lung or other air inside the body: the skin is further out
            }
            if (inAir) {
                airSum += hu;
                airCount++;
                if (t - crossing >= OUTSIDE_MM) {
                    break;
                }
            }
            prevT = t;
        }
        return inAir || !Double.isNaN(crossing) && airCount > 0 && airSum / airCount < OUTSIDE_AIR_HU
            ? Optional.of(targetLps.plus(dir.times(crossing))) : Optional.empty();
    }

    /** Air whose mean CT number is below this is outside air (lung tissue is about -850 HU). */
    static final double OUTSIDE_AIR_HU = -930;

    /** Air that lasts this long along the ray is outside the body. */
    static final double OUTSIDE_MM = 30;

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
