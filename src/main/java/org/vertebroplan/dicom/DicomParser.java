package org.vertebroplan.dicom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.base.BadInputException;

/**
 * Parses the bytes of a DICOM Part-10 file, or of a bare dataset without preamble and meta header,
 * into a {@link DicomFile}. Handles implicit and explicit VR, little and big endian, deflated datasets,
 * defined and undefined length sequences and items, encapsulated pixel data fragments, and VR "UN"
 * (whose undefined-length content is implicit VR little endian, PS3.5 6.2.2).
 *
 * <p>How: the whole file is in memory, so values are never copied: elements point into the buffer.
 * Every declared length is checked against the bytes that remain before it is used, nesting depth
 * is bounded and the inflated size of a deflated dataset is capped, so a corrupt file gives a
 * {@link BadInputException} with the offset and the attribute, never an OutOfMemoryError or a hang.
 *
 * <p>Limits: character sets other than ISO-8859-1 are read as ISO-8859-1 (only UIDs, codes and
 * numbers matter here); an explicit VR element with an unknown VR is read as implicit.
 */
public final class DicomParser {

    private static final int MAX_DEPTH = 24;
    private static final int UNDEFINED = -1;

    private byte[] buf;
    private int limit;
    private boolean bigEndian;
    private int pos;

    /** In header mode: the size of the whole file, of which {@link #buf} is a prefix; else -1. */
    private final long fileSize;
    private boolean stoppedAtPixels;

    private DicomParser(byte[] buf, int limit, long fileSize) {
        this.buf = buf;
        this.limit = limit;
        this.fileSize = fileSize;
    }

    /** Parses a whole file; throws when it is not DICOM or is malformed. */
    public static DicomFile parse(byte[] data) throws BadInputException {
        return new DicomParser(data, data.length, -1).parseFile();
    }

    /**
     * Parses a file held in the first {@code length} bytes of {@code data} (a reusable buffer: the
     * result points into it and must be used before the buffer is filled again).
     */
    static DicomFile parse(byte[] data, int length) throws BadInputException {
        return new DicomParser(data, length, -1).parseFile();
    }

    /**
     * Parses the header of a file from a prefix of its bytes, stopping at native pixel data, whose
     * declared length is checked against {@code fileSize}. Returns null when the prefix is not enough
     * (the pixel data is not native or lies beyond the prefix): then parse the whole file. Throws
     * only when the start of the prefix shows that the file is not DICOM.
     */
    static DicomFile parseHeader(byte[] prefix, long fileSize) throws NotDicomException {
        DicomParser p = new DicomParser(prefix, prefix.length, fileSize);
        try {
            DicomFile f = p.parseFile();
            return p.stoppedAtPixels ? f : null;
        } catch (NotDicomException ex) {
            throw ex; // decided from the first bytes: no need to read the rest of a (maybe huge) file
        } catch (BadInputException ex) {
            return null;
        }
    }

    /** The bytes are not DICOM at all (decided from the start of the file). */
    static final class NotDicomException extends BadInputException {
        private static final long serialVersionUID = 1L;

        NotDicomException(String message) {
            super(message);
        }
    }

    private DicomFile parseFile() throws BadInputException {
        List<String> notes = new ArrayList<>();
        int start;
        if (limit >= 132 && buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M') {
            start = 132;
        } else if (limit >= 8 && u16le(0) == 0x0002) {
            start = 0;
            notes.add("no preamble");
        } else {
            start = -1;
        }
        DataSet meta = new DataSet(buf, false, Map.of());
        TransferSyntax ts;
        if (start >= 0) {
            pos = start;
            bigEndian = false;
            meta = readDataSet(limit, true, false, 0, true);
            String uid = meta.string(Tags.TRANSFER_SYNTAX_UID);
            if (uid == null || uid.isEmpty()) {
                ts = guess(pos);
                notes.add("meta header has no transfer syntax; guessed " + ts.name());
            } else {
                ts = TransferSyntax.of(uid.replace("\0", ""));
            }
        } else {
            pos = 0;
            ts = guess(0);
            notes.add("no meta header; guessed " + ts.name());
        }
        if (ts.deflated()) {
            if (fileSize >= 0) {
                throw new BadInputException("header mode: deflated files are read whole");
            }
            buf = Deflated.inflate(buf, pos, limit);
            limit = buf.length;
            pos = 0;
        }
        bigEndian = ts.bigEndian();
        DataSet ds = readDataSet(limit, ts.explicitVr(), false, 0, false);
        if (ds.size() == 0) {
            throw new BadInputException("no data elements after the file header");
        }
        return new DicomFile(ts, meta, ds, List.copyOf(notes), !stoppedAtPixels);
    }

    /** Guesses the encoding of a dataset without meta header from its first element. */
    private TransferSyntax guess(int p) throws BadInputException {
        if (p + 8 > limit) {
            throw new NotDicomException("not a DICOM file (too short)");
        }
        boolean vrOk = isVr(buf[p + 4], buf[p + 5]);
        int gLe = u16le(p);
        int gBe = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
        if (plausibleGroup(gLe)) {
            return vrOk ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE;
        }
        if (plausibleGroup(gBe) && vrOk) {
            return TransferSyntax.EXPLICIT_BE;
        }
        throw new NotDicomException("not a DICOM file (no DICM marker and no recognizable data element)");
    }

    private static boolean plausibleGroup(int g) {
        return g == 0x0008 || g == 0x0002 || g == 0x0004 || g == 0x0000;
    }

    /**
     * Reads elements from {@link #pos} to {@code end} (defined length) or to an item delimiter
     * ({@code inItem} with undefined length). {@code metaOnly} stops before the first non-0002 group.
     */
    private DataSet readDataSet(int end, boolean explicit, boolean undefinedItem, int depth, boolean metaOnly)
        throws BadInputException {
        if (depth > MAX_DEPTH) {
            throw new BadInputException("sequences nested deeper than " + MAX_DEPTH + " levels at offset " + pos);
        }
        Map<Integer, DataSet.Element> elements = new HashMap<>();
        boolean saveBig = bigEndian;
        while (pos < end) {
            if (end - pos < 8) {
                if (depth == 0 && !undefinedItem) {
                    pos = end; // a few trailing bytes after the last element: ignored
                    break;
                }
                throw truncated("element header", 8, end - pos);
            }
            if (metaOnly && u16le(pos) != 0x0002) {
                break;
            }
            int tagPos = pos;
            int tag = (u16(pos) << 16) | u16(pos + 2);
            if (fileSize >= 0 && tag == Tags.PIXEL_DATA && depth == 0 && !metaOnly) {
                if (stopAtPixels(elements, explicit)) {
                    break;
                }
                pos = tagPos;
                throw new BadInputException("header mode: pixel data not native");
            }
            if (tag == Tags.ITEM_DELIMITATION) {
                pos += 8;
                if (undefinedItem) {
                    bigEndian = saveBig;
                    return new DataSet(buf, bigEndian, elements);
                }
                continue; // stray delimiter: tolerated
            }
            if (tag == Tags.SEQUENCE_DELIMITATION || tag == Tags.ITEM) {
                throw new BadInputException("unexpected " + (tag == Tags.ITEM ? "item" : "sequence delimiter")
                    + " at offset " + tagPos);
            }
            String vr = null;
            long len;
            if (explicit && isVr(buf[pos + 4], buf[pos + 5])) {
                vr = new String(new char[] {(char) buf[pos + 4], (char) buf[pos + 5]});
                if (longForm(vr)) {
                    if (end - pos < 12) {
                        throw truncated("element header", 12, end - pos);
                    }
                    len = u32(pos + 8);
                    pos += 12;
                } else {
                    len = u16(pos + 6);
                    pos += 8;
                }
            } else {
                len = u32(pos + 4);
                pos += 8;
            }
            DataSet.Element e = readValue(tag, vr, len, end, explicit, depth);
            elements.put(tag, e);
        }
        if (undefinedItem) {
            throw new BadInputException("item without delimiter: the file ends inside a sequence");
        }
        return new DataSet(buf, bigEndian, elements);
    }

    /** Header mode: records native pixel data whose declared length fits in the file, and stops. */
    private boolean stopAtPixels(Map<Integer, DataSet.Element> elements, boolean explicit) {
        if (end8() && explicit && isVr(buf[pos + 4], buf[pos + 5])) {
            String vr = new String(new char[] {(char) buf[pos + 4], (char) buf[pos + 5]});
            if (!longForm(vr) || pos + 12 > limit) {
                return false;
            }
            return record(elements, vr, u32(pos + 8), pos + 12);
        }
        return end8() && !explicit && record(elements, null, u32(pos + 4), pos + 8);
    }

    private boolean end8() {
        return pos + 8 <= limit;
    }

    private boolean record(Map<Integer, DataSet.Element> elements, String vr, long len, int valuePos) {
        if (len == 0xFFFFFFFFL || len > fileSize - valuePos) {
            return false;
        }
        elements.put(Tags.PIXEL_DATA, new DataSet.Element(Tags.PIXEL_DATA, vr, valuePos, (int) len, null, null));
        stoppedAtPixels = true;
        return true;
    }

    private DataSet.Element readValue(int tag, String vr, long len, int end, boolean explicit, int depth)
        throws BadInputException {
        int valuePos = pos;
        if (len == 0xFFFFFFFFL) {
            if (tag == Tags.PIXEL_DATA) {
                int[] fragments = readFragments(end);
                return new DataSet.Element(tag, vr, valuePos, pos - valuePos, null, fragments);
            }
            if (vr != null && !"SQ".equals(vr) && !"UN".equals(vr)) {
                throw new BadInputException("attribute " + Tags.format(tag) + " (" + vr
                    + ") has an undefined length, which only sequences may have");
            }
            boolean itemsExplicit = "SQ".equals(vr) && explicit;
            boolean saveBig = bigEndian;
            if ("UN".equals(vr)) {
                bigEndian = false;
            }
            List<DataSet> items = readItems(end, UNDEFINED, itemsExplicit, depth);
            bigEndian = saveBig;
            return new DataSet.Element(tag, "SQ", valuePos, pos - valuePos, items, null);
        }
        if (len > end - pos) {
            throw new BadInputException("truncated: attribute " + Tags.format(tag) + " declares " + len
                + " bytes but only " + (end - pos) + " remain");
        }
        int n = (int) len;
        List<DataSet> items = null;
        if ("SQ".equals(vr)) {
            items = readItems(pos + n, n, explicit, depth);
        } else if ((vr == null || "UN".equals(vr)) && Tags.KNOWN_SEQUENCES.contains(tag)) {
            boolean saveBig = bigEndian;
            try {
                bigEndian = bigEndian && vr == null;
                items = readItems(pos + n, n, false, depth);
            } catch (BadInputException ex) {
                items = null; // not decodable as implicit VR items: kept as opaque bytes
            } finally {
                bigEndian = saveBig;
            }
        }
        pos = valuePos + n;
        return new DataSet.Element(tag, vr, valuePos, n, items, null);
    }

    private List<DataSet> readItems(int end, int length, boolean explicit, int depth) throws BadInputException {
        List<DataSet> items = new ArrayList<>();
        int seqEnd = end;
        while (true) {
            if (length != UNDEFINED && pos >= seqEnd) {
                return items;
            }
            if (seqEnd - pos < 8) {
                throw truncated("sequence item", 8, seqEnd - pos);
            }
            int tag = (u16(pos) << 16) | u16(pos + 2);
            long len = u32(pos + 4);
            pos += 8;
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                return items;
            }
            if (tag != Tags.ITEM) {
                throw new BadInputException("expected a sequence item at offset " + (pos - 8) + ", found "
                    + Tags.format(tag));
            }
            if (len == 0xFFFFFFFFL) {
                items.add(readDataSet(seqEnd, explicit, true, depth + 1, false));
            } else {
                if (len > seqEnd - pos) {
                    throw new BadInputException("truncated: a sequence item declares " + len + " bytes but only "
                        + (seqEnd - pos) + " remain");
                }
                int itemEnd = pos + (int) len;
                items.add(readDataSet(itemEnd, explicit, false, depth + 1, false));
                pos = itemEnd;
            }
        }
    }

    /** Encapsulated pixel data: the offset table item then fragments, up to the sequence delimiter. */
    private int[] readFragments(int end) throws BadInputException {
        List<int[]> list = new ArrayList<>();
        while (true) {
            if (end - pos < 8) {
                throw new BadInputException("truncated: encapsulated pixel data ends without a sequence delimiter");
            }
            int tag = (u16(pos) << 16) | u16(pos + 2);
            long len = u32(pos + 4);
            pos += 8;
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw new BadInputException("encapsulated pixel data: expected a fragment item at offset " + (pos - 8)
                    + ", found " + Tags.format(tag));
            }
            if (len > end - pos) {
                throw new BadInputException("truncated: a pixel data fragment declares " + len + " bytes but only "
                    + (end - pos) + " remain");
            }
            list.add(new int[] {pos, (int) len});
            pos += (int) len;
        }
        if (list.isEmpty()) {
            throw new BadInputException("encapsulated pixel data has no basic offset table item");
        }
        int[] out = new int[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            out[2 * i] = list.get(i)[0];
            out[2 * i + 1] = list.get(i)[1];
        }
        return out;
    }

    private static boolean longForm(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private static boolean isVr(byte a, byte b) {
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return false;
        }
        return switch ("" + (char) a + (char) b) {
            case "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
                "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT",
                "UV" -> true;
            default -> false;
        };
    }

    private BadInputException truncated(String what, int need, int have) {
        return new BadInputException("truncated: a " + what + " needs " + need + " bytes but only " + have
            + " remain at offset " + pos);
    }

    private int u16le(int p) {
        return (buf[p] & 0xFF) | ((buf[p + 1] & 0xFF) << 8);
    }

    private int u16(int p) {
        return bigEndian ? ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF) : u16le(p);
    }

    private long u32(int p) {
        long a = u16(p), b = u16(p + 2);
        return bigEndian ? (a << 16) | b : (b << 16) | a;
    }
}
