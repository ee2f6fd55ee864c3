package org.vertebroplan.fluoro;

import java.util.Arrays;
import java.util.Locale;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Vec3;

/**
 * A shot as a fluoroscope's monitor shows it: log display (grey linear in the line integral, i.e. in
 * the log of the detected intensity), dense matter dark, air white, the needles black, with the
 * patient's orientation letters burnt in at the middle of each edge.
 *
 * <p>Window: like a C-arm's automatic brightness control, it is set from the patient alone (never
 * the steel) in the measuring field, the central disc of half the image's width, leaving out pixels
 * beside the body (a line integral under {@value #BODY_MIN}); with less than a tenth of the field in
 * the body, air is white and {@value #MIN_WIDTH} black. The field's median line integral is shown mid grey; the window is four times as wide as the
 * spread from the median to the 99th percentile (at least {@value #MIN_WIDTH}, about 25 mm of water),
 * so soft tissue is mid grey, bone darker (the densest percent at about a quarter grey), air white
 * and steel black.
 */
public final class FluoroDisplay {

    /** The window: the line integral shown white ({@code white}) and the one shown black ({@code black}). */
    public record Window(double white, double black) {
        public Window {
            if (!(black > white) || !Double.isFinite(white + black)) {
                throw new IllegalArgumentException("window: black (" + black + ") must exceed white (" + white + ")");
            }
        }

        /** The grey (0 black .. 255 white) of a line integral. */
        public int grey(double lineIntegral) {
            double g = 255 * (black - lineIntegral) / (black - white);
            return (int) Math.max(0, Math.min(255, Math.round(g)));
        }
    }

    static final double HIGH_PERCENTILE = 99;
    /** The narrowest window, in line-integral units. */
    static final double MIN_WIDTH = 0.5;
    /** Line integrals below this are air beside the body (less than 5 mm of water). */
    static final double BODY_MIN = 0.1;

    private FluoroDisplay() {
    }

    /** The automatic window of a shot (see the class comment). */
    public static Window autoWindow(DrrImage img) {
        int n = img.size();
        double c = (n - 1) / 2.0, radius = n / 4.0;
        float[] field = new float[n * n];
        int count = 0, body = 0;
        for (int r = 0; r < n; r++) {
            for (int col = 0; col < n; col++) {
                if ((col - c) * (col - c) + (r - c) * (r - c) <= radius * radius) {
                    float v = img.tissueAt(col, r);
                    field[count++] = v;
                    if (v >= BODY_MIN) {
                        body++;
                    }
                }
            }
        }
        if (body < count / 10 || body == 0) {
            return new Window(0, MIN_WIDTH); // no patient in the field: air white, anything in it dark
        }
        float[] values = new float[body];
        int m = 0;
        for (int p = 0; p < count; p++) {
            if (field[p] >= BODY_MIN) {
                values[m++] = field[p];
            }
        }
        Arrays.sort(values);
        double level = percentile(values, 50);
        double width = Math.max(MIN_WIDTH, 4 * (percentile(values, HIGH_PERCENTILE) - level));
        return new Window(level - width / 2, level + width / 2);
    }

    private static double percentile(float[] sorted, double pct) {
        return sorted[(int) Math.round(pct / 100 * (sorted.length - 1))];
    }

    /** The displayed image (row by row, 0 black .. 255 white) with the automatic window and the letters. */
    public static byte[] show(DrrImage img) {
        return show(img, autoWindow(img));
    }

    /** The displayed image with the given window and the orientation letters. */
    public static byte[] show(DrrImage img, Window w) {
        int n = img.size();
        byte[] grey = new byte[n * n];
        Parallel.forEach(Parallel.defaultThreads(), n, r -> {
            for (int c = 0; c < n; c++) {
                grey[c + n * r] = (byte) w.grey(img.at(c, r));
            }
        });
        burnLetters(grey, n, img.carm());
        return grey;
    }

    /**
     * The orientation letters of an image direction: the patient axes (L/R, P/A, S/I) it has a
     * component of at least 0.3 along, largest first ("L", "LP", ...), as DICOM's Patient Orientation
     * spells them.
     */
    public static String letters(Vec3 direction) {
        double[] comp = {direction.x(), direction.y(), direction.z()};
        String[] pos = {"L", "P", "S"}, neg = {"R", "A", "I"};
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (p, q) -> Double.compare(Math.abs(comp[q]), Math.abs(comp[p])));
        StringBuilder b = new StringBuilder();
        for (int axis : order) {
            if (Math.abs(comp[axis]) >= 0.3) {
                b.append(comp[axis] > 0 ? pos[axis] : neg[axis]);
            }
        }
        return b.toString();
    }

    /** Burns the orientation letters of the four edges into the image (white with a black outline). */
    static void burnLetters(byte[] grey, int n, CArm carm) {
        int scale = Math.max(1, n / 170);
        int margin = 2 * scale + 2;
        Vec3 right = carm.detectorRight(), down = carm.detectorDown();
        Glyphs.draw(grey, n, letters(right.times(-1)), margin, n / 2, Glyphs.Anchor.LEFT, scale);
        Glyphs.draw(grey, n, letters(right), n - 1 - margin, n / 2, Glyphs.Anchor.RIGHT, scale);
        Glyphs.draw(grey, n, letters(down.times(-1)), n / 2, margin, Glyphs.Anchor.TOP, scale);
        Glyphs.draw(grey, n, letters(down), n / 2, n - 1 - margin, Glyphs.Anchor.BOTTOM, scale);
    }

    /** The letters of an image edge ("left", "right", "top", "bottom"), as burnt in. */
    public static String edgeLetters(CArm carm, String edge) {
        return switch (edge.toLowerCase(Locale.ROOT)) {
            case "left" -> letters(carm.detectorRight().times(-1));
            case "right" -> letters(carm.detectorRight());
            case "top" -> letters(carm.detectorDown().times(-1));
            case "bottom" -> letters(carm.detectorDown());
            default -> throw new IllegalArgumentException("edge: left, right, top or bottom");
        };
    }
}
