import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the program's icon (a vertebra seen from above, two needles entering along its pedicles) and writes it
 * in every form the installers and the window need. Run from the project folder when the icon changes; the
 * files it writes are checked in, the build does not run it:
 *
 * <pre>java src/installer/icon/MakeIcons.java</pre>
 *
 * Writes src/installer/linux/vertebroplan.png (256 px), src/installer/windows/VertebroPlan.ico (16 to 256 px),
 * src/installer/macos/VertebroPlan.icns (128 to 1024 px) and the window's icon
 * src/main/resources/org/vertebroplan/app/vertebroplan.png (128 px).
 */
public final class MakeIcons {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root.resolve("src/installer/linux/vertebroplan.png"), png(draw(256)));
        write(root.resolve("src/main/resources/org/vertebroplan/app/vertebroplan.png"), png(draw(128)));
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int s : new int[] {256, 64, 48, 32, 16}) {
            ico.put(s, png(draw(s)));
        }
        write(root.resolve("src/installer/windows/VertebroPlan.ico"), ico(ico));
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("ic07", png(draw(128)));
        icns.put("ic08", png(draw(256)));
        icns.put("ic09", png(draw(512)));
        icns.put("ic10", png(draw(1024)));
        write(root.resolve("src/installer/macos/VertebroPlan.icns"), icns(icns));
    }

    /** The icon at s x s pixels, drawn on a 100-unit grid. */
    static BufferedImage draw(int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(s / 100.0, s / 100.0);
        // a dark rounded tile, like a CT viewer's background
        g.setPaint(new GradientPaint(0, 0, new Color(0x24, 0x3b, 0x55), 0, 100, new Color(0x0f, 0x1a, 0x28)));
        g.fill(new RoundRectangle2D.Double(4, 4, 92, 92, 22, 22));
        // the vertebra from above: body (front, top), pedicles, lamina, spinous process (back, bottom)
        Area bone = new Area(new Ellipse2D.Double(26, 14, 48, 38));
        bone.add(new Area(new RoundRectangle2D.Double(29, 42, 14, 22, 8, 8)));
        bone.add(new Area(new RoundRectangle2D.Double(57, 42, 14, 22, 8, 8)));
        bone.add(new Area(new RoundRectangle2D.Double(22, 59, 56, 9, 8, 8)));
        bone.add(new Area(new RoundRectangle2D.Double(45, 60, 10, 28, 8, 8)));
        bone.subtract(new Area(new Ellipse2D.Double(41, 52.5, 18, 8.5))); // the canal
        g.setColor(new Color(0xf2, 0xe6, 0xc8));
        g.fill(bone);
        g.setColor(new Color(0xb8, 0xa6, 0x80));
        g.setStroke(new BasicStroke(1.6f));
        g.draw(bone);
        // two needles, skin to body, along the pedicles
        g.setStroke(new BasicStroke(4.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x2f, 0x7d, 0xe1));
        g.draw(new Line2D.Double(14, 92, 44, 30));
        g.setColor(new Color(0xf0, 0x8a, 0x24));
        g.draw(new Line2D.Double(86, 92, 56, 30));
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A Windows icon with PNG images (Windows Vista and later read them). */
    static byte[] ico(Map<Integer, byte[]> pngs) {
        int n = pngs.size();
        ByteBuffer b = ByteBuffer.allocate(6 + 16 * n + pngs.values().stream().mapToInt(p -> p.length).sum())
            .order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) n);
        int offset = 6 + 16 * n;
        for (Map.Entry<Integer, byte[]> e : pngs.entrySet()) {
            int s = e.getKey();
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        pngs.values().forEach(b::put);
        return b.array();
    }

    /** A macOS icon file with PNG images of the given types (ic07 128 px ... ic10 1024 px). */
    static byte[] icns(Map<String, byte[]> pngs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
            d.writeBytes(e.getKey());
            d.writeInt(8 + e.getValue().length);
            d.write(e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        System.out.println(file + ": " + bytes.length + " bytes");
    }
}
