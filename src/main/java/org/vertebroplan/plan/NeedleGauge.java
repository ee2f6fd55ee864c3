package org.vertebroplan.plan;

/**
 * Bone-access needle sizes used for vertebroplasty (Stubs/Birmingham gauge to outer diameter).
 * 11 G is the usual lumbar choice, 13 G for thoracic levels with small pedicles.
 */
public enum NeedleGauge {
    G8(4.19), G10(3.40), G11(3.05), G13(2.41), G15(1.83);

    private final double diameterMm;

    NeedleGauge(double diameterMm) {
        this.diameterMm = diameterMm;
    }

    public double diameterMm() {
        return diameterMm;
    }

    /** "11G", "11g" or "11" to its gauge; IllegalArgumentException for a size not offered. */
    public static NeedleGauge parse(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        String digits = t.endsWith("G") ? t.substring(0, t.length() - 1) : t;
        for (NeedleGauge g : values()) {
            if (g.name().substring(1).equals(digits)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown needle gauge '" + s + "' (8G, 10G, 11G, 13G or 15G)");
    }

    /**
     * The thickest vertebroplasty gauge (10, 11 or 13 G; finer needles are too thin for cement) whose
     * diameter is at most {@code maxDiameterMm} and below {@code currentDiameterMm}; null when none.
     */
    public static NeedleGauge finestFitting(double maxDiameterMm, double currentDiameterMm) {
        for (NeedleGauge g : new NeedleGauge[] {G10, G11, G13}) {
            if (g.diameterMm <= maxDiameterMm && g.diameterMm < currentDiameterMm - 1e-9) {
                return g;
            }
        }
        return null;
    }

    /** The thickest vertebroplasty gauge (10, 11 or 13 G) of at most {@code maxDiameterMm}, or null. */
    public static NeedleGauge thickestFitting(double maxDiameterMm) {
        return finestFitting(maxDiameterMm, Double.POSITIVE_INFINITY);
    }

    /** "11G" style label. */
    public String label() {
        return name().substring(1) + "G";
    }
}
