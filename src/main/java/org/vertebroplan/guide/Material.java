package org.vertebroplan.guide;

import java.util.Locale;

/**
 * Materials a guide is printed in, with the process that prints them and how they may be sterilized.
 * The paper's one-piece template deformed in sterilization; that is why the sleeves, which set the
 * needle's direction, are separate parts here: they can be printed in a harder material or made in metal.
 * Sterilization must always be a cycle the material's maker validates; the notes say which families of
 * cycle the material tolerates.
 */
public enum Material {
    PLA("PLA", "FDM", false, "softens near 60 °C: never steam (autoclave); low-temperature only: hydrogen"
        + " peroxide plasma or ethylene oxide; check the fit afterwards"),
    PETG("PETG", "FDM", false, "softens near 80 °C: never steam (autoclave); hydrogen peroxide plasma or"
        + " ethylene oxide"),
    PA12("PA12 (nylon 12) powder", "SLS", true, "steam autoclave 121 °C (or 134 °C short cycle) as the"
        + " powder's maker validates, hydrogen peroxide plasma or ethylene oxide; dry fully after steam"),
    SURGICAL_GUIDE_RESIN("surgical-guide resin (biocompatible, class I)", "SLA", true, "steam autoclave"
        + " 121 °C / 134 °C per the resin maker's validated cycle after full post-cure, or ethylene oxide");

    private final String label;
    private final String process;
    private final boolean steam;
    private final String sterilization;

    Material(String label, String process, boolean steam, String sterilization) {
        this.label = label;
        this.process = process;
        this.steam = steam;
        this.sterilization = sterilization;
    }

    public String label() {
        return label;
    }

    /** The print process that prints this material. */
    public PrinterPreset process() {
        return PrinterPreset.valueOf(process); // by name: the two enums refer to each other
    }

    /** Tolerates steam sterilization (autoclave). */
    public boolean steamSterilizable() {
        return steam;
    }

    /** Which sterilization the material tolerates, in words. */
    public String sterilization() {
        return sterilization;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Material parse(String s) {
        for (Material m : values()) {
            if (m.word().equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown material '" + s + "' (pla, petg, pa12 or surgical-guide-resin)");
    }
}
