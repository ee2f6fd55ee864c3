package org.vertebroplan.mesh;

import java.util.concurrent.atomic.AtomicInteger;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Separable Gaussian smoothing of a box of a volume, the pre-smoothing step of surface extraction
 * (noise in trabecular bone and skin otherwise gives a rough, many-pieced surface).
 *
 * <p>How: the box is copied into a new short array, then filtered in place along i, j and k with a
 * normalised kernel of standard deviation sigma (mm, converted per axis with the voxel spacing),
 * truncated at 3 sigma, borders replicated. Each pass works on one line at a time in a double buffer
 * and rounds back to whole HU (error at most 0.5 HU per pass). Lines are shared out over threads.
 *
 * <p>Limits: memory is one short per voxel of the box (a whole 512 x 512 x 600 CT: 315 MB). Axes whose
 * sigma is below 0.2 voxel are left as they are.
 */
public final class VolumeGaussian {

    private VolumeGaussian() {
    }

    /**
     * The smoothed box [i0, i1) x [j0, j1) x [k0, k1) of {@code v} as a volume of its own (same
     * voxel-to-LPS map, shifted to the box origin).
     */
    public static Volume smooth(Volume v, double sigmaMm, int i0, int i1, int j0, int j1, int k0, int k1, int threads) {
        int nx = i1 - i0, ny = j1 - j0, nz = k1 - k0;
        short[] src = v.voxels();
        short[] out = new short[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(src, v.index(i0, j0 + j, k0 + k), out, nx * (j + ny * k), nx);
            }
        }
        double[] spacing = v.spacingMm();
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        for (int axis = 0; axis < 3; axis++) {
            double s = sigmaMm / spacing[axis];
            if (s < 0.2 || n[axis] < 2) {
                continue;
            }
            double[] kernel = kernel(s);
            int a = axis;
            int lines = nx * ny * nz / n[axis];
            AtomicInteger next = new AtomicInteger();
            int block = 256;
            Thread caller = Thread.currentThread();
            java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
            Parallel.run(Math.max(1, threads), () -> {
                double[] line = new double[n[a]];
                for (int b = next.getAndAdd(block); b < lines && failure.get() == null; b = next.getAndAdd(block)) {
                    if (caller.isInterrupted()) {
                        failure.compareAndSet(null, new java.util.concurrent.CancellationException(
                            "surface computation cancelled"));
                        return;
                    }
                    for (int l = b; l < Math.min(lines, b + block); l++) {
                        filterLine(out, lineStart(l, a, nx, ny), stride[a], n[a], kernel, line);
                    }
                }
            });
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        Affine3 m = v.ijkToLps();
        Vec3 origin = m.apply(i0, j0, k0);
        return new Volume(nx, ny, nz, out, Affine3.fromColumns(m.column(0), m.column(1), m.column(2), origin));
    }

    /** The first voxel of line l along axis a (lines numbered over the two other axes). */
    private static int lineStart(int l, int a, int nx, int ny) {
        if (a == 0) {
            return l * nx; // l = j + ny * k
        } else if (a == 1) {
            int i = l % nx, k = l / nx;
            return i + nx * ny * k;
        }
        return l; // l = i + nx * j
    }

    private static double[] kernel(double sigmaVoxels) {
        int r = (int) Math.ceil(3 * sigmaVoxels);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int x = -r; x <= r; x++) {
            k[x + r] = Math.exp(-0.5 * x * x / (sigmaVoxels * sigmaVoxels));
            sum += k[x + r];
        }
        for (int x = 0; x < k.length; x++) {
            k[x] /= sum;
        }
        return k;
    }

    private static void filterLine(short[] data, int start, int stride, int n, double[] kernel, double[] line) {
        for (int x = 0; x < n; x++) {
            line[x] = data[start + x * stride];
        }
        int r = kernel.length / 2;
        for (int x = 0; x < n; x++) {
            double s = 0;
            for (int d = -r; d <= r; d++) {
                int y = Math.min(n - 1, Math.max(0, x + d));
                s += kernel[d + r] * line[y];
            }
            long rounded = Math.round(s);
            data[start + x * stride] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
        }
    }
}
