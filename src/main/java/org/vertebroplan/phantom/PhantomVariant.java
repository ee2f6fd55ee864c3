package org.vertebroplan.phantom;

import java.util.Locale;
import java.util.Objects;

/**
 * Which anatomy the phantom builds: the target level, the turn of the spine and the test variants.
 *
 * <p>The spine (every bone of it, ribs included, with discs and canal) is turned rigidly about the target
 * body centre by the rotation of {@link org.vertebroplan.plan.VertebraFrame#fromAngles} with these angles;
 * skin, fat, muscles, organs, lungs, table and markers stay. Variants of the target body:
 * {@code wedgeDeg} an anterior wedge compression (the endplates make this angle, symmetric about the mid-
 * plane); {@code posteriorWallDefect} a window through the posterior cortex with a fragment pushed into the
 * canal; {@code pedicleWidthMm} the isthmus width of both pedicles (0: the level's own).
 *
 * <p>Limits, so that the turned anatomy stays under the skin and inside the grid: |axial| at most
 * {@value #MAX_AXIAL_DEG} degrees, tilts at most {@value #MAX_TILT_DEG}, wedge 0..{@value #MAX_WEDGE_DEG},
 * pedicle width from {@value #MIN_PEDICLE_WIDTH_MM} mm up to the level's own (a wider pedicle would reach the
 * canal).
 */
public record PhantomVariant(PhantomLevel level, double axialRotationDeg, double coronalTiltDeg,
                             double sagittalTiltDeg, double wedgeDeg, boolean posteriorWallDefect,
                             double pedicleWidthMm) {

    public static final double MAX_AXIAL_DEG = 30;
    public static final double MAX_TILT_DEG = 20;
    public static final double MAX_WEDGE_DEG = 30;
    public static final double MIN_PEDICLE_WIDTH_MM = 2;
    /** The posterior wall defect: a window this wide (along the left axis) and high through the cortex. */
    public static final double DEFECT_WIDTH_MM = 6, DEFECT_HEIGHT_MM = 8;
    /** Its fragment: a piece of the cortex this wide and high, pushed this far posteriorly into the canal. */
    public static final double FRAGMENT_WIDTH_MM = 4, FRAGMENT_HEIGHT_MM = 6, FRAGMENT_SHIFT_MM = 2;

    /** The bundled sample's anatomy: a square L2 without variants. */
    public static final PhantomVariant DEFAULT = of(PhantomLevel.L2);

    public PhantomVariant {
        Objects.requireNonNull(level, "level");
        check(axialRotationDeg, MAX_AXIAL_DEG, "the axial rotation");
        check(coronalTiltDeg, MAX_TILT_DEG, "the coronal tilt");
        check(sagittalTiltDeg, MAX_TILT_DEG, "the sagittal tilt");
        if (!(wedgeDeg >= 0 && wedgeDeg <= MAX_WEDGE_DEG)) {
            throw new IllegalArgumentException("the wedge angle must be within 0.." + fmt(MAX_WEDGE_DEG)
                + " degrees, not " + fmt(wedgeDeg));
        }
        double own = 2 * level.pedicle().halfWidth();
        if (pedicleWidthMm != 0 && !(pedicleWidthMm >= MIN_PEDICLE_WIDTH_MM && pedicleWidthMm <= own)) {
            throw new IllegalArgumentException("the pedicle width of " + level.name() + " must be within "
                + fmt(MIN_PEDICLE_WIDTH_MM) + ".." + fmt(own) + " mm (up to its own width: wider would reach the "
                + "canal), not " + fmt(pedicleWidthMm));
        }
        // no negative zeros: equal variants compare equal and name the same UIDs
        axialRotationDeg += 0.0;
        coronalTiltDeg += 0.0;
        sagittalTiltDeg += 0.0;
        wedgeDeg += 0.0;
        pedicleWidthMm += 0.0;
    }

    /** A square level without variants. */
    public static PhantomVariant of(PhantomLevel level) {
        return new PhantomVariant(level, 0, 0, 0, 0, false, 0);
    }

    public PhantomVariant withRotation(double axialDeg, double coronalDeg, double sagittalDeg) {
        return new PhantomVariant(level, axialDeg, coronalDeg, sagittalDeg, wedgeDeg, posteriorWallDefect,
            pedicleWidthMm);
    }

    public PhantomVariant withWedge(double deg) {
        return new PhantomVariant(level, axialRotationDeg, coronalTiltDeg, sagittalTiltDeg, deg, posteriorWallDefect,
            pedicleWidthMm);
    }

    public PhantomVariant withPosteriorWallDefect(boolean defect) {
        return new PhantomVariant(level, axialRotationDeg, coronalTiltDeg, sagittalTiltDeg, wedgeDeg, defect,
            pedicleWidthMm);
    }

    public PhantomVariant withPedicleWidth(double mm) {
        return new PhantomVariant(level, axialRotationDeg, coronalTiltDeg, sagittalTiltDeg, wedgeDeg,
            posteriorWallDefect, mm);
    }

    /** Whether the spine is turned at all. */
    public boolean turned() {
        return axialRotationDeg != 0 || coronalTiltDeg != 0 || sagittalTiltDeg != 0;
    }

    /** The bundled sample's anatomy (square L2, no variant): its truth.json keeps the original keys only. */
    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** Half of the isthmus width of the pedicles. */
    public double pedicleHalfWidth() {
        return pedicleWidthMm == 0 ? level.pedicle().halfWidth() : pedicleWidthMm / 2;
    }

    /** A short text naming this anatomy, part of the UIDs of non-default cases, e.g. "T8/rotate=12,0,0". */
    public String key() {
        StringBuilder b = new StringBuilder(level.name());
        if (turned()) {
            b.append("/rotate=").append(fmt(axialRotationDeg)).append(',').append(fmt(coronalTiltDeg)).append(',')
                .append(fmt(sagittalTiltDeg));
        }
        if (wedgeDeg != 0) {
            b.append("/wedge=").append(fmt(wedgeDeg));
        }
        if (posteriorWallDefect) {
            b.append("/posterior-wall-defect");
        }
        if (pedicleWidthMm != 0) {
            b.append("/pedicle-width=").append(fmt(pedicleWidthMm));
        }
        return b.toString();
    }

    private static void check(double deg, double max, String what) {
        if (!(Math.abs(deg) <= max)) {
            throw new IllegalArgumentException(what + " must be within -" + fmt(max) + ".." + fmt(max)
                + " degrees, not " + fmt(deg));
        }
    }

    /** Shortest exact decimal: 12 rather than 12.0. */
    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
            : Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
