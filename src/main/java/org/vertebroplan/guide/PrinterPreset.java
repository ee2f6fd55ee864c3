package org.vertebroplan.guide;

/**
 * Print-process defaults. Diametral clearance between a printed hole and the part that slides in it
 * (needle in bore, collar in socket), the thinnest wall the process prints reliably and the smallest
 * feature (engraving stroke) it resolves. Values after the BoneReconstructionPlanner defaults and
 * dental-guide practice (field-anchors.md): FDM 0.4 mm, SLA 0.25 mm.
 */
public enum PrinterPreset {
    FDM(0.4, 1.2, 0.8),
    SLA(0.25, 0.8, 0.4);

    private final double clearanceMm;
    private final double minWallMm;
    private final double minFeatureMm;

    PrinterPreset(double clearanceMm, double minWallMm, double minFeatureMm) {
        this.clearanceMm = clearanceMm;
        this.minWallMm = minWallMm;
        this.minFeatureMm = minFeatureMm;
    }

    /** Diametral clearance of sliding fits, mm. */
    public double clearanceMm() {
        return clearanceMm;
    }

    public double minWallMm() {
        return minWallMm;
    }

    public double minFeatureMm() {
        return minFeatureMm;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PrinterPreset parse(String s) {
        for (PrinterPreset p : values()) {
            if (p.word().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown printer preset '" + s + "' (fdm or sla)");
    }
}
