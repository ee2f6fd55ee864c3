package org.vertebroplan.dicom;

import org.vertebroplan.base.Parallel;
/**
 * Resamples decoded slices onto the regular grid of a {@link SeriesGeometry}: target slice k lies at
 * distance k * sk along the normal from the first slice; it is interpolated linearly between the two
 * source slices around it, each sampled bilinearly at (i - shiftI, j - shiftJ) so that in-plane shifts
 * (gantry tilt) are undone. Samples outside a source slice count as padding (air). Runs on all cores.
 */
final class Resampler {

    private Resampler() {
    }

    static short[] resample(SeriesGeometry g, short[][] slices) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int sw = g.sources().get(0).columns(), sh = g.sources().get(0).rows();
        double[] d = g.sourceOffsetsMm();
        short[] out = new short[nx * ny * nz];
        Parallel.forEach(Runtime.getRuntime().availableProcessors(), nz, k -> {
            double z = k * g.sk();
            int b = 1;
            while (b < d.length - 1 && d[b] < z) {
                b++;
            }
            int a = Math.max(0, b - 1);
            double t = d.length == 1 ? 0 : Math.max(0, Math.min(1, (z - d[a]) / (d[b] - d[a])));
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double va = sample(slices[a], sw, sh, i - g.shiftI()[a], j - g.shiftJ()[a]);
                    double v = va;
                    if (t > 0) {
                        double vb = sample(slices[b], sw, sh, i - g.shiftI()[b], j - g.shiftJ()[b]);
                        v = va + (vb - va) * t;
                    }
                    out[i + nx * (j + ny * k)] = (short) Math.floor(v + 0.5);
                }
            }
        });
        return out;
    }

    private static double sample(short[] s, int w, int h, double x, double y) {
        if (x < -1e-6 || y < -1e-6 || x > w - 1 + 1e-6 || y > h - 1 + 1e-6) {
            return PixelModule.PADDING_HU;
        }
        int x0 = Math.min((int) Math.max(0, x), w - 1), y0 = Math.min((int) Math.max(0, y), h - 1);
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double fx = Math.max(0, x - x0), fy = Math.max(0, y - y0);
        double top = s[x0 + w * y0] * (1 - fx) + s[x1 + w * y0] * fx;
        double bottom = s[x0 + w * y1] * (1 - fx) + s[x1 + w * y1] * fx;
        return top + (bottom - top) * fy;
    }
}
