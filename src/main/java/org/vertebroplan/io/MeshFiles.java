package org.vertebroplan.io;

/**
 * Shared helper of the mesh writers: case labels reduced to safe printable ASCII (a label names the
 * case, never the patient). The writers write through {@link AtomicFiles}.
 */
final class MeshFiles {

    private MeshFiles() {
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
