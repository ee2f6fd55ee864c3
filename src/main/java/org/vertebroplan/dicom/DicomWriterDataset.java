package org.vertebroplan.dicom;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ordered set of DICOM data elements to be written, and their Explicit VR Little Endian encoding
 * (PS3.5 section 7.1.2). Elements are kept sorted by tag, values padded to even length (UI with NUL,
 * other text with a space, binary with NUL) as PS3.5 section 6.2 requires.
 *
 * <p>Limits: flat datasets only (no sequences), text in the default repertoire (ASCII); values are
 * encoded when they are put. Part of the small self-contained writer used for the synthetic phantom;
 * the reader lives elsewhere in this package.
 */
public final class DicomWriterDataset {

    /** VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS =
        Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /** Maximum length of one value per text VR (PS3.5 table 6.2-1); PN is per component group. */
    private static final Map<String, Integer> MAX_VALUE_LENGTH = Map.ofEntries(
        Map.entry("AE", 16), Map.entry("AS", 4), Map.entry("CS", 16), Map.entry("DA", 8), Map.entry("DS", 16),
        Map.entry("DT", 26), Map.entry("IS", 12), Map.entry("LO", 64), Map.entry("LT", 10240),
        Map.entry("PN", 64), Map.entry("SH", 16), Map.entry("ST", 1024), Map.entry("TM", 14), Map.entry("UI", 64));

    private record Element(String vr, byte[] value, String text) {
    }

    private final TreeMap<Integer, Element> elements = new TreeMap<>();

    /** Tag number from group and element, e.g. {@code tag(0x0010, 0x0010)}. */
    public static int tag(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    /** A text element (AE AS CS DA DS IS LO LT PN SH ST TM UI ...); several values joined by backslash. */
    public DicomWriterDataset text(int tag, String vr, String... values) {
        Integer max = MAX_VALUE_LENGTH.get(vr);
        for (String v : values) {
            if (max != null && v.length() > max) {
                throw new IllegalArgumentException("value too long for VR " + vr + " (max " + max + "): " + v);
            }
            if (v.contains("\\") && !"LT".equals(vr) && !"ST".equals(vr)) {
                throw new IllegalArgumentException("a single value cannot contain a backslash: " + v);
            }
        }
        String joined = String.join("\\", values);
        for (char c : joined.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("only printable ASCII is supported: " + joined);
            }
        }
        byte[] raw = joined.getBytes(StandardCharsets.US_ASCII);
        byte pad = "UI".equals(vr) ? (byte) 0 : (byte) ' ';
        return put(tag, vr, padEven(raw, pad), joined);
    }

    /** Decimal String values, each formatted in at most 16 characters. */
    public DicomWriterDataset decimals(int tag, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = formatDs(values[i]);
        }
        return text(tag, "DS", s);
    }

    /** Integer String values. */
    public DicomWriterDataset integers(int tag, long... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = Long.toString(values[i]);
        }
        return text(tag, "IS", s);
    }

    /** An unsigned short (US) value. */
    public DicomWriterDataset us(int tag, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("US out of range: " + value);
        }
        return put(tag, "US", new byte[] {(byte) value, (byte) (value >>> 8)}, null);
    }

    /** An unsigned long (UL) value. */
    public DicomWriterDataset ul(int tag, long value) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return put(tag, "UL", b, null);
    }

    /** Other Byte data. */
    public DicomWriterDataset ob(int tag, byte[] bytes) {
        return put(tag, "OB", padEven(bytes.clone(), (byte) 0), null);
    }

    /** Other Word data: 16-bit words, little endian. */
    public DicomWriterDataset ow(int tag, short[] words) {
        byte[] b = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) words[i];
            b[2 * i + 1] = (byte) (words[i] >>> 8);
        }
        return put(tag, "OW", b, null);
    }

    /** The text value of an element put with {@link #text}, or null. */
    public String textOf(int tag) {
        Element e = elements.get(tag);
        return e == null ? null : e.text();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** Explicit VR Little Endian encoding of all elements, in ascending tag order. */
    public byte[] encodeExplicitLittleEndian() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<Integer, Element> entry : elements.entrySet()) {
            int tag = entry.getKey();
            Element e = entry.getValue();
            writeShort(out, tag >>> 16);
            writeShort(out, tag & 0xFFFF);
            out.write(e.vr().charAt(0));
            out.write(e.vr().charAt(1));
            if (LONG_VRS.contains(e.vr())) {
                writeShort(out, 0);
                writeInt(out, e.value().length);
            } else {
                if (e.value().length > 0xFFFF) {
                    throw new IllegalStateException("value too long for VR " + e.vr());
                }
                writeShort(out, e.value().length);
            }
            out.writeBytes(e.value());
        }
        return out.toByteArray();
    }

    /** DS text for a number in at most 16 characters (PS3.5 table 6.2-1), without exponent when possible. */
    static String formatDs(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("DS must be finite: " + v);
        }
        if (v == 0) {
            return "0";
        }
        for (int scale = 10; scale >= 0; scale--) {
            String s = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
            if (s.length() <= 16) {
                return "-0".equals(s) ? "0" : s;
            }
        }
        String s = String.format(java.util.Locale.ROOT, "%.8E", v);
        return s.length() <= 16 ? s : String.format(java.util.Locale.ROOT, "%.6E", v);
    }

    private DicomWriterDataset put(int tag, String vr, byte[] value, String text) {
        if (vr == null || vr.length() != 2) {
            throw new IllegalArgumentException("a VR has two letters: " + vr);
        }
        elements.put(tag, new Element(vr, value, text));
        return this;
    }

    private static byte[] padEven(byte[] raw, byte pad) {
        if (raw.length % 2 == 0) {
            return raw;
        }
        byte[] b = java.util.Arrays.copyOf(raw, raw.length + 1);
        b[raw.length] = pad;
        return b;
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        writeShort(out, v & 0xFFFF);
        writeShort(out, v >>> 16);
    }
}
