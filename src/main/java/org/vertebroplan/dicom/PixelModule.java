package org.vertebroplan.dicom;

import org.vertebroplan.base.BadInputException;

/**
 * The image pixel description of one file and how stored values become Hounsfield units: size,
 * frames, bit layout, sign, padding, rescale or Modality LUT. Built from a dataset (top level, or the
 * shared/per-frame functional groups of an enhanced multi-frame object for the rescale).
 *
 * <p>Reference: DICOM PS3.3 C.7.6.3 (Image Pixel), C.11.1 (Modality LUT), C.7.5.1 (padding).
 * Limits: one sample per pixel (greyscale) only, 8 or 16 bits allocated.
 */
public record PixelModule(int rows, int columns, int frames, int bitsAllocated, int bitsStored, int highBit,
                          boolean signed, Integer paddingValue, Integer paddingLimit, double slope, double intercept,
                          ModalityLut lut) {

    /** A Modality LUT: output = data[clamp(stored - firstMapped)]. */
    public record ModalityLut(int firstMapped, int[] data) {
    }

    /** Pixels per frame; at most 65535 x 65535. */
    public long framePixels() {
        return (long) rows * columns;
    }

    /** Reads the pixel description of a dataset; throws when it is not a greyscale image. */
    public static PixelModule of(DataSet ds) throws BadInputException {
        return of(ds, 0);
    }

    /**
     * Reads the pixel description with the rescale of one frame (enhanced multi-frame objects may
     * rescale each frame differently: top level, then the frame's functional group, then the shared one).
     */
    public static PixelModule of(DataSet ds, int frame) throws BadInputException {
        int samples = (int) ds.unsigned(Tags.SAMPLES_PER_PIXEL, 1);
        if (samples != 1) {
            throw new BadInputException("colour image (" + samples + " samples per pixel, "
                + ds.string(Tags.PHOTOMETRIC_INTERPRETATION) + "): not a CT image");
        }
        int rows = (int) ds.unsigned(Tags.ROWS, 0);
        int cols = (int) ds.unsigned(Tags.COLUMNS, 0);
        if (rows <= 0 || cols <= 0) {
            throw new BadInputException("image has no Rows/Columns");
        }
        int frames = ds.integerString(Tags.NUMBER_OF_FRAMES, 1);
        if (frames < 1) {
            throw new BadInputException("NumberOfFrames is " + frames);
        }
        int alloc = (int) ds.unsigned(Tags.BITS_ALLOCATED, 0);
        if (alloc != 8 && alloc != 16) {
            throw new BadInputException("BitsAllocated " + alloc + " is not supported (8 or 16)");
        }
        int stored = (int) ds.unsigned(Tags.BITS_STORED, alloc);
        int high = (int) ds.unsigned(Tags.HIGH_BIT, stored - 1);
        if (stored < 1 || stored > alloc || high < stored - 1 || high >= alloc) {
            throw new BadInputException("inconsistent bit layout: BitsAllocated " + alloc + ", BitsStored " + stored
                + ", HighBit " + high);
        }
        boolean signed = ds.unsigned(Tags.PIXEL_REPRESENTATION, 0) == 1;
        Integer pad = ds.contains(Tags.PIXEL_PADDING_VALUE) ? word(ds, Tags.PIXEL_PADDING_VALUE, signed) : null;
        Integer padLimit = ds.contains(Tags.PIXEL_PADDING_RANGE_LIMIT)
            ? word(ds, Tags.PIXEL_PADDING_RANGE_LIMIT, signed) : null;
        DataSet rescale = rescaleSource(ds, frame);
        double slope = rescale.decimal(Tags.RESCALE_SLOPE, 1.0);
        double intercept = rescale.decimal(Tags.RESCALE_INTERCEPT, 0.0);
        if (slope == 0) {
            throw new BadInputException("RescaleSlope is 0");
        }
        ModalityLut lut = null;
        DataSet lutItem = ds.item(Tags.MODALITY_LUT_SEQUENCE);
        if (lutItem != null && !rescale.contains(Tags.RESCALE_SLOPE)) {
            int[] desc = lutItem.words(Tags.LUT_DESCRIPTOR);
            int[] data = lutItem.words(Tags.LUT_DATA);
            if (desc == null || desc.length < 3 || data == null || data.length == 0) {
                throw new BadInputException("Modality LUT Sequence without a valid descriptor or data");
            }
            int first = signed ? (short) desc[1] : desc[1];
            lut = new ModalityLut(first, data);
        }
        return new PixelModule(rows, cols, frames, alloc, stored, high, signed, pad, padLimit, slope, intercept, lut);
    }

    /** Where rescale slope/intercept live: top level, or the enhanced objects' functional groups. */
    private static DataSet rescaleSource(DataSet ds, int frame) {
        if (ds.contains(Tags.RESCALE_SLOPE) || ds.contains(Tags.RESCALE_INTERCEPT)) {
            return ds;
        }
        DataSet t = FunctionalGroups.find(ds, frame, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
        return t != null ? t : ds;
    }

    private static int word(DataSet ds, int tag, boolean signed) throws BadInputException {
        int v = (int) ds.unsigned(tag, 0) & 0xFFFF;
        return signed ? (short) v : v;
    }

    /**
     * The HU of every possible raw sample (the low {@code bitsAllocated} bits), padding mapped to
     * {@link #PADDING_HU}; values outside the short range are clamped.
     */
    short[] huTable() {
        int n = 1 << bitsAllocated;
        short[] t = new short[n];
        int shift = highBit + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int lo = paddingValue == null ? 0 : paddingLimit == null ? paddingValue : Math.min(paddingValue, paddingLimit);
        int hi = paddingValue == null ? -1 : paddingLimit == null ? paddingValue : Math.max(paddingValue, paddingLimit);
        for (int raw = 0; raw < n; raw++) {
            int v = (raw >> shift) & mask;
            if (signed && (v & (1 << (bitsStored - 1))) != 0) {
                v -= 1 << bitsStored;
            }
            if (paddingValue != null && v >= lo && v <= hi) {
                t[raw] = PADDING_HU;
                continue;
            }
            double hu;
            if (lut != null) {
                int idx = Math.max(0, Math.min(lut.data().length - 1, v - lut.firstMapped()));
                hu = lut.data()[idx];
            } else {
                hu = v * slope + intercept;
            }
            long r = (long) Math.floor(hu + 0.5);
            t[raw] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
        }
        return t;
    }

    /**
     * The integer intercept when HU = stored value + intercept exactly (16 bits allocated, stored bits
     * at the bottom, slope 1, integer intercept, no padding, no LUT); else Integer.MIN_VALUE.
     */
    int integerOffset() {
        boolean plain = lut == null && paddingValue == null && slope == 1.0 && bitsAllocated == 16
            && highBit == bitsStored - 1 && intercept == Math.rint(intercept) && Math.abs(intercept) < 65536;
        return plain ? (int) intercept : Integer.MIN_VALUE;
    }

    /** The HU given to padding pixels (PixelPaddingValue): air. */
    public static final short PADDING_HU = -1024;
}
