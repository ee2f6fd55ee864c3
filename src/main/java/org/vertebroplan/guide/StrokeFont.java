package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal single-stroke block font for engraving labels (sleeve labels, vertebral levels): each
 * glyph is a few line segments on a 4 x 6 unit cell, glyphs 3 units apart. Engraved as capsules of the stroke width, so the
 * letters need no meshing of their own: they are one more shape in the base's distance field.
 */
final class StrokeFont {

    /** One stroke segment in glyph units (x right, y up). */
    record Segment(double x0, double y0, double x1, double y1) {
    }

    static final double CELL_WIDTH = 4;
    static final double CELL_HEIGHT = 6;
    static final double ADVANCE = CELL_WIDTH + 3;

    private static final double N = Double.NaN;

    /*
     * Block letters: strokes meet at right angles (or, for the leg of R, at more than 70 degrees) and
     * strokes that do not meet are at least 3 units apart, so when engraved no wall between two grooves is
     * thinner than 3 units x scale - stroke width, and no acute wedge of material is left between them.
     */
    private static final Map<Character, double[]> GLYPHS = Map.ofEntries(
        // polylines: x,y pairs; NaN,NaN starts a new stroke
        Map.entry('L', new double[] {0, 6, 0, 0, 4, 0}),
        Map.entry('R', new double[] {0, 0, 0, 6, 4, 6, 4, 3, 0, 3, N, N, 3, 3, 4, 0}),
        Map.entry('T', new double[] {0, 6, 4, 6, N, N, 2, 6, 2, 0}),
        Map.entry('C', new double[] {4, 6, 0, 6, 0, 0, 4, 0}),
        Map.entry('S', new double[] {4, 6, 0, 6, 0, 3, 4, 3, 4, 0, 0, 0}),
        Map.entry('0', new double[] {0, 0, 4, 0, 4, 6, 0, 6, 0, 0}),
        Map.entry('1', new double[] {2, 0, 2, 6}),
        Map.entry('2', new double[] {0, 6, 4, 6, 4, 3, 0, 3, 0, 0, 4, 0}),
        Map.entry('3', new double[] {0, 6, 4, 6, 4, 0, 0, 0, N, N, 0, 3, 4, 3}),
        Map.entry('4', new double[] {0, 6, 0, 3, 4, 3, N, N, 4, 6, 4, 0}),
        Map.entry('5', new double[] {4, 6, 0, 6, 0, 3, 4, 3, 4, 0, 0, 0}),
        Map.entry('6', new double[] {4, 6, 0, 6, 0, 0, 4, 0, 4, 3, 0, 3}),
        Map.entry('7', new double[] {0, 6, 4, 6, 4, 0}),
        Map.entry('8', new double[] {0, 0, 4, 0, 4, 6, 0, 6, 0, 0, N, N, 0, 3, 4, 3}),
        Map.entry('9', new double[] {4, 3, 0, 3, 0, 6, 4, 6, 4, 0, 0, 0}),
        Map.entry('-', new double[] {1, 3, 3, 3}));

    /** Distance between strokes that do not meet, within a glyph and between glyphs (units). */
    static final double MIN_GAP_UNITS = 3;

    /**
     * The scale (mm per unit) at which engraved text keeps every wall between grooves at least
     * {@code minWallMm} thick with grooves {@code strokeMm} wide.
     */
    static double engravingScale(double minWallMm, double strokeMm) {
        return 1.1 * (minWallMm + strokeMm) / MIN_GAP_UNITS; // 10 % to spare for the faceted surface
    }

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
