package org.vertebroplan.guide;

/**
 * How far the needle can stray from the plan because of the plays of the printed guide (worst case, each
 * play taken to its limit, the errors added):
 * <ul>
 * <li><b>needle in bore</b>: the diametral clearance (+ the print tolerance both sides) over the bore's
 * length lets the needle tilt by atan(c / L) about the sleeve's bottom and shift by c / 2;</li>
 * <li><b>collar in socket</b>: the conical seat centres the sleeve (to within the print tolerance); above it
 * the collar has half the socket clearance (+ tolerance) each way over its engaged length, a tilt about
 * the seat;</li>
 * <li><b>seat depth</b>: a seat cone printed the tolerance off along its normal moves the sleeve along the
 * axis by tolerance / sin(half-angle), twice (sleeve and socket): the tip's depth error;</li>
 * <li><b>skin seating</b>: the base stands the gap (and the sterile film) off the skin and may sit down or
 * slide by as much.</li>
 * </ul>
 * Entry error = the shifts + each tilt over its pivot's height above the skin; tip error = the shifts +
 * each tilt over its pivot's height plus the depth (across the needle); depth error along it.
 *
 * @param boreClearanceMm   designed diametral clearance of the needle in the bore
 * @param sleeveLengthMm    bore length (sleeve bottom to hub stop)
 * @param socketClearanceMm designed diametral clearance of the collar in the socket
 * @param collarLengthMm    the collar's engaged length in the socket above the seat
 * @param seatHalfAngleDeg  half-angle of the conical seat
 * @param toleranceMm       the printer's tolerance, each way
 * @param gapMm             skin to base (film included)
 * @param boreTiltDeg       tilt the bore allows
 * @param socketTiltDeg     tilt the socket allows
 * @param tiltDeg           both
 * @param entryErrorMm      largest shift at the skin entry
 * @param tipErrorMm        largest tip displacement across the needle at the target
 * @param depthErrorMm      largest tip displacement along the needle (seat depth)
 */
public record ErrorBudget(double boreClearanceMm, double sleeveLengthMm, double socketClearanceMm,
                          double collarLengthMm, double seatHalfAngleDeg, double toleranceMm, double gapMm,
                          double boreTiltDeg, double socketTiltDeg, double tiltDeg, double entryErrorMm,
                          double tipErrorMm, double depthErrorMm) {

    /** What the budget counts, in words for the sheet. */
    public static final String EXPLANATION = "Worst case of every play added: the needle in the bore (clearance + print"
        + " tolerance over the sleeve length), the collar in its socket (half the socket clearance + tolerance over the"
        + " collar's engaged length, about the conical seat that centres it), the seat depth (tolerance / sin of the"
        + " seat's half-angle, sleeve and socket) and the skin seating gap (film included). Longer sleeves or a finer"
        + " printer reduce it; how exactly the base is seated on the markers comes on top.";

    /**
     * The budget of a sleeve design.
     */
    static ErrorBudget of(SleeveDesign d, GuideSpec spec) {
        double depth = d.needle().entryLps().distance(d.needle().targetLps());
        double seatPivot = (d.bottomH() + d.floorH()) / 2;
        double collar = d.bossTopH() - SleeveDesign.MOUTH_CHAMFER_MM - seatPivot;
        return compute(spec.printer().clearanceMm(), d.lengthMm(), d.socketClearanceMm(), collar,
            d.seatHalfAngleDeg(), spec.printer().toleranceMm(), spec.gapMm(), Math.max(0, d.bottomH()),
            Math.max(0, seatPivot), depth);
    }

    /**
     * The budget from the plays (measured or designed).
     *
     * @param boreBottomH height of the sleeve's bottom above the skin (the bore tilt's pivot)
     * @param seatH       height of the seat above the skin (the socket tilt's pivot)
     * @param depthMm     entry to target
     */
    public static ErrorBudget compute(double boreClearanceMm, double sleeveLengthMm, double socketClearanceMm,
                                      double collarLengthMm, double seatHalfAngleDeg, double toleranceMm, double gapMm,
                                      double boreBottomH, double seatH, double depthMm) {
        double cb = boreClearanceMm + 2 * toleranceMm;
        double boreTilt = Math.atan(cb / sleeveLengthMm);
        double socketTilt = Math.atan((socketClearanceMm / 2 + toleranceMm) / collarLengthMm);
        double shift = cb / 2 + toleranceMm + gapMm;
        double entry = shift + Math.tan(boreTilt) * boreBottomH + Math.tan(socketTilt) * seatH;
        double tip = shift + Math.tan(boreTilt) * (boreBottomH + depthMm) + Math.tan(socketTilt) * (seatH + depthMm);
        double depthError = 2 * toleranceMm / Math.sin(Math.toRadians(seatHalfAngleDeg));
        return new ErrorBudget(boreClearanceMm, sleeveLengthMm, socketClearanceMm, collarLengthMm, seatHalfAngleDeg,
            toleranceMm, gapMm, Math.toDegrees(boreTilt), Math.toDegrees(socketTilt),
            Math.toDegrees(boreTilt + socketTilt), entry, tip, depthError);
    }
}
