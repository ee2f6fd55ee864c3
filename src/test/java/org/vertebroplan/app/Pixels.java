package org.vertebroplan.app;

import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/** Pixel statistics of snapshots for rendering tests. */
final class Pixels {

    private Pixels() {
    }

    /** Lit ivory (the bone material): warm, pale, r >= g >= b with b close to r; not grey, not orange. */
    static boolean ivory(int argb) {
        int r = argb >> 16 & 0xFF;
        int g = argb >> 8 & 0xFF;
        int b = argb & 0xFF;
        return r > 80 && r >= g && g >= b && b >= 0.7 * r && r - b >= 10;
    }

    /** {count, mean x, mean y} of the ivory pixels of an image. */
    static double[] ivoryStats(Image img) {
        PixelReader pr = img.getPixelReader();
        double n = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                if (ivory(pr.getArgb(x, y))) {
                    n++;
                    sx += x;
                    sy += y;
                }
            }
        }
        return new double[] {n, n == 0 ? Double.NaN : sx / n, n == 0 ? Double.NaN : sy / n};
    }
}
