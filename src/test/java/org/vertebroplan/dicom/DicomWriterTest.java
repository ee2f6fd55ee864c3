package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;

/** Byte-level checks of the Part-10 writer against PS3.10 / PS3.5 (hand-laid expected bytes). */
class DicomWriterTest {

    static DicomWriterDataset sample() {
        return new DicomWriterDataset()
            .text(DicomWriterDataset.tag(0x0010, 0x0010), "PN", "A^B")       // odd: padded with a space
            .text(DicomWriterDataset.tag(0x0008, 0x0016), "UI", "1.2.3")     // odd: padded with NUL
            .text(DicomWriterDataset.tag(0x0008, 0x0018), "UI", "1.2.3.4")
            .us(DicomWriterDataset.tag(0x0028, 0x0010), 0x1234)
            .ow(DicomWriterDataset.tag(0x7FE0, 0x0010), new short[] {1, -2});
    }

    @Test
    void datasetIsSortedPaddedAndExplicitLittleEndian() {
        byte[] b = sample().encodeExplicitLittleEndian();
        byte[] expected = concat(
            new byte[] {0x08, 0, 0x16, 0, 'U', 'I', 6, 0}, "1.2.3\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x08, 0, 0x18, 0, 'U', 'I', 8, 0}, "1.2.3.4\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x10, 0, 0x10, 0, 'P', 'N', 4, 0}, "A^B ".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x28, 0, 0x10, 0, 'U', 'S', 2, 0, 0x34, 0x12},
            new byte[] {(byte) 0xE0, 0x7F, 0x10, 0, 'O', 'W', 0, 0, 4, 0, 0, 0, 1, 0, (byte) 0xFE, (byte) 0xFF});
        assertArrayEquals(expected, b);
    }

    @Test
    void part10HasPreambleMetaGroupAndTransferSyntax() {
        byte[] f = DicomWriter.encode(sample(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 9);
        for (int i = 0; i < 128; i++) {
            assertEquals(0, f[i]);
        }
        assertEquals("DICM", new String(f, 128, 4, StandardCharsets.US_ASCII));
        ByteBuffer bb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0002, bb.getShort(132));
        assertEquals(0x0000, bb.getShort(134));
        assertEquals("UL", new String(f, 136, 2, StandardCharsets.US_ASCII));
        int groupLength = bb.getInt(140);
        int datasetStart = 144 + groupLength;
        // the dataset after the meta group is exactly the explicit encoding
        byte[] body = Arrays.copyOfRange(f, datasetStart, f.length);
        assertArrayEquals(sample().encodeExplicitLittleEndian(), body);
        String meta = new String(f, 144, groupLength, StandardCharsets.US_ASCII);
        assertTrue(meta.contains("1.2.840.10008.1.2.1\0"), "transfer syntax in meta");
        assertTrue(meta.contains("1.2.3\0") && meta.contains("1.2.3.4\0"), "SOP class and instance in meta");
        assertTrue(meta.contains(DicomWriter.IMPLEMENTATION_CLASS_UID), "implementation UID");
        assertEquals(0, f.length % 2);
    }

    @Test
    void deflatedDatasetInflatesToTheExplicitEncoding() throws Exception {
        DicomWriterDataset ds = sample().ow(DicomWriterDataset.tag(0x7FE0, 0x0010), new short[5000]);
        byte[] f = DicomWriter.encode(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 9);
        int groupLength = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        assertTrue(new String(f, 144, groupLength, StandardCharsets.US_ASCII).contains("1.2.840.10008.1.2.1.99"));
        byte[] deflated = Arrays.copyOfRange(f, 144 + groupLength, f.length);
        assertEquals(0, deflated.length % 2);
        Inflater inf = new Inflater(true);
        inf.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inf.finished()) {
            out.write(buf, 0, inf.inflate(buf));
        }
        inf.end();
        byte[] plain = ds.encodeExplicitLittleEndian();
        assertArrayEquals(plain, out.toByteArray());
        assertTrue(deflated.length < plain.length / 10, "zeros compress");
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        assertEquals("0.3", DicomWriterDataset.formatDs(0.1 + 0.2));
        assertEquals("-154.125", DicomWriterDataset.formatDs(-154.125));
        assertEquals("0", DicomWriterDataset.formatDs(-0.0));
        assertEquals("0", DicomWriterDataset.formatDs(1e-20));
        assertEquals("-1", DicomWriterDataset.formatDs(-1));
        for (double v : new double[] {Math.PI * 1e6, -Math.E * 1e-7, 123456789012.3456, -9.87654321e15, 1e30}) {
            String s = DicomWriterDataset.formatDs(v);
            assertTrue(s.length() <= 16, s);
            assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-6 + 1e-10, s);
        }
        assertThrows(IllegalArgumentException.class, () -> DicomWriterDataset.formatDs(Double.NaN));
    }

    @Test
    void uidsAreDeterministicDistinctAndValid() {
        String a = DicomWriterUids.fromName("phantom/seed=1/series");
        assertEquals(a, DicomWriterUids.fromName("phantom/seed=1/series"));
        assertNotEquals(a, DicomWriterUids.fromName("phantom/seed=2/series"));
        for (String u : new String[] {a, DicomWriter.IMPLEMENTATION_CLASS_UID}) {
            assertTrue(u.matches("2\\.25\\.(0|[1-9][0-9]*)"), u);
            assertTrue(u.length() <= 64);
        }
        assertEquals("2.25.0", DicomWriterUids.fromUuid(new java.util.UUID(0, 0)));
        assertEquals("2.25.340282366920938463463374607431768211455", DicomWriterUids.fromUuid(new java.util.UUID(-1, -1)));
    }

    @Test
    void refusesNonAsciiTextAndMissingSopUids() {
        assertThrows(IllegalArgumentException.class,
            () -> new DicomWriterDataset().text(DicomWriterDataset.tag(0x0010, 0x0010), "PN", "M\u00fcller"));
        assertThrows(IllegalArgumentException.class,
            () -> DicomWriter.encode(new DicomWriterDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 9));
        assertThrows(IllegalArgumentException.class,
            () -> new DicomWriterDataset().text(DicomWriterDataset.tag(0x0008, 0x0060), "CS", "SEVENTEEN_LETTERS"));
        assertThrows(IllegalArgumentException.class,
            () -> new DicomWriterDataset().text(DicomWriterDataset.tag(0x0020, 0x000D), "UI", "1." + "2".repeat(63)));
        assertThrows(IllegalArgumentException.class,
            () -> new DicomWriterDataset().text(DicomWriterDataset.tag(0x0008, 0x103E), "LO", "a\\b"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
