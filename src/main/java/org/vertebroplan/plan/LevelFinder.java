package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Finds the cranio-caudal extent of the vertebral body around a point, from endplate to endplate.
 *
 * <p>How: a profile of the mean HU in a small square patch around the point is taken slice by slice
 * along LPS z. Discs are darker than the body (and its bright endplates), so the body is the run of
 * slices around the point whose mean stays above half-way between the point's own level and the
 * darkest slice found on that side (the disc). Slices are resampled along z through the volume's
 * trilinear sampling, so any slice orientation works.
 *
 * <p>Limits: a collapsed disc or bridging bone between two bodies gives no dark slice; then the full
 * search range is returned.
 */
final class LevelFinder {

    private LevelFinder() {
    }

    /** {zLow, zHigh} of the body around {@code centreLps}, LPS mm, within +-searchMm. */
    static double[] bodyZRange(Volume v, Vec3 centreLps, double searchMm, double patchHalfMm) {
        double step = 0.5;
        int n = (int) Math.round(searchMm / step);
        double[] profile = new double[2 * n + 1];
        for (int s = -n; s <= n; s++) {
            profile[s + n] = patchMean(v, centreLps.plus(new Vec3(0, 0, s * step)), patchHalfMm);
        }
        double centre = 0;
        int c = 0;
        for (int s = -2; s <= 2; s++) {
            if (!Double.isNaN(profile[n + s])) {
                centre += profile[n + s];
                c++;
            }
        }
        centre = c == 0 ? Double.NaN : centre / c;
        double zHigh = walk(profile, n, +1, centre, step);
        double zLow = walk(profile, n, -1, centre, step);
        return new double[] {centreLps.z() + zLow, centreLps.z() + zHigh};
    }

    private static double walk(double[] profile, int n, int dir, double centre, double step) {
        double min = Double.POSITIVE_INFINITY;
        for (int s = 0; s <= n; s++) {
            double m = profile[n + dir * s];
            if (!Double.isNaN(m)) {
                min = Math.min(min, m);
            }
        }
        if (Double.isNaN(centre) || !(centre - min > 30)) {
            return dir * n * step; // no disc found on this side
        }
        double threshold = min + 0.5 * (centre - min);
        for (int s = 1; s <= n; s++) {
            double m = profile[n + dir * s];
            if (Double.isNaN(m) || m < threshold) {
                return dir * (s - 1) * step;
            }
        }
        return dir * n * step;
    }

    private static double patchMean(Volume v, Vec3 c, double half) {
        double sum = 0;
        int count = 0;
        for (double dy = -half; dy <= half; dy += 1) {
            for (double dx = -half; dx <= half; dx += 1) {
                double hu = v.sample(c.plus(new Vec3(dx, dy, 0)), Double.NaN);
                if (!Double.isNaN(hu)) {
                    sum += hu;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
