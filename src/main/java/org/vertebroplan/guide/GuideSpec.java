package org.vertebroplan.guide;

import java.util.Locale;
import java.util.Map;

/**
 * The guide template's design parameters (mm). Missing plan keys take these defaults.
 *
 * @param printer        print process: clearances and minimum walls
 * @param gapMm          skin-to-base gap: the base's inner surface is the skin offset outward by this
 * @param thicknessMm    base shell thickness
 * @param marginMm       how far the base reaches beyond the markers and entry points
 * @param voxelMm        grid spacing of the base's distance field (its surface accuracy)
 * @param windowRadiusMm radius of the window over each skin marker
 * @param bossHeightMm   height of each sleeve boss above the skin entry, along the needle
 * @param socketDepthMm  depth of the keyed socket the sleeve collar sits in
 * @param sleeveWallMm   sleeve tube wall
 * @param bossWallMm     wall of the boss around the socket
 * @param minSleeveLengthMm a shorter sleeve does not guide: refuse and ask for a longer needle
 */
public record GuideSpec(PrinterPreset printer, double gapMm, double thicknessMm, double marginMm, double voxelMm,
                        double windowRadiusMm, double bossHeightMm, double socketDepthMm, double sleeveWallMm,
                        double bossWallMm, double minSleeveLengthMm) {

    public GuideSpec {
        java.util.Objects.requireNonNull(printer, "printer");
        range("gapMm", gapMm, 0, 3, "the skin-to-base gap");
        range("thicknessMm", thicknessMm, printer.minWallMm(), 15, "the base thickness for " + printer.word());
        range("marginMm", marginMm, 0, 50, "the base's margin beyond the markers and entries");
        range("voxelMm", voxelMm, 0.1, 0.5, "the guide voxel size");
        range("windowRadiusMm", windowRadiusMm, 1, 20, "the radius of the marker windows");
        range("bossHeightMm", bossHeightMm, 3, 60, "the sleeve boss height");
        range("socketDepthMm", socketDepthMm, 2, 60, "the socket depth");
        range("sleeveWallMm", sleeveWallMm, printer.minWallMm(), 10, "the sleeve wall for " + printer.word());
        range("bossWallMm", bossWallMm, printer.minWallMm(), 10, "the boss wall for " + printer.word());
        range("minSleeveLengthMm", minSleeveLengthMm, 5, 200, "the shortest sleeve that guides");
        if (!(socketDepthMm > 2 && socketDepthMm < bossHeightMm)) {
            throw new IllegalArgumentException("the socket must be deeper than 2 mm and shallower than the boss");
        }
    }

    /**
     * Refuses a parameter outside its range (or not a number) with its plan key, the range and the value,
     * before anything is sized from it.
     */
    private static void range(String key, double v, double min, double max, String what) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "guide.%s: %s must be %s..%s mm, not %s",
                key, what, plain(min), plain(max), plain(v)));
        }
    }

    /** 0.3, 15, 1000000; 1e-300 and 1e+308 in scientific notation. */
    private static String plain(double v) {
        if (!(Math.abs(v) < 1e9) || v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
    }

    public static GuideSpec defaults(PrinterPreset printer) {
        return new GuideSpec(printer, 0.3, 3.0, 8.0, 0.3, 4.0, 12.0, 7.0, 2.0, 2.5, 15.0);
    }

    /** The key of the printer preset in a plan's guide object. */
    public static final String PRINTER_KEY = "printer";

    /**
     * The plan's printer preset ("printer": "fdm" | "sla" in its guide object; FDM when absent).
     *
     * @throws IllegalArgumentException for an unknown preset (never silently another printer)
     */
    public static PrinterPreset printerOf(Map<String, Object> guide) {
        Object v = guide == null ? null : guide.get(PRINTER_KEY);
        return v == null ? PrinterPreset.FDM : PrinterPreset.parse(String.valueOf(v));
    }

    /** The plan's guide object over the defaults of its own printer preset. */
    public static GuideSpec fromPlan(Map<String, Object> guide) {
        return fromPlan(guide, printerOf(guide));
    }

    /** Defaults overridden by the numeric keys of a plan's "guide" object. */
    public static GuideSpec fromPlan(Map<String, Object> guide, PrinterPreset printer) {
        GuideSpec d = defaults(printer);
        return new GuideSpec(printer, num(guide, "gapMm", d.gapMm), num(guide, "thicknessMm", d.thicknessMm),
            num(guide, "marginMm", d.marginMm), num(guide, "voxelMm", d.voxelMm),
            num(guide, "windowRadiusMm", d.windowRadiusMm), num(guide, "bossHeightMm", d.bossHeightMm),
            num(guide, "socketDepthMm", d.socketDepthMm), num(guide, "sleeveWallMm", d.sleeveWallMm),
            num(guide, "bossWallMm", d.bossWallMm), num(guide, "minSleeveLengthMm", d.minSleeveLengthMm));
    }

    private static double num(Map<String, Object> m, String key, double fallback) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("guide." + key + " must be a number of millimetres, not \"" + v + "\"");
        }
        return n.doubleValue();
    }

    /** Diametral clearance of the needle in the sleeve bore. */
    public double boreClearanceMm() {
        return printer.clearanceMm();
    }
}
