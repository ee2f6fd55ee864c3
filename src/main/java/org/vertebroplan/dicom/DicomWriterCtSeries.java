package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Path;
import org.vertebroplan.geom.Vec3;

/**
 * The shared header of a CT Image Storage series (SOP class 1.2.840.10008.5.1.4.1.1.2) and the writer
 * of its slices, one Part-10 file each. Fills the modules the CT Image IOD needs (PS3.3 A.3): Patient,
 * General Study, General Series, Frame of Reference, General Equipment, General Image, Image Plane,
 * Image Pixel, CT Image, SOP Common. Pixels are 16-bit signed stored values; HU = stored * slope +
 * intercept.
 *
 * <p>Geometry (PS3.3 C.7.6.2): {@code rowDirection} is the LPS direction of increasing column index
 * (along a row), {@code columnDirection} that of increasing row index; {@code rowSpacingMm} is the
 * distance between adjacent rows (first value of PixelSpacing), {@code columnSpacingMm} between adjacent
 * columns. Each slice gives its own ImagePositionPatient (the centre of the first pixel).
 *
 * <p>Limits: single-frame, monochrome, uncompressed or deflated; the identity fields are whatever the
 * caller passes (the phantom passes made-up ones).
 */
public record DicomWriterCtSeries(
    String patientName, String patientId, String studyInstanceUid, String seriesInstanceUid,
    String frameOfReferenceUid, String studyDate, String studyTime, int seriesNumber, String seriesDescription,
    String patientPosition, Vec3 rowDirection, Vec3 columnDirection, double rowSpacingMm,
    double columnSpacingMm, double sliceThicknessMm, int rows, int columns, double rescaleIntercept,
    double rescaleSlope) {

    /** CT Image Storage. */
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private static final int SPECIFIC_CHARACTER_SET = DicomWriterDataset.tag(0x0008, 0x0005);
    private static final int IMAGE_TYPE = DicomWriterDataset.tag(0x0008, 0x0008);
    private static final int SOP_CLASS_UID = DicomWriterDataset.tag(0x0008, 0x0016);
    private static final int SOP_INSTANCE_UID = DicomWriterDataset.tag(0x0008, 0x0018);
    private static final int STUDY_DATE = DicomWriterDataset.tag(0x0008, 0x0020);
    private static final int SERIES_DATE = DicomWriterDataset.tag(0x0008, 0x0021);
    private static final int CONTENT_DATE = DicomWriterDataset.tag(0x0008, 0x0023);
    private static final int STUDY_TIME = DicomWriterDataset.tag(0x0008, 0x0030);
    private static final int SERIES_TIME = DicomWriterDataset.tag(0x0008, 0x0031);
    private static final int CONTENT_TIME = DicomWriterDataset.tag(0x0008, 0x0033);
    private static final int ACCESSION_NUMBER = DicomWriterDataset.tag(0x0008, 0x0050);
    private static final int MODALITY = DicomWriterDataset.tag(0x0008, 0x0060);
    private static final int MANUFACTURER = DicomWriterDataset.tag(0x0008, 0x0070);
    private static final int REFERRING_PHYSICIAN = DicomWriterDataset.tag(0x0008, 0x0090);
    private static final int STUDY_DESCRIPTION = DicomWriterDataset.tag(0x0008, 0x1030);
    private static final int SERIES_DESCRIPTION = DicomWriterDataset.tag(0x0008, 0x103E);
    private static final int MANUFACTURER_MODEL = DicomWriterDataset.tag(0x0008, 0x1090);
    private static final int PATIENT_NAME = DicomWriterDataset.tag(0x0010, 0x0010);
    private static final int PATIENT_ID = DicomWriterDataset.tag(0x0010, 0x0020);
    private static final int PATIENT_BIRTH_DATE = DicomWriterDataset.tag(0x0010, 0x0030);
    private static final int PATIENT_SEX = DicomWriterDataset.tag(0x0010, 0x0040);
    private static final int BODY_PART = DicomWriterDataset.tag(0x0018, 0x0015);
    private static final int SLICE_THICKNESS = DicomWriterDataset.tag(0x0018, 0x0050);
    private static final int KVP = DicomWriterDataset.tag(0x0018, 0x0060);
    private static final int PATIENT_POSITION = DicomWriterDataset.tag(0x0018, 0x5100);
    private static final int STUDY_INSTANCE_UID = DicomWriterDataset.tag(0x0020, 0x000D);
    private static final int SERIES_INSTANCE_UID = DicomWriterDataset.tag(0x0020, 0x000E);
    private static final int STUDY_ID = DicomWriterDataset.tag(0x0020, 0x0010);
    private static final int SERIES_NUMBER = DicomWriterDataset.tag(0x0020, 0x0011);
    private static final int ACQUISITION_NUMBER = DicomWriterDataset.tag(0x0020, 0x0012);
    private static final int INSTANCE_NUMBER = DicomWriterDataset.tag(0x0020, 0x0013);
    private static final int IMAGE_POSITION = DicomWriterDataset.tag(0x0020, 0x0032);
    private static final int IMAGE_ORIENTATION = DicomWriterDataset.tag(0x0020, 0x0037);
    private static final int FRAME_OF_REFERENCE_UID = DicomWriterDataset.tag(0x0020, 0x0052);
    private static final int POSITION_REFERENCE = DicomWriterDataset.tag(0x0020, 0x1040);
    private static final int SLICE_LOCATION = DicomWriterDataset.tag(0x0020, 0x1041);
    private static final int SAMPLES_PER_PIXEL = DicomWriterDataset.tag(0x0028, 0x0002);
    private static final int PHOTOMETRIC = DicomWriterDataset.tag(0x0028, 0x0004);
    private static final int ROWS = DicomWriterDataset.tag(0x0028, 0x0010);
    private static final int COLUMNS = DicomWriterDataset.tag(0x0028, 0x0011);
    private static final int PIXEL_SPACING = DicomWriterDataset.tag(0x0028, 0x0030);
    private static final int BITS_ALLOCATED = DicomWriterDataset.tag(0x0028, 0x0100);
    private static final int BITS_STORED = DicomWriterDataset.tag(0x0028, 0x0101);
    private static final int HIGH_BIT = DicomWriterDataset.tag(0x0028, 0x0102);
    private static final int PIXEL_REPRESENTATION = DicomWriterDataset.tag(0x0028, 0x0103);
    private static final int WINDOW_CENTER = DicomWriterDataset.tag(0x0028, 0x1050);
    private static final int WINDOW_WIDTH = DicomWriterDataset.tag(0x0028, 0x1051);
    private static final int RESCALE_INTERCEPT = DicomWriterDataset.tag(0x0028, 0x1052);
    private static final int RESCALE_SLOPE = DicomWriterDataset.tag(0x0028, 0x1053);
    private static final int RESCALE_TYPE = DicomWriterDataset.tag(0x0028, 0x1054);
    private static final int PIXEL_DATA = DicomWriterDataset.tag(0x7FE0, 0x0010);

    public DicomWriterCtSeries {
        if (rows <= 0 || columns <= 0 || rows > 0xFFFF || columns > 0xFFFF) {
            throw new IllegalArgumentException("bad image size " + rows + "x" + columns);
        }
        if (Math.abs(rowDirection.norm() - 1) > 1e-6 || Math.abs(columnDirection.norm() - 1) > 1e-6
            || Math.abs(rowDirection.dot(columnDirection)) > 1e-6) {
            throw new IllegalArgumentException("row and column directions must be orthonormal");
        }
        if (!(rowSpacingMm > 0 && columnSpacingMm > 0 && sliceThicknessMm > 0 && rescaleSlope != 0)) {
            throw new IllegalArgumentException("spacings and thickness must be positive, slope non-zero");
        }
    }

    /** The dataset of one slice: {@code storedPixels} row by row ({@code rows * columns} values). */
    public DicomWriterDataset slice(String sopInstanceUid, int instanceNumber, Vec3 imagePositionLps,
                                    short[] storedPixels) {
        if (storedPixels.length != rows * columns) {
            throw new IllegalArgumentException("slice has " + storedPixels.length + " pixels, needs " + rows * columns);
        }
        Vec3 normal = rowDirection.cross(columnDirection);
        return new DicomWriterDataset()
            .text(SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
            .text(IMAGE_TYPE, "CS", "ORIGINAL", "PRIMARY", "AXIAL")
            .text(SOP_CLASS_UID, "UI", CT_IMAGE_STORAGE)
            .text(SOP_INSTANCE_UID, "UI", sopInstanceUid)
            .text(STUDY_DATE, "DA", studyDate).text(SERIES_DATE, "DA", studyDate)
            .text(CONTENT_DATE, "DA", studyDate)
            .text(STUDY_TIME, "TM", studyTime).text(SERIES_TIME, "TM", studyTime)
            .text(CONTENT_TIME, "TM", studyTime)
            .text(ACCESSION_NUMBER, "SH")
            .text(MODALITY, "CS", "CT")
            .text(MANUFACTURER, "LO", "VertebroPlan")
            .text(MANUFACTURER_MODEL, "LO", "Synthetic phantom")
            .text(REFERRING_PHYSICIAN, "PN")
            .text(STUDY_DESCRIPTION, "LO", "Synthetic lumbar spine")
            .text(SERIES_DESCRIPTION, "LO", seriesDescription)
            .text(PATIENT_NAME, "PN", patientName)
            .text(PATIENT_ID, "LO", patientId)
            .text(PATIENT_BIRTH_DATE, "DA")
            .text(PATIENT_SEX, "CS", "O")
            .text(BODY_PART, "CS", "LSPINE")
            .decimals(SLICE_THICKNESS, sliceThicknessMm)
            .decimals(KVP, 120)
            .text(PATIENT_POSITION, "CS", patientPosition)
            .text(STUDY_INSTANCE_UID, "UI", studyInstanceUid)
            .text(SERIES_INSTANCE_UID, "UI", seriesInstanceUid)
            .text(STUDY_ID, "SH", "1")
            .integers(SERIES_NUMBER, seriesNumber)
            .integers(ACQUISITION_NUMBER, 1)
            .integers(INSTANCE_NUMBER, instanceNumber)
            .decimals(IMAGE_POSITION, imagePositionLps.x(), imagePositionLps.y(), imagePositionLps.z())
            .decimals(IMAGE_ORIENTATION, rowDirection.x(), rowDirection.y(), rowDirection.z(),
                columnDirection.x(), columnDirection.y(), columnDirection.z())
            .text(FRAME_OF_REFERENCE_UID, "UI", frameOfReferenceUid)
            .text(POSITION_REFERENCE, "LO")
            .decimals(SLICE_LOCATION, imagePositionLps.dot(normal))
            .us(SAMPLES_PER_PIXEL, 1)
            .text(PHOTOMETRIC, "CS", "MONOCHROME2")
            .us(ROWS, rows)
            .us(COLUMNS, columns)
            .decimals(PIXEL_SPACING, rowSpacingMm, columnSpacingMm)
            .us(BITS_ALLOCATED, 16)
            .us(BITS_STORED, 16)
            .us(HIGH_BIT, 15)
            .us(PIXEL_REPRESENTATION, 1)
            .decimals(WINDOW_CENTER, 300)
            .decimals(WINDOW_WIDTH, 1500)
            .decimals(RESCALE_INTERCEPT, rescaleIntercept)
            .decimals(RESCALE_SLOPE, rescaleSlope)
            .text(RESCALE_TYPE, "LO", "HU")
            .ow(PIXEL_DATA, storedPixels);
    }

    /** Writes one slice as a Part-10 file. */
    public void writeSlice(Path file, String sopInstanceUid, int instanceNumber, Vec3 imagePositionLps,
                           short[] storedPixels, DicomWriter.TransferSyntax syntax, int deflateLevel)
        throws IOException {
        DicomWriter.write(file, slice(sopInstanceUid, instanceNumber, imagePositionLps, storedPixels), syntax,
            deflateLevel);
    }
}
