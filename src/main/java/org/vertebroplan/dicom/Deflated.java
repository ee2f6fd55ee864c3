package org.vertebroplan.dicom;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.vertebroplan.io.BadInputException;

/**
 * The dataset of a Deflated Explicit VR Little Endian file (1.2.840.10008.1.2.1.99): raw deflate
 * (RFC 1951, no zlib header) after the meta header, inflated with {@link Inflater}. The output is
 * capped at 1 GiB and a stream that ends early yields what was inflated (the parser then checks every
 * length against it), so a corrupt stream cannot exhaust memory or loop.
 */
final class Deflated {

    private static final int MAX_INFLATED = 1 << 30;

    private Deflated() {
    }

    /** Inflates the raw-deflated dataset after the meta header; the output is capped. */
    static byte[] inflate(byte[] data, int from, int limit) throws BadInputException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(data, from, limit - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_INFLATED, 4 * (limit - from) + 64));
            byte[] chunk = new byte[65536];
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0) {
                    if (inf.needsInput() || inf.needsDictionary()) {
                        break; // stream ended early: parse what was inflated, lengths are checked there
                    }
                }
                if (out.size() + n > MAX_INFLATED) {
                    throw new BadInputException("deflated dataset inflates to more than " + (MAX_INFLATED >> 20)
                        + " MB");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new BadInputException("corrupt deflated dataset: " + ex.getMessage(), ex);
        } finally {
            inf.end();
        }
    }

}
