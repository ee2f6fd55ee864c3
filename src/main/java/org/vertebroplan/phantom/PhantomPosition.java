package org.vertebroplan.phantom;

import org.vertebroplan.geom.Vec3;

/**
 * The DICOM Patient Position a phantom series is written with, and the matching
 * ImageOrientationPatient: the LPS direction of a row (increasing column) and of a column (increasing
 * row). These are the orientations scanners write for axial images in each position (PS3.3
 * C.7.6.2.1.1): the image shows the patient as seen from the feet, anterior up for supine and
 * posterior up for prone, which flips the row and column directions.
 *
 * <p>The phantom's anatomy is always the same prone body in LPS; the position only changes how it is
 * encoded (orientation, first-pixel position and pixel order), so that a correct reader finds every
 * structure at the same LPS coordinates whatever the position.
 */
public enum PhantomPosition {
    /** Head first prone: rows run to patient right (-x), columns to anterior (-y). */
    HFP(new Vec3(-1, 0, 0), new Vec3(0, -1, 0)),
    /** Head first supine: rows to patient left (+x), columns to posterior (+y). */
    HFS(new Vec3(1, 0, 0), new Vec3(0, 1, 0)),
    /** Feet first prone: rows to patient left (+x), columns to anterior (-y). */
    FFP(new Vec3(1, 0, 0), new Vec3(0, -1, 0)),
    /** Feet first supine: rows to patient right (-x), columns to posterior (+y). */
    FFS(new Vec3(-1, 0, 0), new Vec3(0, 1, 0));

    private final Vec3 rowDirection;
    private final Vec3 columnDirection;

    PhantomPosition(Vec3 rowDirection, Vec3 columnDirection) {
        this.rowDirection = rowDirection;
        this.columnDirection = columnDirection;
    }

    public Vec3 rowDirection() {
        return rowDirection;
    }

    public Vec3 columnDirection() {
        return columnDirection;
    }

    /** Row x column: +z (superior) head first, -z feet first. */
    public Vec3 sliceDirection() {
        return rowDirection.cross(columnDirection);
    }
}
