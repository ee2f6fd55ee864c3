package org.vertebroplan.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Small DICOM files that lie, written by the tests themselves (a few KB on disk each): a CT slice whose
 * header declares any size, geometry and transfer syntax, with native pixels, encapsulated fragments
 * of any length, or a deflated dataset that inflates to far more than its file.
 */
public final class HostileFiles {

    public static final String RLE = "1.2.840.10008.1.2.5";
    public static final String JPEG_LS = "1.2.840.10008.1.2.4.80";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    private HostileFiles() {
    }

    /** The header of a CT slice (no pixel data): size, position and pixel spacing as given, text as written. */
    public static DicomWriterDataset header(String series, int instance, int rows, int columns, String position,
                                            String spacing) {
        return new DicomWriterDataset()
            .text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.2")
            .text(Tags.SOP_INSTANCE_UID, "UI", series + "." + instance)
            .text(Tags.MODALITY, "CS", "CT")
            .text(Tags.SERIES_INSTANCE_UID, "UI", series)
            .integers(Tags.INSTANCE_NUMBER, instance)
            .text(Tags.IMAGE_POSITION_PATIENT, "DS", position.split("\\\\"))
            .text(Tags.IMAGE_ORIENTATION_PATIENT, "DS", "1", "0", "0", "0", "1", "0")
            .us(Tags.SAMPLES_PER_PIXEL, 1)
            .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
            .us(Tags.ROWS, rows)
            .us(Tags.COLUMNS, columns)
            .text(Tags.PIXEL_SPACING, "DS", spacing.split("\\\\"))
            .us(Tags.BITS_ALLOCATED, 16)
            .us(Tags.BITS_STORED, 16)
            .us(Tags.HIGH_BIT, 15)
            .us(Tags.PIXEL_REPRESENTATION, 1);
    }

    /** A slice with native pixels (all zero) at the given position and spacing ("x\\y\\z", "row\\col"). */
    public static Path nativeSlice(Path file, String series, int instance, int size, String position, String spacing)
        throws IOException {
        DicomWriterDataset ds = header(series, instance, size, size, position, spacing)
            .ob(Tags.PIXEL_DATA, new byte[2 * size * size]);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(meta(EXPLICIT_LE, ds));
            out.write(ds.encodeExplicitLittleEndian());
        }
        return file;
    }

    /**
     * A slice of {@code rows x columns} in an encapsulated transfer syntax whose one fragment holds
     * {@code fragmentBytes} bytes (zeros: the header is all the loader may trust before decoding).
     */
    public static Path encapsulated(Path file, String tsUid, String series, int instance, int rows, int columns,
                                    int fragmentBytes) throws IOException {
        DicomWriterDataset ds = header(series, instance, rows, columns, "0\\0\\" + instance, "0.7\\0.7");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(meta(tsUid, ds));
            out.write(ds.encodeExplicitLittleEndian());
            out.write(element(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL));
            out.write(item(Tags.ITEM, 0)); // empty basic offset table
            out.write(item(Tags.ITEM, fragmentBytes));
            out.write(new byte[fragmentBytes]);
            out.write(item(Tags.SEQUENCE_DELIMITATION, 0));
        }
        return file;
    }

    /**
     * A deflated slice of {@code size x size} native pixels (zeros), about {@code 2 * size * size} bytes
     * once inflated and a thousandth of that in the file; streamed, so the test never holds it.
     */
    public static Path deflateBomb(Path file, String series, int instance, int size) throws IOException {
        DicomWriterDataset ds = header(series, instance, size, size, "0\\0\\" + instance, "0.7\\0.7");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(meta(DEFLATED, ds));
            Deflater deflater = new Deflater(9, true);
            try (DeflaterOutputStream z = new DeflaterOutputStream(new NonClosing(out), deflater, 1 << 16)) {
                z.write(ds.encodeExplicitLittleEndian());
                long pixelBytes = 2L * size * size;
                z.write(element(Tags.PIXEL_DATA, "OW", pixelBytes));
                byte[] zeros = new byte[1 << 20];
                for (long left = pixelBytes; left > 0; left -= zeros.length) {
                    z.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            } finally {
                deflater.end();
            }
        }
        return file;
    }

    /** Preamble, DICM and the file meta group naming the transfer syntax. */
    static byte[] meta(String tsUid, DicomWriterDataset ds) {
        byte[] body = new DicomWriterDataset()
            .ob(DicomWriterDataset.tag(0x0002, 0x0001), new byte[] {0, 1})
            .text(DicomWriterDataset.tag(0x0002, 0x0002), "UI", ds.textOf(Tags.SOP_CLASS_UID))
            .text(DicomWriterDataset.tag(0x0002, 0x0003), "UI", ds.textOf(Tags.SOP_INSTANCE_UID))
            .text(Tags.TRANSFER_SYNTAX_UID, "UI", tsUid)
            .encodeExplicitLittleEndian();
        byte[] length = new DicomWriterDataset().ul(Tags.FILE_META_GROUP_LENGTH, body.length)
            .encodeExplicitLittleEndian();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[128]);
        b.writeBytes(new byte[] {'D', 'I', 'C', 'M'});
        b.writeBytes(length);
        b.writeBytes(body);
        return b.toByteArray();
    }

    /** An explicit VR little endian header of a long-form element (OB, OW, ...). */
    static byte[] element(int tag, String vr, long length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        le16(b, tag >>> 16);
        le16(b, tag & 0xFFFF);
        b.write(vr.charAt(0));
        b.write(vr.charAt(1));
        le16(b, 0);
        le32(b, length);
        return b.toByteArray();
    }

    static byte[] item(int tag, long length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        le16(b, tag >>> 16);
        le16(b, tag & 0xFFFF);
        le32(b, length);
        return b.toByteArray();
    }

    private static void le16(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream b, long v) {
        le16(b, (int) (v & 0xFFFF));
        le16(b, (int) (v >>> 16));
    }

    /** Lets the deflater finish its stream without closing the file under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
