package org.vertebroplan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Writes line integrals of attenuation as an 8-bit greyscale PNG the way a radiograph looks: more
 * attenuation is brighter (bone and metal white, air black). The grey levels window the image's own
 * values from their 20th to their 99.5th percentile (air and thin tissue black, the densest bone and
 * the needles white), so images of different patients look alike. Written atomically.
 */
public final class RadiographPng {

    private RadiographPng() {
    }

    public static void write(float[] attenuation, int width, int height, Path file) throws IOException {
        BufferedImage img = image(attenuation, width, height);
        MeshFiles.writeAtomically(file, out -> ImageIO.write(img, "png", out));
    }

    /** The radiograph as PNG bytes (for pages that carry their pictures inline). */
    public static byte[] png(float[] attenuation, int width, int height) throws IOException {
        return png(attenuation, width, height, null);
    }

    /**
     * Like {@link #png(float[], int, int)} with the grey window taken from the pixels not excluded (e.g.
     * where needles lie, which would otherwise take the whole range and leave the bone black).
     */
    public static byte[] png(float[] attenuation, int width, int height, boolean[] excluded) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image(attenuation, width, height, excluded), "png", out);
        return out.toByteArray();
    }

    private static BufferedImage image(float[] attenuation, int width, int height) {
        return image(attenuation, width, height, null);
    }

    private static BufferedImage image(float[] attenuation, int width, int height, boolean[] excluded) {
        float[] sorted = attenuation.clone();
        if (excluded != null) {
            int n = 0;
            for (int i = 0; i < attenuation.length; i++) {
                if (!excluded[i]) {
                    sorted[n++] = attenuation[i];
                }
            }
            sorted = Arrays.copyOf(sorted, Math.max(1, n));
        }
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.20 * (sorted.length - 1))];
        double hi = Math.max(lo + 1e-6, sorted[(int) (0.995 * (sorted.length - 1))]);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[width];
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int g = (int) Math.round(255 * (attenuation[u + width * v] - lo) / (hi - lo));
                g = Math.max(0, Math.min(255, g));
                row[u] = g << 16 | g << 8 | g;
            }
            img.setRGB(0, v, width, 1, row, 0, width);
        }
        return img;
    }
}
