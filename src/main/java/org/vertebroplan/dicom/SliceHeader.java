package org.vertebroplan.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;

/**
 * What the series builder needs to know about one image file (one frame): identity, size and
 * geometry. {@code rowDirection} is the first triplet of ImageOrientationPatient (direction of
 * increasing column index), {@code columnDirection} the second; {@code rowSpacingMm} is the distance
 * between adjacent columns along the row direction (PixelSpacing[1]), {@code columnSpacingMm} the
 * distance between adjacent rows (PixelSpacing[0]), see PS3.3 C.7.6.2 and C.7.6.3.1.3. {@code frame}
 * is the frame's index in an enhanced multi-frame file (0 for a classic single-frame image), where
 * position, orientation and spacing come from the functional groups (PS3.3 C.7.6.16.2).
 */
public record SliceHeader(Path file, int frame, String sopInstanceUid, String seriesInstanceUid, String modality,
                          String description, String patientPosition, int instanceNumber, int rows, int columns,
                          double rowSpacingMm, double columnSpacingMm, Vec3 positionLps, Vec3 rowDirection,
                          Vec3 columnDirection, double sliceThicknessMm, double gantryTiltDeg,
                          TransferSyntax transferSyntax, String frameOfReferenceUid) {

    /** A header without a FrameOfReferenceUID (empty). */
    public SliceHeader(Path file, int frame, String sopInstanceUid, String seriesInstanceUid, String modality,
                       String description, String patientPosition, int instanceNumber, int rows, int columns,
                       double rowSpacingMm, double columnSpacingMm, Vec3 positionLps, Vec3 rowDirection,
                       Vec3 columnDirection, double sliceThicknessMm, double gantryTiltDeg,
                       TransferSyntax transferSyntax) {
        this(file, frame, sopInstanceUid, seriesInstanceUid, modality, description, patientPosition, instanceNumber,
            rows, columns, rowSpacingMm, columnSpacingMm, positionLps, rowDirection, columnDirection, sliceThicknessMm,
            gantryTiltDeg, transferSyntax, "");
    }

    /** The unit slice normal, row x column. */
    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }

    /** Where a frame's geometry lies: position, orientation, spacing and thickness sources. */
    private record FrameGeometry(double[] ipp, double[] iop, double[] ps, double thickness) {
    }

    /**
     * Reads the headers of an image file, one per frame; throws with the reason when the file is not
     * an image the importer can place in a volume (no pixels, localizer, colour, no geometry, ...).
     */
    static List<SliceHeader> of(Path file, DicomFile f) throws BadInputException {
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
        PixelDecoder.checkSize(f, pm);
        boolean enhanced = FunctionalGroups.enhanced(ds);
        if (pm.frames() != 1 && !enhanced) {
            throw new BadInputException("multi-frame image (" + pm.frames() + " frames) without per-frame"
                + " functional groups is not supported");
        }
        if (enhanced && ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS).size() != pm.frames()) {
            throw new BadInputException("enhanced multi-frame image with " + pm.frames() + " frames but "
                + ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS).size() + " per-frame functional groups");
        }
        String uid = ds.string(Tags.SERIES_INSTANCE_UID);
        if (uid == null || uid.isEmpty()) {
            uid = "(no SeriesInstanceUID) " + file.getParent();
        }
        List<SliceHeader> out = new ArrayList<>(pm.frames());
        for (int fr = 0; fr < pm.frames(); fr++) {
            FrameGeometry g = enhanced ? enhancedGeometry(ds, fr) : new FrameGeometry(
                ds.decimals(Tags.IMAGE_POSITION_PATIENT), ds.decimals(Tags.IMAGE_ORIENTATION_PATIENT),
                ds.decimals(Tags.PIXEL_SPACING), ds.decimal(Tags.SLICE_THICKNESS, 0));
            out.add(build(file, fr, ds, pm, uid, g, f.transferSyntax()));
        }
        return out;
    }

    private static FrameGeometry enhancedGeometry(DataSet ds, int frame) throws BadInputException {
        DataSet pos = FunctionalGroups.find(ds, frame, Tags.PLANE_POSITION_SEQUENCE);
        DataSet ori = FunctionalGroups.find(ds, frame, Tags.PLANE_ORIENTATION_SEQUENCE);
        DataSet mea = FunctionalGroups.find(ds, frame, Tags.PIXEL_MEASURES_SEQUENCE);
        return new FrameGeometry(pos == null ? null : pos.decimals(Tags.IMAGE_POSITION_PATIENT),
            ori == null ? null : ori.decimals(Tags.IMAGE_ORIENTATION_PATIENT),
            mea == null ? null : mea.decimals(Tags.PIXEL_SPACING),
            mea == null ? 0 : mea.decimal(Tags.SLICE_THICKNESS, 0));
    }

    private static SliceHeader build(Path file, int frame, DataSet ds, PixelModule pm, String uid, FrameGeometry g,
                                     TransferSyntax ts) throws BadInputException {
        double[] ipp = g.ipp(), iop = g.iop(), ps = g.ps();
        if (ipp == null || ipp.length != 3 || iop == null || iop.length != 6) {
            throw new BadInputException("no valid ImagePositionPatient/ImageOrientationPatient: the slice cannot be"
                + " placed in patient space");
        }
        if (ps == null || ps.length != 2 || !(ps[0] > 0) || !(ps[1] > 0)) {
            throw new BadInputException("no valid PixelSpacing");
        }
        for (double v : ipp) {
            if (!(Math.abs(v) <= MAX_POSITION_MM)) {
                throw new BadInputException(String.format(Locale.ROOT, "ImagePositionPatient (%s) lies more than %.0f m"
                    + " from the scanner's origin: not a position in a patient", String.join(", ",
                    num(ipp[0]), num(ipp[1]), num(ipp[2])), MAX_POSITION_MM / 1000));
            }
        }
        for (double v : ps) {
            if (!(v >= MIN_SPACING_MM && v <= MAX_SPACING_MM)) {
                throw new BadInputException("PixelSpacing " + num(ps[0]) + " \\ " + num(ps[1]) + " mm is outside "
                    + num(MIN_SPACING_MM) + " to " + num(MAX_SPACING_MM) + " mm");
            }
        }
        if (!(g.thickness() >= 0 && g.thickness() <= MAX_SPACING_MM)) {
            throw new BadInputException("SliceThickness " + num(g.thickness()) + " mm is outside 0 to "
                + num(MAX_SPACING_MM) + " mm");
        }
        Vec3 row = new Vec3(iop[0], iop[1], iop[2]);
        Vec3 col = new Vec3(iop[3], iop[4], iop[5]);
        if (Math.abs(row.norm() - 1) > 0.01 || Math.abs(col.norm() - 1) > 0.01 || Math.abs(row.dot(col)) > 0.01) {
            throw new BadInputException("ImageOrientationPatient is not two orthogonal unit vectors");
        }
        row = row.normalized();
        col = col.minus(row.times(row.dot(col))).normalized();
        return new SliceHeader(file, frame, ds.string(Tags.SOP_INSTANCE_UID), uid, nz(ds.string(Tags.MODALITY)),
            nz(ds.string(Tags.SERIES_DESCRIPTION)), nz(ds.string(Tags.PATIENT_POSITION)),
            ds.integerString(Tags.INSTANCE_NUMBER, 0), pm.rows(), pm.columns(), ps[1], ps[0],
            new Vec3(ipp[0], ipp[1], ipp[2]), row, col, g.thickness(), ds.decimal(Tags.GANTRY_TILT, 0), ts,
            nz(ds.string(Tags.FRAME_OF_REFERENCE_UID)));
    }

    /** Positions beyond 100 m from the scanner's origin are not in a patient (and would overflow grids). */
    static final double MAX_POSITION_MM = 100_000;
    /** Pixel spacing and slice thickness: from 0.1 micrometre (micro-CT and beyond) to 1 m. */
    static final double MIN_SPACING_MM = 1e-4;
    static final double MAX_SPACING_MM = 1000;

    /** A number for a message: as written when short, else in scientific notation. */
    private static String num(double v) {
        String s = Double.toString(v);
        return s.length() <= 12 ? s : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The file name, with the frame number for a frame of a multi-frame file (for messages). */
    public String label() {
        return file.getFileName() + (frame > 0 ? " frame " + (frame + 1) : "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
