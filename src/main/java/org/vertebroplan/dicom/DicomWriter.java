package org.vertebroplan.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * Writes one DICOM Part-10 file (PS3.10 section 7.1): a 128-byte preamble, "DICM", the File Meta
 * Information group (always Explicit VR Little Endian, with its group length, SOP class and instance,
 * transfer syntax and implementation UIDs) and the dataset in the chosen transfer syntax.
 *
 * <p>How: the dataset is encoded as Explicit VR Little Endian by {@link DicomWriterDataset}; for the
 * Deflated Explicit VR Little Endian syntax (PS3.5 section A.5) those bytes are compressed with
 * {@link Deflater} in raw mode (no zlib header or checksum), and the stream is padded with one NUL byte
 * when its length is odd (inflaters stop at the
 * end of the deflate stream, so the pad is harmless). Output is a pure function of the input: no clocks.
 *
 * <p>Limits: writing only; no sequences, no encapsulated pixel data, ASCII text only.
 */
public final class DicomWriter {

    /** The transfer syntaxes this writer produces. */
    public enum TransferSyntax {
        EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1"),
        DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99");

        private final String uid;

        TransferSyntax(String uid) {
            this.uid = uid;
        }

        public String uid() {
            return uid;
        }
    }

    /** Implementation Class UID of this writer: a fixed UUID-derived UID under the 2.25 root. */
    public static final String IMPLEMENTATION_CLASS_UID = DicomWriterUids.fromName("vertebroplan-dicom-writer-1");
    /** Implementation Version Name (SH, at most 16 characters). */
    public static final String IMPLEMENTATION_VERSION = "VERTEBROPLAN_01";

    private static final int SOP_CLASS_UID = DicomWriterDataset.tag(0x0008, 0x0016);
    private static final int SOP_INSTANCE_UID = DicomWriterDataset.tag(0x0008, 0x0018);
    private static final int META_GROUP_LENGTH = DicomWriterDataset.tag(0x0002, 0x0000);
    private static final int META_VERSION = DicomWriterDataset.tag(0x0002, 0x0001);
    private static final int MEDIA_SOP_CLASS = DicomWriterDataset.tag(0x0002, 0x0002);
    private static final int MEDIA_SOP_INSTANCE = DicomWriterDataset.tag(0x0002, 0x0003);
    private static final int TRANSFER_SYNTAX = DicomWriterDataset.tag(0x0002, 0x0010);
    private static final int IMPLEMENTATION_CLASS = DicomWriterDataset.tag(0x0002, 0x0012);
    private static final int IMPLEMENTATION_VERSION_NAME = DicomWriterDataset.tag(0x0002, 0x0013);

    private DicomWriter() {
    }

    /**
     * The bytes of a Part-10 file holding {@code dataset}, which must contain SOPClassUID (0008,0016)
     * and SOPInstanceUID (0008,0018). {@code deflateLevel} (0-9) is used only by the deflated syntax.
     */
    public static byte[] encode(DicomWriterDataset dataset, TransferSyntax syntax, int deflateLevel) {
        String sopClass = dataset.textOf(SOP_CLASS_UID);
        String sopInstance = dataset.textOf(SOP_INSTANCE_UID);
        if (sopClass == null || sopInstance == null) {
            throw new IllegalArgumentException("a Part-10 dataset needs SOPClassUID and SOPInstanceUID");
        }
        DicomWriterDataset meta = new DicomWriterDataset()
            .ob(META_VERSION, new byte[] {0, 1})
            .text(MEDIA_SOP_CLASS, "UI", sopClass)
            .text(MEDIA_SOP_INSTANCE, "UI", sopInstance)
            .text(TRANSFER_SYNTAX, "UI", syntax.uid())
            .text(IMPLEMENTATION_CLASS, "UI", IMPLEMENTATION_CLASS_UID)
            .text(IMPLEMENTATION_VERSION_NAME, "SH", IMPLEMENTATION_VERSION);
        byte[] metaBody = meta.encodeExplicitLittleEndian();
        byte[] groupLength = new DicomWriterDataset().ul(META_GROUP_LENGTH, metaBody.length)
            .encodeExplicitLittleEndian();

        byte[] body = dataset.encodeExplicitLittleEndian();
        if (syntax == TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
            body = deflateRaw(body, deflateLevel);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(132 + groupLength.length + metaBody.length + body.length);
        out.writeBytes(new byte[128]);
        out.writeBytes(new byte[] {'D', 'I', 'C', 'M'});
        out.writeBytes(groupLength);
        out.writeBytes(metaBody);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Writes {@link #encode} to {@code file} (replacing it). */
    public static void write(Path file, DicomWriterDataset dataset, TransferSyntax syntax, int deflateLevel)
        throws IOException {
        byte[] bytes = encode(dataset, syntax, deflateLevel);
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(bytes);
        }
    }

    /** Raw DEFLATE (RFC 1951, no zlib wrapper), padded to an even length with one NUL byte. */
    static byte[] deflateRaw(byte[] data, int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9: " + level);
        }
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            if (out.size() % 2 != 0) {
                out.write(0);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
