package org.vertebroplan.dicom;

import org.vertebroplan.base.BadInputException;

/**
 * Decodes one greyscale JPEG-LS frame, lossless or near-lossless (ITU-T T.87 | ISO/IEC 14495-1):
 * markers SOF55, LSE (preset coding parameters), SOS; then the scan with the median edge detector
 * prediction, 365 regular contexts with bias correction, adaptive Golomb codes, run mode with run
 * interruption contexts, and the bit stuffing after 0xFF bytes.
 *
 * <p>Written from the standard's description (annex A, C.2.4.1.1 for default thresholds). Output is
 * the raw samples, one int per pixel. Limits: one component, no point transform, no mapping tables,
 * no restart markers; anything else is refused with a BadInputException, as is a corrupt stream.
 */
final class JpegLsDecoder {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
        11, 12, 13, 14, 15};

    private final byte[] in;
    private int pos;
    // bit reader
    private long cache;
    private int cacheBits;
    private boolean lastFF;
    // coding parameters
    private int maxVal, near, range, qbpp, limit, reset, t1, t2, t3;
    private final int[] a = new int[367], b = new int[367], c = new int[367], n = new int[367], nn = new int[367];
    private int runIndex;

    private JpegLsDecoder(byte[] in) {
        this.in = in;
    }

    static int[] decode(byte[] frame, int rows, int columns) throws BadInputException {
        return new JpegLsDecoder(frame).run(rows, columns);
    }

    private int[] run(int rows, int columns) throws BadInputException {
        if (u16() != 0xFFD8) {
            throw new BadInputException("JPEG-LS frame does not start with an SOI marker");
        }
        int width = -1, height = -1, precision = 0;
        int[] preset = null;
        while (true) {
            int marker = u16();
            if ((marker & 0xFF00) != 0xFF00) {
                throw new BadInputException("corrupt JPEG-LS header: no marker at offset " + (pos - 2));
            }
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > in.length) {
                throw new BadInputException("corrupt JPEG-LS header: bad segment length");
            }
            int need = marker == 0xFFF7 ? 11 : marker == 0xFFF8 ? 3 : marker == 0xFFDA ? 8 : 2;
            if (len < need) {
                throw new BadInputException("corrupt JPEG-LS header: marker segment too short");
            }
            if (marker == 0xFFF7) {
                precision = in[pos] & 0xFF;
                height = ((in[pos + 1] & 0xFF) << 8) | (in[pos + 2] & 0xFF);
                width = ((in[pos + 3] & 0xFF) << 8) | (in[pos + 4] & 0xFF);
                if ((in[pos + 5] & 0xFF) != 1) {
                    throw new BadInputException("JPEG-LS with " + (in[pos + 5] & 0xFF) + " components is not supported");
                }
            } else if (marker == 0xFFF8) {
                int id = in[pos] & 0xFF;
                if (id != 1) {
                    throw new BadInputException("JPEG-LS mapping tables / extensions (LSE id " + id + ") are not supported");
                }
                if (len < 13) {
                    throw new BadInputException("corrupt JPEG-LS header: LSE segment too short");
                }
                preset = new int[5];
                for (int i = 0; i < 5; i++) {
                    preset[i] = ((in[pos + 1 + 2 * i] & 0xFF) << 8) | (in[pos + 2 + 2 * i] & 0xFF);
                }
            } else if (marker == 0xFFDA) {
                if ((in[pos] & 0xFF) != 1) {
                    throw new BadInputException("JPEG-LS scan with several components is not supported");
                }
                if ((in[pos + 2] & 0xFF) != 0) {
                    throw new BadInputException("JPEG-LS mapping tables are not supported");
                }
                near = in[pos + 3] & 0xFF;
                if ((in[pos + 5] & 0x0F) != 0) {
                    throw new BadInputException("JPEG-LS point transform is not supported");
                }
                pos = end;
                break;
            } else if (marker == 0xFFDD) {
                throw new BadInputException("JPEG-LS restart markers are not supported");
            } else if (marker == 0xFFD9) {
                throw new BadInputException("JPEG-LS frame has no scan");
            }
            pos = end;
        }
        if (width != columns || height != rows) {
            throw new BadInputException("JPEG-LS frame is " + width + "x" + height + " but the header says " + columns
                + "x" + rows);
        }
        if (precision < 2 || precision > 16) {
            throw new BadInputException("JPEG-LS precision " + precision + " is not supported");
        }
        setParameters(precision, preset);
        return decodeScan(rows, columns);
    }

    private void setParameters(int precision, int[] preset) throws BadInputException {
        maxVal = preset != null && preset[0] != 0 ? preset[0] : (1 << precision) - 1;
        if (near > Math.min(255, maxVal / 2)) {
            throw new BadInputException("JPEG-LS NEAR " + near + " is out of range");
        }
        range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
        limit = 2 * (bpp + Math.max(8, bpp));
        int d1, d2, d3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1);
            d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1);
            d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2);
        } else {
            int factor = 256 / (maxVal + 1);
            d1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1);
            d2 = clamp(Math.max(3, 7 / factor + 5 * near), d1);
            d3 = clamp(Math.max(4, 21 / factor + 7 * near), d2);
        }
        t1 = preset != null && preset[1] != 0 ? preset[1] : d1;
        t2 = preset != null && preset[2] != 0 ? preset[2] : d2;
        t3 = preset != null && preset[3] != 0 ? preset[3] : d3;
        reset = preset != null && preset[4] != 0 ? preset[4] : 64;
        int aInit = Math.max(2, (range + 32) / 64);
        for (int q = 0; q < 367; q++) {
            a[q] = aInit;
            n[q] = 1;
        }
    }

    private int clamp(int i, int j) {
        return i > maxVal || i < j ? j : i;
    }

    private int[] decodeScan(int rows, int w) throws BadInputException {
        int[] out = new int[rows * w];
        int[] prev = new int[w + 2], cur = new int[w + 2];
        for (int y = 0; y < rows; y++) {
            prev[w + 1] = prev[w];
            cur[0] = prev[1];
            int x = 0;
            while (x < w) {
                int ra = cur[x], rb = prev[x + 1], rc = prev[x], rd = prev[x + 2];
                int q1 = quantize(rd - rb), q2 = quantize(rb - rc), q3 = quantize(rc - ra);
                int qs = (q1 * 9 + q2) * 9 + q3;
                if (qs == 0) {
                    x += runMode(cur, prev, x, w);
                } else {
                    cur[x + 1] = regular(qs, ra, rb, rc);
                    x++;
                }
            }
            System.arraycopy(cur, 1, out, y * w, w);
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return out;
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        } else if (d <= -t2) {
            return -3;
        } else if (d <= -t1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
            return 0;
        } else if (d < t1) {
            return 1;
        } else if (d < t2) {
            return 2;
        } else if (d < t3) {
            return 3;
        }
        return 4;
    }

    private int regular(int qs, int ra, int rb, int rc) throws BadInputException {
        int sign = qs < 0 ? -1 : 1;
        int q = qs * sign;
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * c[q];
        px = px < 0 ? 0 : Math.min(px, maxVal);
        int k = 0;
        while ((n[q] << k) < a[q] && k < 24) {
            k++;
        }
        int m = decodeValue(k, limit);
        int err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
        if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) {
            err = -err - 1;
        }
        a[q] += Math.abs(err);
        b[q] += err * (2 * near + 1);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] >>= 1;
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] + n[q] <= 0) {
            b[q] += n[q];
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
            if (c[q] > -128) {
                c[q]--;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (b[q] > 0) {
                b[q] = 0;
            }
            if (c[q] < 127) {
                c[q]++;
            }
        }
        return reconstruct(px, sign * err);
    }

    private int reconstruct(int px, int err) {
        int v = px + err * (2 * near + 1);
        if (v < -near) {
            v += range * (2 * near + 1);
        } else if (v > maxVal + near) {
            v -= range * (2 * near + 1);
        }
        return v < 0 ? 0 : Math.min(v, maxVal);
    }

    /** Run mode from column x: returns how many samples were decoded (run plus interruption sample). */
    private int runMode(int[] cur, int[] prev, int x, int w) throws BadInputException {
        int ra = cur[x];
        int remaining = w - x;
        int count = 0;
        while (readBit() == 1) {
            int step = Math.min(1 << J[runIndex], remaining - count);
            count += step;
            if (step == 1 << J[runIndex]) {
                runIndex = Math.min(31, runIndex + 1);
            }
            if (count == remaining) {
                break;
            }
        }
        if (count != remaining) {
            count += J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
        }
        if (count > remaining) {
            throw new BadInputException("corrupt JPEG-LS data (run beyond the end of a line)");
        }
        for (int i = 0; i < count; i++) {
            cur[x + 1 + i] = ra;
        }
        if (count == remaining) {
            return count;
        }
        int end = x + count;
        int rb = prev[end + 1];
        int value;
        if (Math.abs(ra - rb) <= near) {
            value = reconstruct(ra, interruptionError(366, 1));
        } else {
            int e = interruptionError(365, 0);
            value = reconstruct(rb, rb - ra > 0 ? e : -e);
        }
        cur[end + 1] = value;
        runIndex = Math.max(0, runIndex - 1);
        return count + 1;
    }

    private int interruptionError(int q, int riType) throws BadInputException {
        int temp = riType == 1 ? a[q] + (n[q] >> 1) : a[q];
        int k = 0;
        while ((n[q] << k) < temp && k < 24) {
            k++;
        }
        int em = decodeValue(k, limit - J[runIndex] - 1);
        int t = em + riType;
        int map = t & 1;
        int abs = (t + map) / 2;
        int err = ((k != 0 || 2 * nn[q] >= n[q]) == (map == 1)) ? -abs : abs;
        if (err < 0) {
            nn[q]++;
        }
        a[q] += (em + 1 - riType) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[q] >>= 1;
        }
        n[q]++;
        return err;
    }

    private int decodeValue(int k, int lim) throws BadInputException {
        int high = 0;
        while (readBit() == 0) {
            high++;
            if (high > lim) {
                throw new BadInputException("corrupt JPEG-LS data (Golomb code too long)");
            }
        }
        if (high >= lim - (qbpp + 1)) {
            return readBits(qbpp) + 1;
        }
        return k == 0 ? high : (high << k) + readBits(k);
    }

    private int readBit() throws BadInputException {
        if (cacheBits == 0) {
            fill();
        }
        cacheBits--;
        return (int) (cache >>> cacheBits) & 1;
    }

    private int readBits(int count) throws BadInputException {
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    private void fill() throws BadInputException {
        if (pos >= in.length) {
            throw new BadInputException("corrupt JPEG-LS data (the scan ends early)");
        }
        int v = in[pos] & 0xFF;
        if (lastFF) {
            if ((v & 0x80) != 0) {
                throw new BadInputException("corrupt JPEG-LS data (the scan ends early at a marker)");
            }
            cache = (cache << 7) | v;
            cacheBits += 7;
        } else {
            cache = (cache << 8) | v;
            cacheBits += 8;
        }
        lastFF = v == 0xFF;
        pos++;
    }

    private int u16() throws BadInputException {
        if (pos + 2 > in.length) {
            throw new BadInputException("corrupt JPEG-LS data (header ends early)");
        }
        int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }
}
