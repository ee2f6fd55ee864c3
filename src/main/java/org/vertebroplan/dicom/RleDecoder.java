package org.vertebroplan.dicom;

import org.vertebroplan.base.BadInputException;

/**
 * Decodes one frame of DICOM RLE Lossless (PS3.5 annex G): a 64-byte header with the number of
 * segments and their offsets, then one PackBits segment per byte plane (most significant byte first).
 * Output is the raw samples (the low bits of each int), one per pixel. Limits: one sample per pixel.
 */
final class RleDecoder {

    private RleDecoder() {
    }

    static int[] decode(byte[] in, int pixels, int bitsAllocated) throws BadInputException {
        int planes = bitsAllocated / 8;
        if (in.length < 64) {
            throw new BadInputException("RLE frame shorter than its 64-byte header");
        }
        long segments = u32(in, 0);
        if (segments != planes) {
            throw new BadInputException("RLE frame has " + segments + " segments, expected " + planes);
        }
        int[] out = new int[pixels];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < planes; s++) {
            long start = u32(in, 4 + 4 * s);
            long end = s + 1 < planes ? u32(in, 8 + 4 * s) : in.length;
            if (start < 64 || start > end || end > in.length) {
                throw new BadInputException("RLE segment " + (s + 1) + " has an invalid offset");
            }
            unpack(in, (int) start, (int) end, plane);
            int shift = 8 * (planes - 1 - s);
            for (int i = 0; i < pixels; i++) {
                out[i] |= (plane[i] & 0xFF) << shift;
            }
        }
        return out;
    }

    private static void unpack(byte[] in, int p, int end, byte[] out) throws BadInputException {
        int o = 0;
        while (o < out.length) {
            if (p >= end) {
                throw new BadInputException("RLE segment ends after " + o + " of " + out.length + " bytes");
            }
            int n = in[p++];
            if (n >= 0) {
                int count = n + 1;
                if (p + count > end || o + count > out.length) {
                    throw new BadInputException("corrupt RLE segment (literal run overflows)");
                }
                System.arraycopy(in, p, out, o, count);
                p += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (p >= end || o + count > out.length) {
                    throw new BadInputException("corrupt RLE segment (replicate run overflows)");
                }
                byte b = in[p++];
                for (int i = 0; i < count; i++) {
                    out[o++] = b;
                }
            }
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
