package org.vertebroplan.dicom;

import java.util.Set;

/**
 * The DICOM attribute tags the importer reads, as {@code group << 16 | element}, plus the few tags
 * whose value is a sequence (needed to descend into them when the VR is implicit or "UN").
 * Reference: DICOM PS3.6 data dictionary.
 */
final class Tags {

    private Tags() {
    }

    static final int FILE_META_GROUP_LENGTH = 0x00020000;
    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int IMAGE_TYPE = 0x00080008;
    static final int MODALITY = 0x00080060;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int GANTRY_TILT = 0x00181120;
    static final int PATIENT_POSITION = 0x00185100;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int PIXEL_PADDING_VALUE = 0x00280120;
    static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** Sequence attributes the importer descends into even when their VR is implicit or UN. */
    static final Set<Integer> KNOWN_SEQUENCES = Set.of(MODALITY_LUT_SEQUENCE, PIXEL_MEASURES_SEQUENCE,
        PIXEL_VALUE_TRANSFORMATION_SEQUENCE, PLANE_POSITION_SEQUENCE, PLANE_ORIENTATION_SEQUENCE,
        SHARED_FUNCTIONAL_GROUPS, PER_FRAME_FUNCTIONAL_GROUPS);

    static String format(int tag) {
        return String.format(java.util.Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
