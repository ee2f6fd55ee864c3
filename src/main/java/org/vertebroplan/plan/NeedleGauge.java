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

    /** "11G" style label. */
    public String label() {
        return name().substring(1) + "G";
    }
}
