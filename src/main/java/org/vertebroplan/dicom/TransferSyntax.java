package org.vertebroplan.dicom;

import java.util.Map;

/**
 * A DICOM transfer syntax as the parser needs it: how the dataset is encoded (explicit or implicit VR,
 * byte order, deflated) and how the pixel data is stored (native or which compression).
 *
 * <p>Reference: DICOM PS3.5 section 10 and annex A. Unknown UIDs are treated as an encapsulated,
 * explicit VR little endian encoding whose pixels cannot be decoded (so the header is still readable
 * and the file is refused with the UID in the message).
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
                             Codec codec) {

    /** How the pixel data of a transfer syntax is stored. */
    public enum Codec { NATIVE, NATIVE_BIG_ENDIAN_PIXELS, RLE, JPEG, JPEG_LS, JPEG_2000, HTJ2K, UNKNOWN }

    public static final TransferSyntax IMPLICIT_LE =
        new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_LE =
        new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_BE =
        new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, Codec.NATIVE);

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
        entry(IMPLICIT_LE), entry(EXPLICIT_LE), entry(EXPLICIT_BE),
        entry(new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true,
            Codec.NATIVE)),
        entry(new TransferSyntax("1.2.840.113619.5.2", "GE Implicit VR Little Endian, big endian pixels", false,
            false, false, Codec.NATIVE_BIG_ENDIAN_PIXELS)),
        entry(encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", Codec.RLE)),
        entry(encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline", Codec.JPEG)),
        entry(encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (12-bit)", Codec.JPEG)),
        entry(encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless P14", Codec.JPEG)),
        entry(encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", Codec.JPEG)),
        entry(encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Codec.JPEG_LS)),
        entry(encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Codec.JPEG_LS)),
        entry(encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", Codec.JPEG_2000)),
        entry(encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000", Codec.JPEG_2000)),
        entry(encapsulated("1.2.840.10008.1.2.4.201", "HTJ2K Lossless", Codec.HTJ2K)),
        entry(encapsulated("1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", Codec.HTJ2K)),
        entry(encapsulated("1.2.840.10008.1.2.4.203", "HTJ2K", Codec.HTJ2K)));

    private static TransferSyntax encapsulated(String uid, String name, Codec codec) {
        return new TransferSyntax(uid, name, true, false, false, codec);
    }

    private static Map.Entry<String, TransferSyntax> entry(TransferSyntax ts) {
        return Map.entry(ts.uid, ts);
    }

    /** The transfer syntax of a UID; unknown UIDs give an explicit LE syntax with codec UNKNOWN. */
    public static TransferSyntax of(String uid) {
        TransferSyntax ts = KNOWN.get(uid);
        return ts != null ? ts : new TransferSyntax(uid, "unknown transfer syntax " + uid, true, false, false,
            Codec.UNKNOWN);
    }

    public boolean encapsulated() {
        return codec != Codec.NATIVE && codec != Codec.NATIVE_BIG_ENDIAN_PIXELS;
    }
}
