package org.vertebroplan.guide;

/**
 * Print-process presets. Diametral clearance between a printed hole and the part that slides in it
 * (needle in bore, collar in socket), the thinnest wall the process prints reliably, the smallest
 * feature (engraving stroke, gap) it resolves, the print tolerance (how far a printed surface may lie
 * from the design, each way), the layer height, the build volume of a typical printer of the process,
 * and the overhang it prints without support (degrees from the vertical; 90 for powder bed, which needs
 * none). Values after the BoneReconstructionPlanner defaults and dental-guide practice
 * (field-anchors.md): FDM 0.4 mm, SLA 0.25 mm; powder-bed PA12 (SLS) 0.3 mm.
 */
public enum PrinterPreset {
    FDM("fused filament (FDM)", 0.4, 1.2, 0.8, 0.15, 0.15, 250, 210, 210, 45),
    SLA("resin (SLA)", 0.25, 0.8, 0.4, 0.05, 0.05, 145, 145, 185, 45),
    SLS("powder bed (SLS, PA12)", 0.3, 0.8, 0.5, 0.1, 0.1, 165, 165, 300, 90);

    private final String process;
    private final double clearanceMm;
    private final double minWallMm;
    private final double minFeatureMm;
    private final double toleranceMm;
    private final double layerMm;
    private final double bedXMm;
    private final double bedYMm;
    private final double bedZMm;
    private final double overhangDeg;

    PrinterPreset(String process, double clearanceMm, double minWallMm, double minFeatureMm, double toleranceMm,
                  double layerMm, double bedXMm, double bedYMm, double bedZMm, double overhangDeg) {
        this.process = process;
        this.clearanceMm = clearanceMm;
        this.minWallMm = minWallMm;
        this.minFeatureMm = minFeatureMm;
        this.toleranceMm = toleranceMm;
        this.layerMm = layerMm;
        this.bedXMm = bedXMm;
        this.bedYMm = bedYMm;
        this.bedZMm = bedZMm;
        this.overhangDeg = overhangDeg;
    }

    /** The process in words. */
    public String process() {
        return process;
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

    /** How far a printed surface may lie from its design, each way (mm). */
    public double toleranceMm() {
        return toleranceMm;
    }

    public double layerMm() {
        return layerMm;
    }

    /** The build plate's width (x), depth (y) and the build height (z), mm. */
    public double[] bedMm() {
        return new double[] {bedXMm, bedYMm, bedZMm};
    }

    /** The steepest overhang printed without support, degrees from the vertical (90: needs no support). */
    public double overhangDeg() {
        return overhangDeg;
    }

    /** The material printed when none is named (a switch, not a field: the two enums refer to each other). */
    public Material defaultMaterial() {
        return switch (this) {
            case FDM -> Material.PLA;
            case SLA -> Material.SURGICAL_GUIDE_RESIN;
            case SLS -> Material.PA12;
        };
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
        throw new IllegalArgumentException("unknown printer preset '" + s + "' (fdm, sla or sls)");
    }
}
