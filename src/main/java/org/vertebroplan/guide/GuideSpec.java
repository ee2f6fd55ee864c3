package org.vertebroplan.guide;

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
        if (!(gapMm >= 0 && gapMm <= 3)) {
            throw new IllegalArgumentException("gap must be 0..3 mm");
        }
        if (!(thicknessMm >= printer.minWallMm() && thicknessMm <= 15)) {
            throw new IllegalArgumentException("base thickness must be " + printer.minWallMm() + "..15 mm for "
                + printer.word());
        }
        if (!(voxelMm >= 0.1 && voxelMm <= 0.5)) {
            throw new IllegalArgumentException("guide voxel size must be 0.1..0.5 mm");
        }
        if (!(sleeveWallMm >= printer.minWallMm()) || !(bossWallMm >= printer.minWallMm())) {
            throw new IllegalArgumentException("sleeve and boss walls must be at least " + printer.minWallMm()
                + " mm for " + printer.word());
        }
        if (!(socketDepthMm > 2 && socketDepthMm < bossHeightMm)) {
            throw new IllegalArgumentException("the socket must be deeper than 2 mm and shallower than the boss");
        }
    }

    public static GuideSpec defaults(PrinterPreset printer) {
        return new GuideSpec(printer, 0.3, 3.0, 8.0, 0.3, 4.0, 18.0, 12.0, 2.0, 2.5, 15.0);
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
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    /**
     * The same design seated over a sterile film of this thickness: the film lies between the skin and
     * the base, so it adds to the gap.
     */
    public GuideSpec withFilmMm(double filmMm) {
        if (!(filmMm >= 0 && filmMm <= 1)) {
            throw new IllegalArgumentException("film thickness must be 0..1 mm");
        }
        return new GuideSpec(printer, gapMm + filmMm, thicknessMm, marginMm, voxelMm, windowRadiusMm, bossHeightMm,
            socketDepthMm, sleeveWallMm, bossWallMm, minSleeveLengthMm);
    }

    /** Diametral clearance of the needle in the sleeve bore. */
    public double boreClearanceMm() {
        return printer.clearanceMm();
    }
}
