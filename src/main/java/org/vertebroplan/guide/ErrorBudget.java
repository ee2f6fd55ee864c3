package org.vertebroplan.guide;

/**
 * How far the needle can stray because of the sleeve's clearance: a needle in a bore with diametral
 * clearance c over a sleeve of length s can tilt by atan(c / s) and shift by c / 2; at the planned
 * depth below the sleeve's lower end that tilt moves the tip by depth x tan(tilt) (field-anchors.md,
 * "Sleeves, clearance, thickness"). Skin-seating errors of the base come on top and are not modelled.
 *
 * @param clearanceMm       diametral clearance of the needle in the bore
 * @param sleeveLengthMm    bore length
 * @param tiltDeg           largest tilt the clearance allows
 * @param entryErrorMm      largest shift at the skin entry
 * @param tipErrorMm        largest tip displacement at the target
 */
public record ErrorBudget(double clearanceMm, double sleeveLengthMm, double tiltDeg, double entryErrorMm,
                          double tipErrorMm) {

    /** What the budget counts, in words for the sheet. */
    public static final String EXPLANATION = "From the needle's clearance in the sleeve bore only (tilt = atan(clearance"
        + " / sleeve length)); how well the base seats on the skin comes on top. Longer sleeves or a finer printer"
        + " preset reduce it.";

    static ErrorBudget of(SleeveDesign d, double clearanceMm) {
        double tilt = Math.atan(clearanceMm / d.lengthMm());
        double depth = d.needle().entryLps().distance(d.needle().targetLps());
        double pivotToEntry = Math.max(0, d.bottomH());
        double entry = clearanceMm / 2 + Math.tan(tilt) * pivotToEntry;
        double tip = clearanceMm / 2 + Math.tan(tilt) * (pivotToEntry + depth);
        return new ErrorBudget(clearanceMm, d.lengthMm(), Math.toDegrees(tilt), entry, tip);
    }
}
