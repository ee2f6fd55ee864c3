package org.vertebroplan.guide;

/**
 * Exact Euclidean distance transform of a binary grid with isotropic spacing: for every voxel, the
 * distance (in voxels) to the nearest feature voxel.
 *
 * <p>How: the separable algorithm of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled
 * Functions", Theory of Computing 8, 2012): a 1D lower envelope of parabolas along x, then y, then z,
 * on squared distances. Linear in the voxel count; one float per voxel plus line buffers.
 *
 * <p>Limits: isotropic spacing only (the guide grid is isotropic); grids up to 2^31 voxels.
 */
final class DistanceTransform {

    private static final float INF = 1e20f;

    private DistanceTransform() {
    }

    /** Squared distances in voxels; {@code feature[i]} marks the voxels distances are measured to. */
    static float[] squared(boolean[] feature, int nx, int ny, int nz) {
        float[] f = new float[feature.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = feature[i] ? 0 : INF;
        }
        int n = Math.max(nx, Math.max(ny, nz));
        float[] line = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        float[] z = new float[n + 1];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    line[i] = f[base + i];
                }
                pass(line, nx, out, v, z);
                for (int i = 0; i < nx; i++) {
                    f[base + i] = out[i];
                }
            }
        }
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    line[j] = f[i + nx * (j + ny * k)];
                }
                pass(line, ny, out, v, z);
                for (int j = 0; j < ny; j++) {
                    f[i + nx * (j + ny * k)] = out[j];
                }
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                for (int k = 0; k < nz; k++) {
                    line[k] = f[i + nx * (j + ny * k)];
                }
                pass(line, nz, out, v, z);
                for (int k = 0; k < nz; k++) {
                    f[i + nx * (j + ny * k)] = out[k];
                }
            }
        }
        return f;
    }

    /** One 1D pass: out[q] = min_p (q - p)^2 + f[p]. */
    private static void pass(float[] f, int n, float[] out, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        for (int q = 1; q < n; q++) {
            if (f[q] >= INF) {
                continue;
            }
            if (f[v[0]] >= INF) {
                v[0] = q;
                continue;
            }
            float s;
            while (true) {
                int p = v[k];
                s = ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * q - 2f * p);
                if (s <= z[k] && k > 0) {
                    k--;
                } else {
                    break;
                }
            }
            if (s <= z[k]) {
                v[k] = q; // k == 0 and the new parabola wins everywhere
                z[k + 1] = INF;
                continue;
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        if (f[v[0]] >= INF) {
            for (int q = 0; q < n; q++) {
                out[q] = INF;
            }
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            float d = q - v[k];
            out[q] = d * d + f[v[k]];
        }
    }
}
