package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal single-stroke font for engraving labels (sides, vertebral levels, short case codes): each
 * glyph is a few line segments on a 4 x 6 unit cell. Engraved as capsules of the stroke width, so the
 * letters need no meshing of their own: they are one more shape in the base's distance field.
 */
final class StrokeFont {

    /** One stroke segment in glyph units (x right, y up). */
    record Segment(double x0, double y0, double x1, double y1) {
    }

    static final double CELL_WIDTH = 4;
    static final double CELL_HEIGHT = 6;
    static final double ADVANCE = 5.5;

    private static final Map<Character, double[]> GLYPHS = Map.ofEntries(
        // polylines: x,y pairs; NaN,NaN starts a new stroke
        Map.entry('L', new double[] {0, 6, 0, 0, 4, 0}),
        Map.entry('R', new double[] {0, 0, 0, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3, Double.NaN, Double.NaN, 2, 3, 4, 0}),
        Map.entry('T', new double[] {0, 6, 4, 6, Double.NaN, Double.NaN, 2, 6, 2, 0}),
        Map.entry('C', new double[] {4, 5, 3, 6, 1, 6, 0, 5, 0, 1, 1, 0, 3, 0, 4, 1}),
        Map.entry('S', new double[] {4, 5, 3, 6, 1, 6, 0, 5, 0, 4, 1, 3, 3, 3, 4, 2, 4, 1, 3, 0, 1, 0, 0, 1}),
        Map.entry('0', new double[] {1, 0, 0, 1, 0, 5, 1, 6, 3, 6, 4, 5, 4, 1, 3, 0, 1, 0}),
        Map.entry('1', new double[] {1, 5, 2, 6, 2, 0, Double.NaN, Double.NaN, 1, 0, 3, 0}),
        Map.entry('2', new double[] {0, 5, 1, 6, 3, 6, 4, 5, 4, 4, 0, 0, 4, 0}),
        Map.entry('3', new double[] {0, 5, 1, 6, 3, 6, 4, 5, 4, 4, 3, 3, 4, 2, 4, 1, 3, 0, 1, 0, 0, 1,
            Double.NaN, Double.NaN, 1, 3, 3, 3}),
        Map.entry('4', new double[] {3, 0, 3, 6, 0, 2, 4, 2}),
        Map.entry('5', new double[] {4, 6, 0, 6, 0, 3, 3, 3, 4, 2, 4, 1, 3, 0, 0, 0}),
        Map.entry('6', new double[] {3, 6, 1, 6, 0, 5, 0, 1, 1, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3}),
        Map.entry('7', new double[] {0, 6, 4, 6, 1, 0}),
        Map.entry('8', new double[] {1, 3, 0, 4, 0, 5, 1, 6, 3, 6, 4, 5, 4, 4, 3, 3, 1, 3, 0, 2, 0, 1, 1, 0, 3, 0,
            4, 1, 4, 2, 3, 3}),
        Map.entry('9', new double[] {4, 3, 1, 3, 0, 4, 0, 5, 1, 6, 3, 6, 4, 5, 4, 1, 3, 0, 1, 0}),
        Map.entry('-', new double[] {1, 3, 3, 3}));

    private StrokeFont() {
    }

    static boolean supports(char c) {
        return c == ' ' || GLYPHS.containsKey(Character.toUpperCase(c));
    }

    /** The segments of a text, left to right from (0, 0), in glyph units; unknown characters are skipped. */
    static List<Segment> layout(String text) {
        List<Segment> out = new ArrayList<>();
        double x = 0;
        for (char raw : text.toCharArray()) {
            double[] g = GLYPHS.get(Character.toUpperCase(raw));
            if (g != null) {
                for (int i = 0; i + 3 < g.length; i += 2) {
                    if (Double.isNaN(g[i]) || Double.isNaN(g[i + 2])) {
                        continue;
                    }
                    out.add(new Segment(x + g[i], g[i + 1], x + g[i + 2], g[i + 3]));
                }
            }
            x += ADVANCE;
        }
        return out;
    }

    /** Width of a laid-out text in glyph units. */
    static double width(String text) {
        return text.isEmpty() ? 0 : (text.length() - 1) * ADVANCE + CELL_WIDTH;
    }
}
