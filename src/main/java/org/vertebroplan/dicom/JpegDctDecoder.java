package org.vertebroplan.dicom;

import org.vertebroplan.base.BadInputException;

/**
 * Decodes one greyscale sequential-DCT JPEG frame with Huffman coding, 8 or 12 bits per sample
 * (ITU-T T.81 processes 1, 2 and 4: baseline and extended), used for DICOM's JPEG Extended transfer
 * syntax (1.2.840.10008.1.2.4.51), which no ImageIO plug-in on Maven Central decodes at 12 bits.
 *
 * <p>How: marker segments DQT (8 or 16-bit tables), DHT, SOF0/SOF1, DRI, SOS; then per 8x8 block
 * the Huffman-coded DC difference and AC run/size pairs (F.2.2), dequantization, a separable
 * floating-point inverse DCT (A.3.3), level shift and clamping. Restart markers are honoured.
 * Written from T.81. Limits: one component, no progressive (SOF2), lossless or arithmetic modes.
 * The float IDCT may differ by 1 from IJG's integer IDCT on some samples (the codec is lossy).
 */
final class JpegDctDecoder {

    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40,
        48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
        59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1.0) * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    /** A Huffman table in the canonical form of T.81 annex C / F.2.2.3. */
    private static final class Huffman {
        final int[] maxCode = new int[18];
        final int[] valPtr = new int[17];
        final int[] minCode = new int[17];
        final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0, k = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = k;
                minCode[l] = code;
                code += counts[l - 1];
                k += counts[l - 1];
                maxCode[l] = counts[l - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final byte[] in;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4], ac = new Huffman[4];
    private int bitBuf, bitCount;
    private boolean hitMarker;
    private int zeroFill;

    private JpegDctDecoder(byte[] in) {
        this.in = in;
    }

    static int[] decode(byte[] frame, int rows, int columns) throws BadInputException {
        return new JpegDctDecoder(frame).run(rows, columns);
    }

    private int[] run(int rows, int columns) throws BadInputException {
        if (u8() != 0xFF || u8() != 0xD8) {
            throw new BadInputException("JPEG frame does not start with an SOI marker");
        }
        int precision = 0, width = 0, height = 0, qt = 0, restart = 0;
        while (true) {
            int marker = nextMarker();
            if (marker == 0xD9) {
                throw new BadInputException("JPEG frame has no scan");
            }
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > in.length) {
                throw new BadInputException("corrupt JPEG header: bad segment length");
            }
            switch (marker) {
                case 0xDB -> readQuant(end);
                case 0xC4 -> readHuffman(end);
                case 0xDD -> restart = need(end, 2) ? u16() : 0;
                case 0xC0, 0xC1 -> {
                    need(end, 9);
                    precision = u8();
                    height = u16();
                    width = u16();
                    if (u8() != 1) {
                        throw new BadInputException("colour JPEG (several components) is not a CT image");
                    }
                    u8(); // component id
                    u8(); // sampling factors: irrelevant for one component
                    qt = u8() & 3;
                }
                case 0xDA -> {
                    need(end, 6);
                    if (u8() != 1) {
                        throw new BadInputException("JPEG scan with several components is not supported");
                    }
                    u8();
                    int tables = u8();
                    pos = end; // Ss, Se, Ah/Al are fixed for sequential DCT (and ignored, as IJG does)
                    if (precision != 8 && precision != 12) {
                        throw new BadInputException("JPEG precision " + precision + " is not supported");
                    }
                    if (width != columns || height != rows) {
                        throw new BadInputException("JPEG frame is " + width + "x" + height + " but the header says "
                            + columns + "x" + rows);
                    }
                    Huffman d = dc[(tables >> 4) & 3], a = ac[tables & 3];
                    if (d == null || a == null || quant[qt] == null) {
                        throw new BadInputException("JPEG scan refers to a missing Huffman or quantization table");
                    }
                    return scan(rows, columns, precision, quant[qt], d, a, restart);
                }
                default -> {
                    if (marker == 0xC2 || marker == 0xC3 || marker >= 0xC5 && marker <= 0xCF && marker != 0xCC) {
                        throw new BadInputException("JPEG process SOF" + (marker - 0xC0) + " is not supported here");
                    }
                }
            }
            pos = end;
        }
    }

    private int[] scan(int rows, int cols, int precision, int[] q, Huffman dcTable, Huffman acTable, int restart)
        throws BadInputException {
        int bw = (cols + 7) / 8, bh = (rows + 7) / 8;
        int[] out = new int[rows * cols];
        int maxVal = (1 << precision) - 1, shift = 1 << (precision - 1);
        double[] coef = new double[64], tmp = new double[64];
        int pred = 0, blocks = 0;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                if (restart > 0 && blocks > 0 && blocks % restart == 0) {
                    expectRestart();
                    pred = 0;
                }
                blocks++;
                java.util.Arrays.fill(coef, 0);
                int t = decodeHuffman(dcTable);
                if (t > 16) {
                    throw new BadInputException("corrupt JPEG data (DC size " + t + ")");
                }
                pred += extend(bits(t), t);
                coef[0] = pred * (double) q[0];
                for (int k = 1; k < 64; ) {
                    int rs = decodeHuffman(acTable);
                    int r = rs >> 4, s = rs & 15;
                    if (s == 0) {
                        if (r != 15) {
                            break;
                        }
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) {
                        throw new BadInputException("corrupt JPEG data (AC coefficient beyond the block)");
                    }
                    coef[ZIGZAG[k]] = extend(bits(s), s) * (double) q[k];
                    k++;
                }
                idct(coef, tmp);
                for (int y = 0; y < 8; y++) {
                    int py = by * 8 + y;
                    if (py >= rows) {
                        break;
                    }
                    for (int x = 0; x < 8; x++) {
                        int px = bx * 8 + x;
                        if (px < cols) {
                            long v = Math.round(tmp[y * 8 + x]) + shift;
                            out[py * cols + px] = (int) Math.max(0, Math.min(maxVal, v));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Separable inverse DCT of the 8x8 coefficients (natural order) into {@code out}. */
    private static void idct(double[] c, double[] out) {
        double[] rowsDone = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) {
                    s += COS[x][u] * c[v * 8 + u];
                }
                rowsDone[v * 8 + x] = s;
            }
        }
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += COS[y][v] * rowsDone[v * 8 + x];
                }
                out[y * 8 + x] = s;
            }
        }
    }

    private void readQuant(int end) throws BadInputException {
        while (pos < end) {
            int pq = u8();
            int id = pq & 3;
            boolean wide = (pq >> 4) != 0;
            need(end, wide ? 128 : 64);
            int[] t = new int[64];
            for (int k = 0; k < 64; k++) {
                t[k] = wide ? u16() : u8();
            }
            quant[id] = t;
        }
    }

    private void readHuffman(int end) throws BadInputException {
        while (pos < end) {
            need(end, 17);
            int tc = u8();
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            if (total > 256) {
                throw new BadInputException("corrupt JPEG Huffman table");
            }
            need(end, total);
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8();
            }
            Huffman h = new Huffman(counts, values);
            if ((tc >> 4) == 0) {
                dc[tc & 3] = h;
            } else {
                ac[tc & 3] = h;
            }
        }
    }

    private int decodeHuffman(Huffman h) throws BadInputException {
        int code = 0;
        for (int l = 1; l <= 16; l++) {
            code = (code << 1) | bit();
            if (code <= h.maxCode[l]) {
                int idx = h.valPtr[l] + code - h.minCode[l];
                if (idx < 0 || idx >= h.values.length) {
                    break;
                }
                return h.values[idx];
            }
        }
        throw new BadInputException("corrupt JPEG data (invalid Huffman code)");
    }

    private static int extend(int v, int t) {
        return t == 0 ? 0 : v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
    }

    private int bits(int n) throws BadInputException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    private int bit() throws BadInputException {
        if (bitCount == 0) {
            if (hitMarker || pos >= in.length) {
                // past the data (a marker or the end): zero bits, as IJG does, but only a little
                if (++zeroFill > 64) {
                    throw new BadInputException("corrupt JPEG data (the scan ends early)");
                }
                bitBuf = 0;
            } else {
                int b = in[pos++] & 0xFF;
                if (b == 0xFF) {
                    int next = pos < in.length ? in[pos] & 0xFF : 0xD9;
                    if (next == 0) {
                        pos++;
                    } else {
                        hitMarker = true;
                        pos--;
                        b = 0;
                    }
                }
                bitBuf = b;
            }
            bitCount = 8;
        }
        bitCount--;
        return (bitBuf >> bitCount) & 1;
    }

    private void expectRestart() throws BadInputException {
        bitCount = 0;
        hitMarker = false;
        if (pos + 1 < in.length && (in[pos] & 0xFF) == 0xFF && (in[pos + 1] & 0xF8) == 0xD0) {
            pos += 2;
            return;
        }
        throw new BadInputException("corrupt JPEG data (restart marker missing)");
    }

    private int nextMarker() throws BadInputException {
        while (pos < in.length && (in[pos] & 0xFF) != 0xFF) {
            pos++; // tolerate garbage between segments
        }
        while (pos < in.length && (in[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= in.length) {
            throw new BadInputException("JPEG frame ends before its scan");
        }
        return in[pos++] & 0xFF;
    }

    private boolean need(int end, int n) throws BadInputException {
        if (end - pos < n) {
            throw new BadInputException("corrupt JPEG header: marker segment too short");
        }
        return true;
    }

    private int u8() throws BadInputException {
        if (pos >= in.length) {
            throw new BadInputException("corrupt JPEG header (ends early)");
        }
        return in[pos++] & 0xFF;
    }

    private int u16() throws BadInputException {
        return (u8() << 8) | u8();
    }
}
