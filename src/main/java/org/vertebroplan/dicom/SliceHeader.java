package org.vertebroplan.dicom;

import java.nio.file.Path;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;

/**
 * What the series builder needs to know about one image file (one frame): identity, size and
 * geometry. {@code rowDirection} is the first triplet of ImageOrientationPatient (direction of
 * increasing column index), {@code columnDirection} the second; {@code rowSpacingMm} is the distance
 * between adjacent columns along the row direction (PixelSpacing[1]), {@code columnSpacingMm} the
 * distance between adjacent rows (PixelSpacing[0]), see PS3.3 C.7.6.2 and C.7.6.3.1.3.
 */
public record SliceHeader(Path file, String sopInstanceUid, String seriesInstanceUid, String modality,
                          String description, String patientPosition, int instanceNumber, int rows, int columns,
                          double rowSpacingMm, double columnSpacingMm, Vec3 positionLps, Vec3 rowDirection,
                          Vec3 columnDirection, double sliceThicknessMm, double gantryTiltDeg,
                          TransferSyntax transferSyntax) {

    /** The unit slice normal, row x column. */
    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }

    /**
     * Reads the header of a classic single-frame image; throws with the reason when the file is not
     * an image the importer can place in a volume.
     */
    static SliceHeader of(Path file, DicomFile f) throws BadInputException {
        DataSet ds = f.dataset();
        if (!ds.contains(Tags.PIXEL_DATA)) {
            String modality = ds.string(Tags.MODALITY);
            throw new BadInputException("not an image (no pixel data" + (modality == null || modality.isEmpty()
                ? "" : ", modality " + modality) + ")");
        }
        for (String t : ds.strings(Tags.IMAGE_TYPE)) {
            if (t.equalsIgnoreCase("LOCALIZER")) {
                throw new BadInputException("localizer (scout) image");
            }
        }
        PixelModule pm = PixelModule.of(ds);
        if (pm.frames() != 1) {
            throw new BadInputException("multi-frame image (" + pm.frames() + " frames) is not supported");
        }
        double[] ipp = ds.decimals(Tags.IMAGE_POSITION_PATIENT);
        double[] iop = ds.decimals(Tags.IMAGE_ORIENTATION_PATIENT);
        double[] ps = ds.decimals(Tags.PIXEL_SPACING);
        if (ipp == null || ipp.length != 3 || iop == null || iop.length != 6) {
            throw new BadInputException("no valid ImagePositionPatient/ImageOrientationPatient: the slice cannot be"
                + " placed in patient space");
        }
        if (ps == null || ps.length != 2 || !(ps[0] > 0) || !(ps[1] > 0)) {
            throw new BadInputException("no valid PixelSpacing");
        }
        Vec3 row = new Vec3(iop[0], iop[1], iop[2]);
        Vec3 col = new Vec3(iop[3], iop[4], iop[5]);
        if (Math.abs(row.norm() - 1) > 0.01 || Math.abs(col.norm() - 1) > 0.01 || Math.abs(row.dot(col)) > 0.01) {
            throw new BadInputException("ImageOrientationPatient is not two orthogonal unit vectors");
        }
        row = row.normalized();
        col = col.minus(row.times(row.dot(col))).normalized();
        String uid = ds.string(Tags.SERIES_INSTANCE_UID);
        if (uid == null || uid.isEmpty()) {
            uid = "(no SeriesInstanceUID) " + file.getParent();
        }
        return new SliceHeader(file, ds.string(Tags.SOP_INSTANCE_UID), uid, nz(ds.string(Tags.MODALITY)),
            nz(ds.string(Tags.SERIES_DESCRIPTION)), nz(ds.string(Tags.PATIENT_POSITION)),
            ds.integerString(Tags.INSTANCE_NUMBER, 0), pm.rows(), pm.columns(), ps[1], ps[0],
            new Vec3(ipp[0], ipp[1], ipp[2]), row, col, ds.decimal(Tags.SLICE_THICKNESS, 0),
            ds.decimal(Tags.GANTRY_TILT, 0), f.transferSyntax());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
