package org.vertebroplan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes an 8-bit greyscale image (row by row, 0 black to 255 white) as a PNG, atomically. */
public final class RadiographPng {

    private RadiographPng() {
    }

    public static void write(byte[] grey, int width, int height, Path file) throws IOException {
        BufferedImage img = image(grey, width, height);
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    /** The image as PNG bytes (for pages that carry their pictures inline). */
    public static byte[] png(byte[] grey, int width, int height) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image(grey, width, height), "png", out);
        return out.toByteArray();
    }

    private static BufferedImage image(byte[] grey, int width, int height) {
        if (grey.length != width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " image needs " + width * height
                + " grey values, got " + grey.length);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, width, height, grey);
        return img;
    }
}
