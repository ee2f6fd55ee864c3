package org.vertebroplan.app;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Renders one slice of a volume into ARGB pixels: trilinear HU at each pixel centre of a
 * {@link SliceGeometry}, mapped to grey by a {@link WindowLevel}; points outside the voxel grid are
 * black. The voxel coordinates of the pixels are stepped incrementally through {@code lpsToIjk}
 * (an affine map), with the same interpolation as {@link Volume#sample}, so any orientation of the
 * volume is handled at the cost of a few multiply-adds per pixel (no allocation in the loop).
 * Pure computation (no JavaFX).
 */
public final class SliceRenderer {

    private SliceRenderer() {
    }

    /** ARGB pixels (row-major, {@code width * height}) of the slice at {@code normalPosition}. */
    public static int[] render(Volume volume, SliceGeometry g, double normalPosition, WindowLevel window) {
        int w = g.width();
        int[] argb = new int[w * g.height()];
        Affine3 toIjk = volume.lpsToIjk();
        Vec3 origin = toIjk.apply(g.lpsAt(0, 0, normalPosition));
        Vec3 du = toIjk.applyVector(g.right().times(g.pixelMm()));
        Vec3 dv = toIjk.applyVector(g.down().times(g.pixelMm()));
        int[] lut = greyLut(window);
        for (int v = 0; v < g.height(); v++) {
            double x = origin.x() + v * dv.x();
            double y = origin.y() + v * dv.y();
            double z = origin.z() + v * dv.z();
            for (int u = 0; u < w; u++) {
                double hu = interpolate(volume, x + u * du.x(), y + u * du.y(), z + u * du.z());
                int grey = Double.isNaN(hu) ? 0 : lut[Math.max(0, Math.min(lut.length - 1, (int) Math.round(hu) + 32768))];
                argb[v * w + u] = 0xFF000000 | grey << 16 | grey << 8 | grey;
            }
        }
        return argb;
    }

    private static int[] greyLut(WindowLevel window) {
        int[] lut = new int[65536];
        for (int n = 0; n < lut.length; n++) {
            lut[n] = window.grey(n - 32768);
        }
        return lut;
    }

    /** Trilinear HU at voxel coordinates, NaN outside [0, n-1] (as {@link Volume#sample}). */
    static double interpolate(Volume volume, double x, double y, double z) {
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        if (!(x >= 0 && y >= 0 && z >= 0 && x <= nx - 1 && y <= ny - 1 && z <= nz - 1)) {
            return Double.NaN;
        }
        short[] hu = volume.voxels();
        int i0 = Math.min((int) x, Math.max(nx - 2, 0));
        int j0 = Math.min((int) y, Math.max(ny - 2, 0));
        int k0 = Math.min((int) z, Math.max(nz - 2, 0));
        int di = i0 + 1 < nx ? 1 : 0;
        int dj = j0 + 1 < ny ? nx : 0;
        int dk = k0 + 1 < nz ? nx * ny : 0;
        double fx = x - i0;
        double fy = y - j0;
        double fz = z - k0;
        int p = i0 + nx * (j0 + ny * k0);
        double c00 = hu[p] * (1 - fx) + hu[p + di] * fx;
        double c10 = hu[p + dj] * (1 - fx) + hu[p + dj + di] * fx;
        double c01 = hu[p + dk] * (1 - fx) + hu[p + dk + di] * fx;
        double c11 = hu[p + dk + dj] * (1 - fx) + hu[p + dk + dj + di] * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return c0 * (1 - fz) + c1 * fz;
    }

    /** HU at an LPS point, or NaN outside the volume (for the crosshair read-out). */
    public static double huAt(Volume volume, Vec3 lps) {
        return volume.sample(lps, Double.NaN);
    }
}
