package org.vertebroplan.fluoro;

import java.util.Map;

/**
 * A 5 x 7 pixel bitmap font for the orientation letters burnt into a shot (A, P, L, R, S, I), drawn
 * white with a one-pixel black outline so they read on air and on bone alike.
 */
final class Glyphs {

    /** Where the given point sits on the text. */
    enum Anchor { LEFT, RIGHT, TOP, BOTTOM }

    static final int WIDTH = 5;
    static final int HEIGHT = 7;
    private static final int ADVANCE = 6;

    private static final Map<Character, String[]> FONT = Map.of(
        'A', new String[] {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
        'I', new String[] {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "#####"},
        'L', new String[] {"#....", "#....", "#....", "#....", "#....", "#....", "#####"},
        'P', new String[] {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
        'R', new String[] {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"},
        'S', new String[] {".####", "#....", "#....", ".###.", "....#", "....#", "####."});

    private Glyphs() {
    }

    /** Width of a text in pixels at this scale. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : ((text.length() - 1) * ADVANCE + WIDTH) * scale;
    }

    /** Draws {@code text} into the n x n grey image, anchored at (x, y). Unknown characters are skipped. */
    static void draw(byte[] grey, int n, String text, int x, int y, Anchor anchor, int scale) {
        int w = width(text, scale), h = HEIGHT * scale;
        int left = switch (anchor) {
            case LEFT -> x;
            case RIGHT -> x - w + 1;
            case TOP, BOTTOM -> x - w / 2;
        };
        int top = switch (anchor) {
            case LEFT, RIGHT -> y - h / 2;
            case TOP -> y;
            case BOTTOM -> y - h + 1;
        };
        for (int pass = 0; pass < 2; pass++) { // the black outline first, then the white letters
            for (int t = 0; t < text.length(); t++) {
                String[] rows = FONT.get(text.charAt(t));
                if (rows == null) {
                    continue;
                }
                int gx = left + t * ADVANCE * scale;
                for (int gy = 0; gy < HEIGHT; gy++) {
                    for (int g = 0; g < WIDTH; g++) {
                        if (rows[gy].charAt(g) == '#') {
                            int grow = pass == 0 ? 1 : 0;
                            fill(grey, n, gx + g * scale - grow, top + gy * scale - grow, scale + 2 * grow,
                                pass == 0 ? 0 : 255);
                        }
                    }
                }
            }
        }
    }

    private static void fill(byte[] grey, int n, int x, int y, int side, int value) {
        for (int r = Math.max(0, y); r < Math.min(n, y + side); r++) {
            for (int c = Math.max(0, x); c < Math.min(n, x + side); c++) {
                grey[c + n * r] = (byte) value;
            }
        }
    }
}
