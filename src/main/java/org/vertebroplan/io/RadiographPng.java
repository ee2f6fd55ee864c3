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
        if (grey.length != width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " image needs " + width * height
                + " grey values, got " + grey.length);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, width, height, grey);
        MeshFiles.writeAtomically(file, out -> ImageIO.write(img, "png", out));
    }
}
