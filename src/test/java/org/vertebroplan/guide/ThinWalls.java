package org.vertebroplan.guide;

import java.util.List;

/**
 * Thin-wall measurement on a 2D section of a part: the section's material is rasterized, opened by a disc
 * of the minimum wall's diameter (a pixel is thick when a disc of that diameter inside the material covers
 * it) and the material left over is measured as connected pieces. A 90-degree corner leaves a sliver of
 * about 0.2 r^2; a wall thinner than the minimum or an acute lip leaves a long strip.
 */
final class ThinWalls {

    /** When set (system property thinwalls.debug = a path prefix), every measured section is saved as PNG. */
    static final String DEBUG = System.getProperty("thinwalls.debug");
    private static int debugCount;

    private ThinWalls() {
    }

    /** A rasterized section: material per pixel, pixel size, origin. */
    record Raster(boolean[] material, int nx, int ny, double res, double x0, double y0) {
    }

    /** Even-odd fill of a closed section's segments ({x0, y0, x1, y1}) over a window. */
    static Raster rasterize(List<double[]> segs, double x0, double y0, double w, double h, double res) {
        int nx = (int) Math.ceil(w / res), ny = (int) Math.ceil(h / res);
        boolean[] m = new boolean[nx * ny];
        double[] xs = new double[segs.size()];
        for (int j = 0; j < ny; j++) {
            double y = y0 + (j + 0.5) * res;
            int n = 0;
            for (double[] s : segs) {
                if ((s[1] <= y) != (s[3] <= y)) {
                    xs[n++] = s[0] + (y - s[1]) / (s[3] - s[1]) * (s[2] - s[0]);
                }
            }
            java.util.Arrays.sort(xs, 0, n);
            for (int k = 0; k + 1 < n; k += 2) {
                int a = (int) Math.ceil((xs[k] - x0) / res - 0.5), b = (int) Math.floor((xs[k + 1] - x0) / res - 0.5);
                for (int i = Math.max(0, a); i <= Math.min(nx - 1, b); i++) {
                    m[i + nx * j] = true;
                }
            }
        }
        return new Raster(m, nx, ny, res, x0, y0);
    }

    /**
     * The area (mm^2) of the largest piece of material that no disc of radius {@code r} inside the material
     * covers. Outside the window counts as material (the window cuts the part, it is not an edge of it), and
     * material within two radii of the window's edge is not judged.
     */
    static double largestThinAreaMm2(Raster g, double r) {
        int nx = g.nx(), ny = g.ny();
        double rp = r / g.res();
        float[] toVoid = edt(g.material(), nx, ny, false); // squared pixel distance to the nearest void
        boolean[] core = new boolean[nx * ny];
        for (int p = 0; p < core.length; p++) {
            core[p] = g.material()[p] && toVoid[p] >= rp * rp;
        }
        float[] toCore = edt(core, nx, ny, true);
        // material cut by the window's edge is not judged: discs beyond the edge would have covered it
        boolean[] thin = new boolean[nx * ny];
        int edge = (int) Math.ceil(2 * rp) + 2;
        for (int p = 0; p < thin.length; p++) {
            int i = p % nx, j = p / nx;
            boolean inner = i >= edge && j >= edge && i < nx - edge && j < ny - edge;
            thin[p] = inner && g.material()[p] && toCore[p] > rp * rp;
        }
        if (DEBUG != null) {
            try {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(nx, ny,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < thin.length; p++) {
                    img.setRGB(p % nx, ny - 1 - p / nx, thin[p] ? 0xff0000 : g.material()[p] ? 0x999999 : 0xffffff);
                }
                javax.imageio.ImageIO.write(img, "png", new java.io.File(DEBUG + (debugCount++) + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        int largest = 0;
        int[] stack = new int[nx * ny];
        for (int p = 0; p < thin.length; p++) {
            if (!thin[p]) {
                continue;
            }
            int size = 0, top = 0;
            stack[top++] = p;
            thin[p] = false;
            while (top > 0) {
                int q = stack[--top];
                size++;
                int i = q % nx, j = q / nx;
                int[] nb = {i > 0 ? q - 1 : -1, i < nx - 1 ? q + 1 : -1, j > 0 ? q - nx : -1, j < ny - 1 ? q + nx : -1};
                for (int b : nb) {
                    if (b >= 0 && thin[b]) {
                        thin[b] = false;
                        stack[top++] = b;
                    }
                }
            }
            largest = Math.max(largest, size);
        }
        return largest * g.res() * g.res();
    }

    /**
     * Squared Euclidean distance (pixels) of every pixel to the nearest pixel where {@code set} holds
     * ({@code target} true) or does not hold ({@code target} false); pixels beyond the border are not
     * targets. The guide's own exact transform ({@link DistanceTransform}) on a one-slice grid.
     */
    static float[] edt(boolean[] set, int nx, int ny, boolean target) {
        boolean[] feature = new boolean[set.length];
        for (int p = 0; p < set.length; p++) {
            feature[p] = set[p] == target;
        }
        return DistanceTransform.squared(feature, nx, ny, 1);
    }
}
