package org.vertebroplan.guide;

import java.util.stream.IntStream;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
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
 * <p>Limits: the body is whatever is above the skin iso value: clothing or a blanket touching the back
 * counts as skin. Metal markers count as body (the base has windows over them).
 */
final class SkinField {

    static final double SKIN_HU = -300;

    private SkinField() {
    }

    static float[] compute(Volume ct, GuideGrid g, int threads) {
        int n = g.size();
        float[] hu = new float[n];
        Affine3 m = g.ijkToLps();
        parallel(threads, g.nz(), k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    hu[i + g.nx() * (j + g.ny() * k)] = (float) ct.sample(m.apply(i, j, k), -1000);
                }
            }
        });
        boolean[] inside = new boolean[n];
        boolean[] outside = new boolean[n];
        for (int p = 0; p < n; p++) {
            inside[p] = hu[p] >= SKIN_HU;
            outside[p] = !inside[p];
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
        parallel(threads, g.nz(), k -> {
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
        return s;
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
        return (SKIN_HU - hu) / gn;
    }

    static void parallel(int threads, int n, java.util.function.IntConsumer body) {
        if (threads <= 1) {
            for (int k = 0; k < n; k++) {
                body.accept(k);
            }
            return;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        } finally {
            pool.shutdown();
        }
    }
}
