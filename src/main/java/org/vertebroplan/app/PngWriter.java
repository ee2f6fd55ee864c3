package org.vertebroplan.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;
import org.vertebroplan.io.AtomicFiles;

/**
 * Saves a JavaFX image as PNG without javafx-swing: PixelReader -> ARGB BufferedImage -> ImageIO.
 * Written atomically ({@link AtomicFiles}), so a reader never sees half a file.
 */
public final class PngWriter {

    private PngWriter() {
    }

    public static void write(Image image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader r = image.getPixelReader();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            bi.setRGB(0, y, w, 1, row, 0, w);
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + file + ": folder " + dir + " does not exist");
        }
        AtomicFiles.write(abs, out -> {
            if (!ImageIO.write(bi, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
