package org.vertebroplan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vertebroplan.mesh.Mesh;

/**
 * Writes several meshes as one 3MF package (an assembly: one object per part, all in the same frame,
 * millimetres). The package holds the content types, the root relationship and {@code 3D/3dmodel.model}
 * with a title metadata entry that is the case label only, never patient identity.
 *
 * <p>Reference: 3MF Core Specification 1.3 (3MF Consortium), chapters 2 (package) and 4 (mesh).
 * Limits: no materials or colours; coordinates are written as they are (LPS).
 */
public final class ThreeMfWriter {

    private static final String NS = "http://schemas.microsoft.com/3dmanufacturing/core/2015/02";

    private ThreeMfWriter() {
    }

    /** Writes the parts (name to mesh, in order) atomically to {@code file}. */
    public static void write(Map<String, Mesh> parts, Path file, String caseLabel) throws IOException {
        AtomicFiles.write(file, out -> write(parts, out, caseLabel, null, Map.of()));
    }

    /**
     * Writes the parts with a description (metadata "Description", e.g. the printer and plate) and extra
     * package entries (e.g. a slicer's settings, "Metadata/Slic3r_PE.config").
     */
    public static void write(Map<String, Mesh> parts, Path file, String caseLabel, String description,
                             Map<String, String> extraEntries) throws IOException {
        AtomicFiles.write(file, out -> write(parts, out, caseLabel, description, extraEntries));
    }

    public static void write(Map<String, Mesh> parts, OutputStream out, String caseLabel) throws IOException {
        write(parts, out, caseLabel, null, Map.of());
    }

    public static void write(Map<String, Mesh> parts, OutputStream out, String caseLabel, String description,
                             Map<String, String> extraEntries) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(java.util.zip.Deflater.BEST_SPEED); // a third of the default's time for a quarter more bytes
        put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"model\" ContentType=\"application/vnd.ms-package.3dmanufacturing-3dmodel+xml\"/>"
            + "</Types>\n");
        put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Target=\"/3D/3dmodel.model\" Id=\"rel0\" "
            + "Type=\"http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel\"/></Relationships>\n");
        zip.putNextEntry(new ZipEntry("3D/3dmodel.model"));
        Writer w = new java.io.BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\" xml:lang=\"en-US\" xmlns=\""
            + NS + "\">\n");
        w.write("<metadata name=\"Title\">" + xml(MeshFiles.safeLabel(caseLabel, 60)) + "</metadata>\n");
        w.write("<metadata name=\"Application\">" + xml(Software.VERSION) + "</metadata>\n");
        if (description != null) {
            w.write("<metadata name=\"Description\">" + xml(description) + "</metadata>\n");
        }
        w.write("<resources>\n");
        int id = 1;
        for (Map.Entry<String, Mesh> part : parts.entrySet()) {
            Mesh m = part.getValue();
            w.write("<object id=\"" + id++ + "\" type=\"model\" name=\"" + xml(part.getKey()) + "\"><mesh><vertices>\n");
            // built in a buffer with a fixed-point formatter: String.format per vertex took most of the
            // package's write time (a million vertices in the two 3MF files of a guide)
            StringBuilder b = new StringBuilder(1 << 17);
            float[] p = m.xyz();
            for (int v = 0; v < p.length; v += 3) {
                b.append("<vertex x=\"");
                fixed5(b, p[v]);
                b.append("\" y=\"");
                fixed5(b, p[v + 1]);
                b.append("\" z=\"");
                fixed5(b, p[v + 2]);
                b.append("\"/>\n");
                flushIfFull(b, w);
            }
            b.append("</vertices><triangles>\n");
            int[] t = m.triangles();
            for (int i = 0; i < t.length; i += 3) {
                b.append("<triangle v1=\"").append(t[i]).append("\" v2=\"").append(t[i + 1]).append("\" v3=\"")
                    .append(t[i + 2]).append("\"/>\n");
                flushIfFull(b, w);
            }
            b.append("</triangles></mesh></object>\n");
            w.append(b);
        }
        w.write("</resources>\n<build>\n");
        for (int i = 1; i < id; i++) {
            w.write("<item objectid=\"" + i + "\"/>\n");
        }
        w.write("</build>\n</model>\n");
        w.flush();
        zip.closeEntry();
        for (Map.Entry<String, String> e : extraEntries.entrySet()) {
            put(zip, e.getKey(), e.getValue());
        }
        zip.finish();
    }

    private static void flushIfFull(StringBuilder b, Writer w) throws IOException {
        if (b.length() > 1 << 16) {
            w.append(b);
            b.setLength(0);
        }
    }

    /**
     * {@code v} with five decimals, as {@code String.format(Locale.ROOT, "%.5f", v)} gives it (but for the
     * sign of a value that rounds to zero, written without one).
     */
    static void fixed5(StringBuilder b, double v) {
        long r = Math.round(Math.abs(v) * 100_000.0);
        if (v < 0 && r != 0) {
            b.append('-');
        }
        b.append(r / 100_000).append('.');
        long frac = r % 100_000;
        for (long d = 10_000; d > 0; d /= 10) {
            b.append((char) ('0' + frac / d % 10));
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * Text escaped for an XML attribute; characters XML 1.0 cannot hold at all (NUL and the other C0
     * controls but tab, newline and return, lone surrogates, U+FFFE/U+FFFF) become '_'. Also right
     * for HTML text and attributes.
     */
    public static String xmlText(String s) {
        return xml(s);
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            switch (legal ? c : '\uFFFF') {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\uFFFF' -> b.append('_');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
