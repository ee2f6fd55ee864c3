package org.vertebroplan.guide;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Signed distance to the skin on the guide grid, in mm, positive outside the body.
 *
 * <p>How: the CT is sampled (trilinear) at every grid voxel and thresholded at the skin iso value;
 * exact Euclidean distance transforms ({@link DistanceTransform}) of the inside and of the outside give
 * the distance to the other side, less half a voxel to reach the boundary between them. Close to the
 * skin (within 1 mm) that estimate, smoothed over a voxel or two against the staircase, is replaced by the first-order distance to the iso-surface,
 * (iso - HU) / |grad HU|, which follows the CT's own sub-voxel surface; so the base's skin side sits at
 * the designed gap from the same surface the skin mesh shows.
 *
 * <p>The body is the tissue above the skin iso value that is connected to the skin under the markers:
 * the CT table and anything else apart from the back is left out, and air not connected to the air
 * over the back (lungs, bowel) counts as body. Pits and folds narrower than about 3 mm are bridged
 * ({@link #bridgePits}). Limits: clothing or a blanket lying
 * on the back is connected to it and counts as skin. Metal markers count as body (the base has windows over them).
 */
final class SkinField {

    private SkinField() {
    }

    /**
     * @param seedsLps points just under the skin (inside the body) that say which body is meant: only the
     *                 tissue connected to them counts, so the CT table, a blanket or an arm apart from the
     *                 back are ignored
     * @param airLps   points in the air just outside the skin: only air connected to them is outside, so
     *                 air inside the body (lungs, bowel) counts as body
     */
    static float[] compute(Volume ct, GuideGrid g, java.util.List<Vec3> seedsLps, java.util.List<Vec3> airLps,
                           int threads) {
        int n = g.size();
        float[] hu = new float[n];
        Affine3 m = g.ijkToLps();
        Parallel.forEach(threads, g.nz(), k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    hu[i + g.nx() * (j + g.ny() * k)] = (float) ct.sample(m.apply(i, j, k), -1000);
                }
            }
        });
        boolean[] inside = new boolean[n];
        boolean[] outside = new boolean[n];
        for (int p = 0; p < n; p++) {
            inside[p] = hu[p] >= Tissue.SKIN_HU;
        }
        keepConnected(inside, g, seedsLps);
        for (int p = 0; p < n; p++) {
            outside[p] = !inside[p];
        }
        keepConnected(outside, g, airLps);
        for (int p = 0; p < n; p++) {
            inside[p] = !outside[p];
        }
        float[] toInside = DistanceTransform.squared(inside, g.nx(), g.ny(), g.nz());
        float[] toOutside = DistanceTransform.squared(outside, g.nx(), g.ny(), g.nz());
        double h = g.spacingMm();
        float[] s = new float[n];
        for (int p = 0; p < n; p++) {
            s[p] = inside[p] ? (float) -(Math.sqrt(toOutside[p]) * h - h / 2)
                : (float) (Math.sqrt(toInside[p]) * h - h / 2);
        }
        toInside = null;
        toOutside = null;
        // the voxel distance transform is a staircase: smooth it over a voxel or two so the base's outer
        // surface is smooth; near the skin the first-order distance below replaces it anyway
        smooth(s, g, 2.0);
        Parallel.forEach(threads, g.nz(), k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int p = i + g.nx() * (j + g.ny() * k);
                    if (Math.abs(s[p]) < 1.0) {
                        double refined = gradientDistance(ct, m.apply(i, j, k), hu[p]);
                        if (Math.abs(refined) < 1.0 && Math.signum(refined) == Math.signum(s[p])) {
                            s[p] = (float) refined;
                        }
                    }
                }
            }
        });
        bridgePits(s, g, 1.5);
        return s;
    }

    /**
     * Morphological closing of the body by a ball of radius {@code r} mm, done on distances: pits and
     * folds narrower than about 2r (a skin fold, air under a shirt) are bridged, because a rigid base
     * cannot follow them and would leave loose fragments in them. Where the closed surface stays on the
     * skin, the exact (refined) distance is kept.
     */
    static void bridgePits(float[] s, GuideGrid g, double r) {
        int n = s.length;
        double h = g.spacingMm();
        boolean[] dilatedOut = new boolean[n];
        for (int p = 0; p < n; p++) {
            dilatedOut[p] = s[p] >= r;
        }
        float[] toDilatedOut = DistanceTransform.squared(dilatedOut, g.nx(), g.ny(), g.nz());
        boolean[] closedIn = new boolean[n];
        boolean[] closedOut = new boolean[n];
        for (int p = 0; p < n; p++) {
            closedIn[p] = !dilatedOut[p] && Math.sqrt(toDilatedOut[p]) * h > r;
            closedOut[p] = !closedIn[p];
        }
        toDilatedOut = null;
        float[] toIn = DistanceTransform.squared(closedIn, g.nx(), g.ny(), g.nz());
        float[] toOut = DistanceTransform.squared(closedOut, g.nx(), g.ny(), g.nz());
        float[] closed = new float[n];
        for (int p = 0; p < n; p++) {
            closed[p] = closedIn[p] ? (float) -(Math.sqrt(toOut[p]) * h - h / 2) : (float) (Math.sqrt(toIn[p]) * h - h / 2);
        }
        toIn = null;
        toOut = null;
        smooth(closed, g, 2.0);
        for (int p = 0; p < n; p++) {
            if (Math.abs(closed[p] - s[p]) > 0.25) {
                s[p] = closed[p]; // a bridged pit: follow the closed surface
            }
        }
    }

    /** Keeps only the set voxels 6-connected to a seed (the nearest set voxel of each seed point). */
    static void keepConnected(boolean[] inside, GuideGrid g, java.util.List<Vec3> seedsLps) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz(), slice = nx * ny;
        boolean[] keep = new boolean[inside.length];
        int[] queue = new int[1 << 16];
        int head = 0, tail = 0;
        Affine3 toIjk = g.ijkToLps().inverse();
        for (Vec3 seed : seedsLps) {
            Vec3 q = toIjk.apply(seed);
            int ci = (int) Math.round(q.x()), cj = (int) Math.round(q.y()), ck = (int) Math.round(q.z());
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int k = Math.max(0, ck - 8); k <= Math.min(nz - 1, ck + 8); k++) {
                for (int j = Math.max(0, cj - 8); j <= Math.min(ny - 1, cj + 8); j++) {
                    for (int i = Math.max(0, ci - 8); i <= Math.min(nx - 1, ci + 8); i++) {
                        int p = i + nx * (j + ny * k);
                        double d = (i - q.x()) * (i - q.x()) + (j - q.y()) * (j - q.y()) + (k - q.z()) * (k - q.z());
                        if (inside[p] && d < bestD) {
                            bestD = d;
                            best = p;
                        }
                    }
                }
            }
            if (best >= 0 && !keep[best]) {
                keep[best] = true;
                if (tail == queue.length) {
                    queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                }
                queue[tail++] = best;
            }
        }
        while (head < tail) {
            int p = queue[head++];
            int i = p % nx, j = (p / nx) % ny, k = p / slice;
            int[] nb = {i > 0 ? p - 1 : -1, i < nx - 1 ? p + 1 : -1, j > 0 ? p - nx : -1, j < ny - 1 ? p + nx : -1,
                k > 0 ? p - slice : -1, k < nz - 1 ? p + slice : -1};
            for (int q : nb) {
                if (q >= 0 && inside[q] && !keep[q]) {
                    keep[q] = true;
                    if (tail == queue.length) {
                        // compact the consumed head of the queue before growing it
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                        if (tail == queue.length) {
                            queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                        }
                    }
                    queue[tail++] = q;
                }
            }
        }
        System.arraycopy(keep, 0, inside, 0, inside.length);
    }

    /** Separable Gaussian smoothing in place, sigma in voxels, clamped at the grid border. */
    static void smooth(float[] f, GuideGrid g, double sigmaVoxels) {
        int r = (int) Math.ceil(3 * sigmaVoxels);
        float[] w = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            w[i + r] = (float) Math.exp(-i * i / (2 * sigmaVoxels * sigmaVoxels));
            sum += w[i + r];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] stride = {1, g.nx(), g.nx() * g.ny()};
        float[] line = new float[Math.max(n[0], Math.max(n[1], n[2]))];
        for (int axis = 0; axis < 3; axis++) {
            int a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
            for (int u = 0; u < n[a1]; u++) {
                for (int v = 0; v < n[a2]; v++) {
                    int base = u * stride[a1] + v * stride[a2];
                    int len = n[axis], st = stride[axis];
                    for (int t = 0; t < len; t++) {
                        line[t] = f[base + t * st];
                    }
                    for (int t = 0; t < len; t++) {
                        float acc = 0;
                        for (int k = -r; k <= r; k++) {
                            int q = Math.max(0, Math.min(len - 1, t + k));
                            acc += w[k + r] * line[q];
                        }
                        f[base + t * st] = acc;
                    }
                }
            }
        }
    }

    /** (iso - HU) / |grad HU| with a central-difference gradient; NaN-free, large when flat. */
    private static double gradientDistance(Volume ct, Vec3 p, double hu) {
        double e = 0.2;
        double gx = (ct.sample(p.plus(new Vec3(e, 0, 0)), -1000) - ct.sample(p.plus(new Vec3(-e, 0, 0)), -1000)) / (2 * e);
        double gy = (ct.sample(p.plus(new Vec3(0, e, 0)), -1000) - ct.sample(p.plus(new Vec3(0, -e, 0)), -1000)) / (2 * e);
        double gz = (ct.sample(p.plus(new Vec3(0, 0, e)), -1000) - ct.sample(p.plus(new Vec3(0, 0, -e)), -1000)) / (2 * e);
        double gn = Math.sqrt(gx * gx + gy * gy + gz * gz);
        if (gn < 100) {
            return Double.MAX_VALUE;
        }
        return (Tissue.SKIN_HU - hu) / gn;
    }
}
