package org.vertebroplan.dicom;

import java.nio.ByteOrder;
import java.util.List;
import org.vertebroplan.base.BadInputException;

/**
 * Turns the pixel data of a parsed file into Hounsfield units: native (little or big endian, 8 or 16
 * bits) or encapsulated (RLE, JPEG, JPEG-LS, JPEG 2000), each raw sample mapped through the file's HU table
 * (bits stored, sign, padding, rescale or Modality LUT; see {@link PixelModule#huTable()}).
 * Refuses by name the transfer syntaxes it cannot decode (HTJ2K, unknown, 12-bit lossy JPEG).
 */
public final class PixelDecoder {

    private PixelDecoder() {
    }

    /** The largest image (all frames) the importer decodes: 2^31 - 64 voxels. */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 64L;

    /**
     * Decodes every frame of a file to HU, frame after frame (frame f at f * rows * columns). The image
     * size is checked against the bytes actually present before anything is allocated.
     */
    public static short[] decodeHu(DicomFile file) throws BadInputException {
        PixelModule pm = PixelModule.of(file.dataset());
        checkSize(file, pm);
        long total = pm.frames() * pm.framePixels();
        HeapGuard.require(2 * total + decodeWorkBytes(pm), "an image of " + pm.frames() + " frame(s) of "
            + pm.columns() + " x " + pm.rows() + " pixels");
        short[] out = new short[(int) total];
        decodeHu(file, pm, tables(file, pm, new java.util.HashMap<>()), out, 0);
        return out;
    }

    /** The HU table of each frame (the same array for frames that share a rescale), reusing {@code cache}. */
    static short[][] tables(DicomFile file, PixelModule pm, java.util.Map<PixelModule, short[]> cache)
        throws BadInputException {
        short[][] t = new short[pm.frames()][];
        for (int f = 0; f < t.length; f++) {
            PixelModule pf = f == 0 ? pm : PixelModule.of(file.dataset(), f);
            t[f] = cache.computeIfAbsent(pf, PixelModule::huTable);
        }
        return t;
    }

    /**
     * Refuses an image whose declared size cannot come from the bytes in the file, before anything is
     * allocated: native pixel data shorter than rows x columns x frames; encapsulated data with fewer
     * fragments than frames, or fewer compressed bytes than the codec needs at the very least for that
     * size ({@link #minimumCompressedBytes}). No size comes for free: an empty fragment holds no pixels.
     */
    static void checkSize(DicomFile file, PixelModule pm) throws BadInputException {
        DataSet.Element e = file.dataset().element(Tags.PIXEL_DATA);
        if (e == null) {
            throw new BadInputException("no pixel data");
        }
        long total = pm.frames() * pm.framePixels();
        if (total > MAX_PIXELS) {
            throw new BadInputException(pm.frames() + " frame(s) of " + pm.columns() + " x " + pm.rows()
                + " pixels are too large (more than 2^31)");
        }
        if (e.fragments() == null) {
            long need = total * (pm.bitsAllocated() / 8);
            if (e.length() < need) {
                throw new BadInputException("pixel data holds " + e.length() + " bytes, the image needs " + need);
            }
            return;
        }
        int fragments = e.fragments().length / 2 - 1;
        if (fragments < pm.frames()) {
            throw new BadInputException("encapsulated pixel data has " + fragments + " fragments for " + pm.frames()
                + " frames");
        }
        long compressed = 0;
        for (int i = 1; i <= fragments; i++) {
            compressed += e.fragments()[2 * i + 1];
        }
        TransferSyntax ts = file.transferSyntax();
        long least = minimumCompressedBytes(ts.codec(), pm);
        if (compressed < least) {
            throw new BadInputException(pm.frames() + " frame(s) of " + pm.columns() + " x " + pm.rows() + " pixels"
                + " cannot come from " + compressed + " bytes of " + ts.name() + " data (it needs at least " + least
                + ")");
        }
    }

    /**
     * The fewest compressed bytes that can hold the image, per codec. RLE: a replicate run turns 2 bytes
     * into at most 128, after a 64-byte header per frame. JPEG (Huffman-coded DCT or lossless): every 8 x 8
     * block needs at least a DC code and an end-of-block code, 2 bits (lossless JPEG needs a bit per
     * pixel, more still). JPEG-LS: run mode codes at best a whole row in one bit; JPEG 2000 is held to
     * the same bound. Other codecs are refused when decoded, so they get no bound here.
     */
    static long minimumCompressedBytes(TransferSyntax.Codec codec, PixelModule pm) {
        long pixels = pm.framePixels();
        long perFrame = switch (codec) {
            case RLE -> 64 + (pixels * (pm.bitsAllocated() / 8) + 63) / 64;
            case JPEG -> (pixels + 255) / 256;
            case JPEG_LS, JPEG_2000, HTJ2K -> (pm.rows() + 7) / 8;
            default -> 0;
        };
        return perFrame * pm.frames();
    }

    /** Decodes every frame; frame f goes to {@code out[outOffset + f * rows * columns ...]}. */
    public static void decodeHu(DicomFile file, PixelModule pm, short[][] tables, short[] out, int outOffset)
        throws BadInputException {
        DataSet ds = file.dataset();
        DataSet.Element e = ds.element(Tags.PIXEL_DATA);
        if (e == null) {
            throw new BadInputException("no pixel data");
        }
        TransferSyntax ts = file.transferSyntax();
        if (!file.complete()) {
            throw new IllegalArgumentException("a header-only file has no pixels to decode");
        }
        checkSize(file, pm);
        int pixels = (int) pm.framePixels();
        if ((long) outOffset + (long) pm.frames() * pixels > out.length) {
            throw new IllegalArgumentException("output too small");
        }
        if (e.fragments() == null) {
            int frameBytes = (int) pm.framePixels() * (pm.bitsAllocated() / 8);
            for (int f = 0; f < pm.frames(); f++) {
                decodeNative(ds, e.offset() + f * frameBytes, ts, pm, tables[f], out, outOffset + f * pixels);
            }
            return;
        }
        switch (ts.codec()) {
            case RLE, JPEG, JPEG_2000, JPEG_LS -> { }
            case HTJ2K -> throw new BadInputException(ts.name() + " (High-Throughput JPEG 2000) is not supported");
            default -> throw new BadInputException("cannot decode pixel data in " + ts.name());
        }
        HeapGuard.require(decodeWorkBytes(pm), "decoding a " + pm.columns() + " x " + pm.rows() + " " + ts.name()
            + " frame");
        List<byte[]> frames = EncapsulatedFrames.split(ds.buffer(), e.fragments(), pm.frames());
        for (int f = 0; f < frames.size(); f++) {
            short[] table = tables[f];
            if (ts.codec() == TransferSyntax.Codec.JPEG_2000 && !pm.signed() && j2kSigned(frames.get(f))) {
                // the codestream says signed, PixelRepresentation unsigned: trust the codestream (as
                // pydicom and GDCM do), else negative values wrap to about 65535
                table = new PixelModule(pm.rows(), pm.columns(), pm.frames(), pm.bitsAllocated(), pm.bitsStored(),
                    pm.highBit(), true, pm.paddingValue(), pm.paddingLimit(), pm.slope(), pm.intercept(), pm.lut())
                    .huTable();
            }
            int mask = table.length - 1;
            int[] raw = decodeFrame(frames.get(f), ts, pm);
            int o = outOffset + f * pixels;
            for (int i = 0; i < pixels; i++) {
                out[o + i] = table[raw[i] & mask];
            }
        }
    }

    /**
     * One compressed frame to raw samples. A RuntimeException of our own decoders (a bug that a corrupt
     * stream reaches) becomes a BadInputException naming the codec, so the loader leaves that file out
     * with a reason instead of aborting the series; the plug-ins' exceptions are wrapped in ImageIoDecoder.
     */
    static int[] decodeFrame(byte[] frame, TransferSyntax ts, PixelModule pm) throws BadInputException {
        try {
            return switch (ts.codec()) {
                case RLE -> RleDecoder.decode(frame, (int) pm.framePixels(), pm.bitsAllocated());
                case JPEG_LS -> JpegLsDecoder.decode(frame, pm.rows(), pm.columns());
                default -> ImageIoDecoder.decode(frame, ts, pm.rows(), pm.columns());
            };
        } catch (RuntimeException ex) {
            throw new BadInputException("corrupt " + ts.name() + " data: the decoder failed (" + ex + ")", ex);
        }
    }

    /** Working memory of decoding one compressed frame: raw samples, a byte plane or a raster (8 bytes a pixel). */
    static long decodeWorkBytes(PixelModule pm) {
        return 8 * pm.framePixels();
    }

    /** Whether a JPEG 2000 frame (raw codestream or JP2 file) declares its first component signed (SIZ Ssiz). */
    static boolean j2kSigned(byte[] b) {
        for (int i = 0; i + 42 < b.length && i < 8192; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0x4F && (b[i + 2] & 0xFF) == 0xFF
                && (b[i + 3] & 0xFF) == 0x51) {
                return (b[i + 2 + 40] & 0x80) != 0;
            }
        }
        return false;
    }

    /** One native frame starting at byte {@code p} (the size was checked by {@link #checkSize}). */
    private static void decodeNative(DataSet ds, int p, TransferSyntax ts, PixelModule pm, short[] table,
                                     short[] out, int outOffset) throws BadInputException {
        if (ts.encapsulated()) {
            throw new BadInputException(ts.name() + " file holds native (unencapsulated) pixel data");
        }
        int bytes = pm.bitsAllocated() / 8;
        byte[] b = ds.buffer();
        int n = (int) pm.framePixels();
        if (bytes == 1) {
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = table[b[p + i] & 0xFF];
            }
            return;
        }
        boolean big = ds.bigEndian() || ts.codec() == TransferSyntax.Codec.NATIVE_BIG_ENDIAN_PIXELS;
        int offset = pm.integerOffset();
        if (!big && offset != Integer.MIN_VALUE) {
            // fast path (the common CT case): HU = stored value + integer intercept, no table
            java.nio.ByteBuffer.wrap(b, p, 2 * n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out, outOffset, n);
            int bits = pm.bitsStored();
            int lo = pm.signed() ? -(1 << (bits - 1)) : 0;
            int hi = pm.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
            boolean noClamp = lo + offset >= Short.MIN_VALUE && hi + offset <= Short.MAX_VALUE;
            int end = outOffset + n;
            if (!pm.signed() && noClamp) {
                int mask = (1 << bits) - 1;
                for (int i = outOffset; i < end; i++) {
                    out[i] = (short) ((out[i] & mask) + offset);
                }
            } else {
                int shift = 32 - bits;
                int mask = (1 << bits) - 1;
                boolean signed = pm.signed();
                for (int i = outOffset; i < end; i++) {
                    int v = signed ? (out[i] << shift) >> shift : out[i] & mask;
                    out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v + offset));
                }
            }
        } else if (big) {
            for (int i = 0; i < n; i++, p += 2) {
                out[outOffset + i] = table[((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF)];
            }
        } else {
            for (int i = 0; i < n; i++, p += 2) {
                out[outOffset + i] = table[(b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8)];
            }
        }
    }
}
