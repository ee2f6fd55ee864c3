package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vertebroplan.base.BadInputException;

/**
 * The parser on hand-made byte sequences: each case isolates one rule of PS3.5 (explicit/implicit VR,
 * byte order, undefined-length sequences and items, UN holding an implicit-VR sequence) or one way a
 * file can lie about its lengths.
 */
class DicomParserTest {

    /** Writes elements in a chosen encoding. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean big;

        Bytes(boolean big) {
            this.big = big;
        }

        Bytes u16(int v) {
            if (big) {
                out.write(v >>> 8);
                out.write(v);
            } else {
                out.write(v);
                out.write(v >>> 8);
            }
            return this;
        }

        Bytes u32(long v) {
            return big ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
        }

        Bytes tag(int tag) {
            return u16(tag >>> 16).u16(tag & 0xFFFF);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes explicit(int tag, String vr, byte[] value) {
            tag(tag).raw(vr.getBytes(StandardCharsets.US_ASCII));
            boolean longForm = "OB OW SQ UN UT".contains(vr);
            if (longForm) {
                u16(0).u32(value.length);
            } else {
                u16(value.length);
            }
            return raw(value);
        }

        Bytes implicit(int tag, byte[] value) {
            return tag(tag).u32(value.length).raw(value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static byte[] text(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : (s + " ").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] part10(String tsUid, byte[] dataset) {
        Bytes meta = new Bytes(false).explicit(Tags.TRANSFER_SYNTAX_UID, "UI", text(tsUid + "\0"));
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(meta.bytes());
        f.writeBytes(dataset);
        return f.toByteArray();
    }

    @Test
    void explicitBigEndianValuesAreSwapped() throws BadInputException {
        byte[] ds = new Bytes(true).explicit(Tags.MODALITY, "CS", text("CT"))
            .explicit(Tags.ROWS, "US", new byte[] {0x02, 0x00}).explicit(Tags.PIXEL_SPACING, "DS", text("0.5\\0.25"))
            .bytes();
        DicomFile f = DicomParser.parse(part10("1.2.840.10008.1.2.2", ds));
        assertTrue(f.transferSyntax().bigEndian());
        assertEquals(512, f.dataset().unsigned(Tags.ROWS, 0));
        assertArrayEquals(new double[] {0.5, 0.25}, f.dataset().decimals(Tags.PIXEL_SPACING));
        assertEquals("CT", f.dataset().string(Tags.MODALITY));
    }

    @Test
    void undefinedLengthSequencesAndItemsNest() throws BadInputException {
        Bytes b = new Bytes(false).explicit(Tags.MODALITY, "CS", text("CT"));
        b.tag(Tags.SHARED_FUNCTIONAL_GROUPS).raw("SQ".getBytes(StandardCharsets.US_ASCII)).u16(0).u32(0xFFFFFFFFL);
        b.tag(Tags.ITEM).u32(0xFFFFFFFFL);
        b.tag(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE).raw("SQ".getBytes(StandardCharsets.US_ASCII)).u16(0)
            .u32(0xFFFFFFFFL);
        b.tag(Tags.ITEM).u32(0xFFFFFFFFL).explicit(Tags.RESCALE_INTERCEPT, "DS", text("-1024"))
            .tag(Tags.ITEM_DELIMITATION).u32(0);
        b.tag(Tags.SEQUENCE_DELIMITATION).u32(0);
        b.tag(Tags.ITEM_DELIMITATION).u32(0).tag(Tags.SEQUENCE_DELIMITATION).u32(0);
        b.explicit(Tags.ROWS, "US", new byte[] {4, 0});
        DicomFile f = DicomParser.parse(part10("1.2.840.10008.1.2.1", b.bytes()));
        DataSet t = f.dataset().item(Tags.SHARED_FUNCTIONAL_GROUPS).item(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
        assertEquals(-1024.0, t.decimal(Tags.RESCALE_INTERCEPT, 0));
        assertEquals(4, f.dataset().unsigned(Tags.ROWS, 0), "parsing resumes after the sequence");
    }

    @Test
    void unWithUndefinedLengthHoldsAnImplicitLittleEndianSequence() throws BadInputException {
        Bytes item = new Bytes(false).implicit(Tags.LUT_DESCRIPTOR, new byte[] {4, 0, 0, 0, 16, 0});
        Bytes b = new Bytes(false);
        b.tag(Tags.MODALITY_LUT_SEQUENCE).raw("UN".getBytes(StandardCharsets.US_ASCII)).u16(0).u32(0xFFFFFFFFL);
        b.tag(Tags.ITEM).u32(item.bytes().length).raw(item.bytes());
        b.tag(Tags.SEQUENCE_DELIMITATION).u32(0);
        b.explicit(Tags.IMAGE_POSITION_PATIENT, "UN", text("1\\2\\3"));
        DicomFile f = DicomParser.parse(part10("1.2.840.10008.1.2.1", b.bytes()));
        assertArrayEquals(new int[] {4, 0, 16}, f.dataset().item(Tags.MODALITY_LUT_SEQUENCE).words(Tags.LUT_DESCRIPTOR));
        assertArrayEquals(new double[] {1, 2, 3}, f.dataset().decimals(Tags.IMAGE_POSITION_PATIENT));
    }

    @Test
    void bareImplicitDatasetWithoutPreambleIsRecognized() throws BadInputException {
        byte[] ds = new Bytes(false).implicit(Tags.IMAGE_TYPE, text("ORIGINAL\\PRIMARY\\AXIAL"))
            .implicit(Tags.MODALITY, text("CT")).bytes();
        DicomFile f = DicomParser.parse(ds);
        assertEquals(TransferSyntax.IMPLICIT_LE, f.transferSyntax());
        assertEquals("CT", f.dataset().string(Tags.MODALITY));
        assertTrue(f.notes().get(0).contains("no meta header"));
    }

    @Test
    void lengthsBeyondTheFileAreRefusedWithoutAllocating() {
        byte[] huge = new Bytes(false).explicit(Tags.MODALITY, "CS", text("CT")).tag(Tags.PIXEL_DATA)
            .raw("OW".getBytes(StandardCharsets.US_ASCII)).u16(0).u32(0xFFFFFFF0L).raw(new byte[16]).bytes();
        BadInputException ex = assertThrows(BadInputException.class,
            () -> DicomParser.parse(part10("1.2.840.10008.1.2.1", huge)));
        assertTrue(ex.getMessage().contains("(7FE0,0010) declares 4294967280 bytes but only 16 remain"),
            ex.getMessage());
        byte[] item = new Bytes(false).tag(Tags.SHARED_FUNCTIONAL_GROUPS).raw("SQ".getBytes(StandardCharsets.US_ASCII))
            .u16(0).u32(0xFFFFFFFFL).tag(Tags.ITEM).u32(0x7FFFFFF0L).bytes();
        assertThrows(BadInputException.class, () -> DicomParser.parse(part10("1.2.840.10008.1.2.1", item)));
    }

    @Test
    void sequenceWithoutDelimiterAndDeepNestingAreRefused() {
        Bytes open = new Bytes(false).tag(Tags.SHARED_FUNCTIONAL_GROUPS).raw("SQ".getBytes(StandardCharsets.US_ASCII))
            .u16(0).u32(0xFFFFFFFFL).tag(Tags.ITEM).u32(0xFFFFFFFFL).explicit(Tags.MODALITY, "CS", text("CT"));
        assertThrows(BadInputException.class, () -> DicomParser.parse(part10("1.2.840.10008.1.2.1", open.bytes())));
        Bytes deep = new Bytes(false);
        for (int i = 0; i < 100; i++) {
            deep.tag(Tags.SHARED_FUNCTIONAL_GROUPS).raw("SQ".getBytes(StandardCharsets.US_ASCII)).u16(0)
                .u32(0xFFFFFFFFL).tag(Tags.ITEM).u32(0xFFFFFFFFL);
        }
        BadInputException ex = assertThrows(BadInputException.class,
            () -> DicomParser.parse(part10("1.2.840.10008.1.2.1", deep.bytes())));
        assertTrue(ex.getMessage().contains("nested deeper"), ex.getMessage());
    }

    @Test
    void notDicomIsSaidSo() {
        BadInputException ex = assertThrows(BadInputException.class,
            () -> DicomParser.parse("# a README file\nwith text".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(ex.getMessage().startsWith("not a DICOM file"));
    }

    @Test
    void headerModeStopsAtNativePixelsAndRejectsNonDicomFromItsFirstBytes() throws BadInputException {
        byte[] ds = new Bytes(false).explicit(Tags.ROWS, "US", new byte[] {2, 0}).tag(Tags.PIXEL_DATA)
            .raw("OW".getBytes(StandardCharsets.US_ASCII)).u16(0).u32(1000).bytes();
        byte[] prefix = part10("1.2.840.10008.1.2.1", ds);
        DicomFile f = DicomParser.parseHeader(prefix, prefix.length + 1000L);
        assertTrue(f != null && !f.complete());
        assertEquals(2, f.dataset().unsigned(Tags.ROWS, 0));
        assertEquals(null, DicomParser.parseHeader(prefix, prefix.length + 999L), "pixel data beyond the file");
        assertThrows(DicomParser.NotDicomException.class,
            () -> DicomParser.parseHeader("not dicom at all, a long text".getBytes(StandardCharsets.US_ASCII), 1L << 30));
    }

    @Test
    void modalityLutAndPaddingMakeTheHuTable() throws BadInputException {
        PixelModule lut = new PixelModule(1, 1, 1, 16, 12, 11, true, null, null, 1, 0,
            new PixelModule.ModalityLut(-2, new int[] {100, 200, 300}));
        short[] t = lut.huTable();
        assertEquals(100, t[0x0FFE]); // stored -2 (12-bit two's complement 0xFFE) is the LUT's first entry
        assertEquals(100, t[0xFFFE]); // bits above BitsStored are ignored
        assertEquals(200, t[0x0FFF]);
        assertEquals(300, t[5]); // above the LUT: last entry
        PixelModule pad = new PixelModule(1, 1, 1, 16, 16, 15, true, -1500, null, 1, -1024, null);
        short[] p = pad.huTable();
        assertEquals(PixelModule.PADDING_HU, p[(-1500) & 0xFFFF]);
        assertEquals(-1024 - 1499, p[(-1499) & 0xFFFF]);
        assertEquals(976, p[2000]);
    }
}
