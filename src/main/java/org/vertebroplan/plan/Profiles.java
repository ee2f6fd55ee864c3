package org.vertebroplan.plan;

/**
 * Small helpers on sampled 1-D profiles of CT numbers, shared by the frame finder and the level
 * analysis: where bone ends along a walk, and the vertex of a sampled maximum.
 */
final class Profiles {

    /** A drop must be at least this many HU ... */
    static final double MIN_DROP_HU = 60;
    /** ... and at least this fraction of the way from the peak so far down to the profile's minimum. */
    static final double MIN_DROP_FRACTION = 0.4;
    /** After the drop the profile must stay low (within this many HU) for two more samples. */
    static final double STAY_LOW_HU = 20;
    /** The profile's minimum counts no lower than this (fat; air beyond the body is no reference). */
    static final double FLOOR_HU = -100;

    private Profiles() {
    }

    /**
     * The first place, walking from sample 0 outward, where dense tissue ends: the profile drops from
     * the highest value seen so far by a clear margin and stays low (an endplate into a disc, a
     * cortex into soft tissue or canal). Returns the fractional sample index of the half-way crossing
     * between that peak and the low level, or NaN when there is no such drop within {@code limit}
     * samples.
     */
    static double firstDrop(double[] p, int limit) {
        return firstDrop(p, limit, 2);
    }

    /**
     * Like {@link #firstDrop(double[], int)}, but the profile must stay low for {@code stay} samples
     * after the drop (a wall into soft tissue, not a dip in the trabecular bone).
     */
    static double firstDrop(double[] p, int limit, int stay) {
        int end = Math.min(limit, p.length - 1 - stay);
        double min = Double.POSITIVE_INFINITY;
        for (int t = 0; t < Math.min(p.length, limit + 3); t++) {
            min = Math.min(min, p[t]);
        }
        min = Math.max(min, FLOOR_HU);
        double peak = p[0];
        int peakAt = 0;
        for (int t = 1; t <= end; t++) {
            if (p[t] > peak) {
                peak = p[t];
                peakAt = t;
                continue;
            }
            double need = Math.max(MIN_DROP_HU, MIN_DROP_FRACTION * (peak - min));
            boolean stays = true;
            double low = p[t];
            for (int k = 1; k <= stay && stays; k++) {
                stays = p[t + k] <= p[t] + STAY_LOW_HU;
                low += p[t + k];
            }
            if (peak - p[t] >= need && stays) {
                low /= stay + 1;
                double half = (peak + low) / 2;
                for (int s = peakAt + 1; s <= t; s++) {
                    if (p[s] < half) {
                        return s - 1 + (p[s - 1] - half) / (p[s - 1] - p[s]);
                    }
                }
                return t;
            }
        }
        return Double.NaN;
    }

    /**
     * Where a walk that starts in bone leaves it: the first sample below {@code thresholdHu} after which
     * the profile stays below it for {@code stay} more samples, refined to the crossing between the
     * samples; NaN when it never does (within the profile).
     */
    static double firstBelow(double[] p, double thresholdHu, int stay) {
        for (int t = 1; t + stay < p.length; t++) {
            if (p[t] >= thresholdHu) {
                continue;
            }
            boolean stays = true;
            for (int k = 1; k <= stay && stays; k++) {
                stays = p[t + k] < thresholdHu;
            }
            if (stays) {
                return p[t - 1] >= thresholdHu ? t - 1 + (p[t - 1] - thresholdHu) / (p[t - 1] - p[t]) : t;
            }
        }
        return Double.NaN;
    }

    /**
     * The edge of dense tissue in front of the deepest valley of the profile (an endplate before its
     * disc): the valley is the sample whose depth below the highest values on both sides of it is
     * largest (at least {@value #MIN_DROP_HU} HU), the edge the steepest descent between the start and
     * that valley. Texture inside the body makes shallower valleys than a disc between two endplates.
     * NaN when there is no such valley.
     */
    static double edgeBeforeValley(double[] p) {
        int n = p.length;
        double[] maxAfter = new double[n];
        maxAfter[n - 1] = p[n - 1];
        for (int t = n - 2; t >= 0; t--) {
            maxAfter[t] = Math.max(p[t], maxAfter[t + 1]);
        }
        double maxBefore = p[0], bestDepth = 0;
        int valley = -1;
        for (int t = 1; t < n - 1; t++) {
            maxBefore = Math.max(maxBefore, p[t - 1]);
            double depth = Math.min(maxBefore, maxAfter[t + 1]) - p[t];
            if (depth > bestDepth) {
                bestDepth = depth;
                valley = t;
            }
        }
        if (valley < 2 || bestDepth < MIN_DROP_HU) {
            return Double.NaN;
        }
        return steepestDescent(p, 1, valley);
    }

    /**
     * Where the profile falls most steeply (largest p[t-1] - p[t+1]) with t in [from, to], refined to a
     * fraction of a sample by a parabola through the neighbouring slopes; NaN when it does not fall there.
     */
    static double steepestDescent(double[] p, double from, double to) {
        int a = Math.max(1, (int) Math.ceil(from)), b = Math.min(p.length - 2, (int) Math.floor(to));
        int best = -1;
        double bestSlope = 0;
        for (int t = a; t <= b; t++) {
            double slope = p[t - 1] - p[t + 1];
            if (slope > bestSlope) {
                bestSlope = slope;
                best = t;
            }
        }
        if (best < 0 || bestSlope < MIN_DROP_HU) {
            return Double.NaN;
        }
        if (best - 2 < 0 || best + 2 >= p.length) {
            return best;
        }
        return best + vertex(p[best - 2] - p[best], bestSlope, p[best] - p[best + 2]);
    }

    /** Offset (in samples, within -1..1) of the vertex of the parabola through three samples of a maximum. */
    static double vertex(double left, double centre, double right) {
        double den = left - 2 * centre + right;
        if (!(den < 0)) {
            return 0;
        }
        return Math.max(-1, Math.min(1, 0.5 * (left - right) / den));
    }
}
