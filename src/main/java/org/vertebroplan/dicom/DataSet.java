package org.vertebroplan.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.vertebroplan.base.BadInputException;

/**
 * A parsed DICOM dataset: its elements by tag, each pointing into the (shared, read-only) byte buffer
 * of the file. Values are decoded on demand by typed accessors; the caller states the type it expects
 * (the accessors work whatever the element's VR: explicit, implicit or "UN"), and every malformed
 * value gives a {@link BadInputException} naming the attribute.
 *
 * <p>Reference: DICOM PS3.5 sections 6.2 (value representations) and 7 (data set encoding).
 */
public final class DataSet {

    /**
     * One element: its VR as written ("UN" or null when implicit), where its value lies in the buffer,
     * the items of a sequence and the fragments of encapsulated pixel data (offset, length pairs).
     */
    record Element(int tag, String vr, int offset, int length, List<DataSet> items, int[] fragments) {
    }

    private final byte[] buf;
    private final boolean bigEndian;
    private final Map<Integer, Element> elements;

    DataSet(byte[] buf, boolean bigEndian, Map<Integer, Element> elements) {
        this.buf = buf;
        this.bigEndian = bigEndian;
        this.elements = Collections.unmodifiableMap(elements);
    }

    byte[] buffer() {
        return buf;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    Element element(int tag) {
        return elements.get(tag);
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public int size() {
        return elements.size();
    }

    /** The value as text with trailing spaces and NULs removed; null when absent. */
    public String string(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return null;
        }
        int end = e.offset + e.length;
        while (end > e.offset && (buf[end - 1] == ' ' || buf[end - 1] == 0)) {
            end--;
        }
        int start = e.offset;
        while (start < end && buf[start] == ' ') {
            start++;
        }
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The backslash-separated values of a text element; an empty array when absent or empty. */
    public String[] strings(int tag) {
        String s = string(tag);
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    /** A decimal (DS/IS) or binary float (FD/FL) multi-value; null when absent or empty. */
    public double[] decimals(int tag) throws BadInputException {
        Element e = elements.get(tag);
        if (e == null || e.length == 0) {
            return null;
        }
        if ("FD".equals(e.vr) || "FL".equals(e.vr)) {
            int w = "FD".equals(e.vr) ? 8 : 4;
            double[] out = new double[e.length / w];
            for (int i = 0; i < out.length; i++) {
                long bits = readBits(e.offset + i * w, w);
                out[i] = w == 8 ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
                if (!Double.isFinite(out[i])) {
                    throw new BadInputException("attribute " + Tags.format(tag) + " is not a finite number");
                }
            }
            return out;
        }
        String[] parts = strings(tag);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException ex) {
                throw new BadInputException("attribute " + Tags.format(tag) + " holds \"" + shorten(parts[i])
                    + "\", not a number");
            }
            if (!Double.isFinite(out[i])) {
                throw new BadInputException("attribute " + Tags.format(tag) + " is not a finite number");
            }
        }
        return out;
    }

    /** One decimal value, or {@code fallback} when absent. */
    public double decimal(int tag, double fallback) throws BadInputException {
        double[] v = decimals(tag);
        return v == null || v.length == 0 ? fallback : v[0];
    }

    /** An integer string (IS) value, or {@code fallback} when absent. */
    public int integerString(int tag, int fallback) throws BadInputException {
        Element e = elements.get(tag);
        if (e == null || e.length == 0) {
            return fallback;
        }
        if (!(e.vr == null || "IS".equals(e.vr) || "DS".equals(e.vr) || "UN".equals(e.vr))) {
            return (int) unsigned(tag, fallback);
        }
        String s = string(tag).split("\\\\")[0].trim();
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException ex) {
            throw new BadInputException("attribute " + Tags.format(tag) + " holds \"" + shorten(s)
                + "\", not an integer");
        }
    }

    /** An unsigned binary value (US, or UL when 4 bytes long), or {@code fallback} when absent. */
    public long unsigned(int tag, long fallback) throws BadInputException {
        Element e = elements.get(tag);
        if (e == null || e.length == 0) {
            return fallback;
        }
        if (e.length < 2) {
            throw new BadInputException("attribute " + Tags.format(tag) + " is too short (" + e.length + " bytes)");
        }
        return e.length >= 4 && !"US".equals(e.vr) && !"SS".equals(e.vr) ? readBits(e.offset, 4) : readBits(e.offset, 2);
    }

    /** The raw 16-bit values of a US/SS/OW element (for LUT descriptors and LUT data). */
    public int[] words(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return null;
        }
        int[] out = new int[e.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) readBits(e.offset + 2 * i, 2);
        }
        return out;
    }

    /** The items of a sequence; empty when absent or not a sequence. */
    public List<DataSet> items(int tag) {
        Element e = elements.get(tag);
        return e == null || e.items == null ? List.of() : e.items;
    }

    /** The first item of a sequence, or null. */
    public DataSet item(int tag) {
        List<DataSet> items = items(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    private long readBits(int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int b = buf[off + (bigEndian ? i : width - 1 - i)] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
