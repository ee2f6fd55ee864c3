package org.vertebroplan.guide;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Not a test: makes the engineer guide's pictures from a package's report.html (as GuideDebugTool writes
 * it): the four expected fluoroscopy shots side by side, and the print job on the plate.
 * Usage: GuideSheetPictureTool PACKAGE_DIR IMAGES_DIR
 */
public final class GuideSheetPictureTool {

    public static void main(String[] args) throws Exception {
        String html = Files.readString(Path.of(args[0], "report.html"));
        Matcher m = Pattern.compile("alt=\"([^\"]+)\"[^>]*src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        List<BufferedImage> drr = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        BufferedImage job = null;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            if (m.group(1).contains(" at ")) {
                drr.add(img);
                titles.add(m.group(1));
            } else if (m.group(1).equals("print job")) {
                job = img;
            }
        }
        int scale = 3, w = 0, h = 0;
        for (BufferedImage i : drr) {
            w += i.getWidth() * scale + 10;
            h = Math.max(h, i.getHeight() * scale);
        }
        BufferedImage out = new BufferedImage(w, h + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int x = 0;
        for (int k = 0; k < drr.size(); k++) {
            BufferedImage i = drr.get(k);
            g.drawImage(i, x, 24, i.getWidth() * scale, i.getHeight() * scale, null);
            g.setColor(Color.BLACK);
            g.drawString(titles.get(k), x + 4, 16);
            x += i.getWidth() * scale + 10;
        }
        g.dispose();
        ImageIO.write(out, "png", Path.of(args[1], "guide-sheet-fluoro.png").toFile());
        if (job != null) {
            ImageIO.write(job, "png", Path.of(args[1], "guide-print-job.png").toFile());
        }
    }
}
