package org.vertebroplan.app;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Renders one slice of a volume into ARGB pixels: trilinear HU sampling at each pixel centre of a
 * {@link SliceGeometry}, mapped to grey by a {@link WindowLevel}. Points outside the voxel grid are
 * black. Pure computation (no JavaFX), so it can be tested and run anywhere.
 *
 * <p>Cost: one trilinear sample per pixel (about 1M for the largest grid), a few tens of ms.
 */
public final class SliceRenderer {

    /** HU value used outside the volume (air). */
    public static final double OUTSIDE_HU = -1024;

    private SliceRenderer() {
    }

    /** ARGB pixels (row-major, {@code width * height}) of the slice at {@code normalPosition}. */
    public static int[] render(Volume volume, SliceGeometry g, double normalPosition, WindowLevel window) {
        int[] argb = new int[g.width() * g.height()];
        Vec3 right = g.orientation().right().times(g.pixelMm());
        for (int v = 0; v < g.height(); v++) {
            Vec3 rowStart = g.lpsAt(0, v, normalPosition);
            for (int u = 0; u < g.width(); u++) {
                Vec3 p = rowStart.plus(right.times(u));
                double hu = volume.sample(p, Double.NaN);
                int grey = Double.isNaN(hu) ? 0 : window.grey(hu);
                argb[v * g.width() + u] = 0xFF000000 | grey << 16 | grey << 8 | grey;
            }
        }
        return argb;
    }

    /** HU at an LPS point, or NaN outside the volume (for the status read-out). */
    public static double huAt(Volume volume, Vec3 lps) {
        return volume.sample(lps, Double.NaN);
    }
}
