package org.vertebroplan.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic DICOM UIDs of the form {@code 2.25.<decimal of a 128-bit UUID>} (PS3.5 section B.2):
 * the UUID is a name-based (MD5, version 3) UUID of a caller-chosen name, so the same name always
 * gives the same UID (a phantom generated twice with the same seed is byte-identical) and different
 * names give different UIDs. At most 44 characters, within the 64 allowed.
 *
 * <p>Limits: not for real patient data, where UIDs must be globally unique per acquisition; callers put
 * a seed and a role in the name ("phantom/seed=7/series").
 */
public final class DicomWriterUids {

    private DicomWriterUids() {
    }

    /** The 2.25 UID of the name-based UUID of {@code name}. */
    public static String fromName(String name) {
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** The 2.25 UID of a UUID: its 128 bits as an unsigned decimal integer. */
    public static String fromUuid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array()).toString();
    }
}
