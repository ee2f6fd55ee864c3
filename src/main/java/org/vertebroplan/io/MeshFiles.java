package org.vertebroplan.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Shared helpers of the mesh writers: atomic writing (a temporary file beside the target, moved
 * over it when complete, so a crash never leaves half a part file) and case labels reduced to safe
 * printable ASCII (a label names the case, never the patient).
 */
public final class MeshFiles {

    private MeshFiles() {
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static void writeAtomically(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes UTF-8 text atomically (temporary file beside the target, then moved over it). */
    public static void writeTextAtomically(Path file, String text) throws IOException {
        writeAtomically(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** rw-r--r-- where the file system has POSIX permissions (temp files start private). */
    static void readableByAll(Path file) throws IOException {
        readableByAll(file, "rw-r--r--");
    }

    static void readableByAll(Path file, String permissions) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    /** Keeps letters, digits, space and {@code _.-}; everything else becomes '_'; at most max chars. */
    static String safeLabel(String label, int max) {
        String s = label == null ? "" : label;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '
                || c == '_' || c == '.' || c == '-';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
