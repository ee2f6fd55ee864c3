package org.vertebroplan.dicom;

import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.vertebroplan.base.BadInputException;

/**
 * The dataset of a Deflated Explicit VR Little Endian file (1.2.840.10008.1.2.1.99): raw deflate
 * (RFC 1951, no zlib header) after the meta header, inflated with {@link Inflater}.
 *
 * <p>Two passes, so that a deflate bomb never gets memory: the first streams through a small buffer and
 * only counts the inflated bytes, stopping at the cap ({@link #cap()}: a quarter of the maximum heap, at
 * most 1 GiB); the second inflates into one array of exactly that size, after {@link HeapGuard} has
 * checked that the heap left holds it (no doubling buffer). A stream that ends early yields what was
 * inflated (the parser then checks every length against it), so a corrupt stream cannot loop either.
 */
final class Deflated {

    private static final long MAX_INFLATED = 1L << 30;

    private Deflated() {
    }

    /** The most a dataset may inflate to: a quarter of the maximum heap, at most 1 GiB. */
    static long cap() {
        return Math.min(MAX_INFLATED, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Inflates the raw-deflated dataset after the meta header; the output is capped. */
    static byte[] inflate(byte[] data, int from, int limit) throws BadInputException {
        long cap = cap();
        long size = inflate(data, from, limit, null, cap);
        HeapGuard.require(size, "the inflated dataset (" + (size >> 20) + " MB)");
        byte[] out = new byte[(int) size];
        inflate(data, from, limit, out, cap);
        return out;
    }

    /** Inflates into {@code out} (or only counts, when null); returns the inflated size. */
    private static long inflate(byte[] data, int from, int limit, byte[] out, long cap) throws BadInputException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(data, from, limit - from);
            byte[] scratch = out == null ? new byte[65536] : null;
            long size = 0;
            while (!inf.finished()) {
                int n = out == null ? inf.inflate(scratch) : inf.inflate(out, (int) size, out.length - (int) size);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary() || out != null && size == out.length)) {
                    break; // stream ended early: parse what was inflated, lengths are checked there
                }
                size += n;
                if (size > cap) {
                    throw new BadInputException(String.format(Locale.ROOT, "deflated dataset inflates to more than"
                        + " %d MB (%d bytes in the file), the limit for a %d MB heap", cap >> 20, limit - from,
                        Runtime.getRuntime().maxMemory() >> 20));
                }
            }
            return size;
        } catch (DataFormatException ex) {
            throw new BadInputException("corrupt deflated dataset: " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
    }
}
