package org.vertebroplan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.vertebroplan.mesh.Mesh;

/**
 * Writes a mesh as Wavefront OBJ text: one {@code v x y z} line per vertex (LPS mm, shortest text
 * that reads back to the same float), one {@code f a b c} line per triangle (1-based, counter-clockwise
 * seen from outside). Shared vertices stay shared. Written atomically; the comment carries the case
 * label only.
 */
public final class ObjWriter {

    private ObjWriter() {
    }

    public static void write(Mesh mesh, Path file, String caseLabel) throws IOException {
        AtomicFiles.write(file, out -> write(mesh, out, caseLabel));
    }

    public static void write(Mesh mesh, OutputStream out, String caseLabel) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        w.write("# VertebroPlan " + MeshFiles.safeLabel(caseLabel, 60) + ", units mm, frame LPS\n");
        float[] xyz = mesh.xyz();
        StringBuilder b = new StringBuilder(64);
        for (int v = 0; v < mesh.vertexCount(); v++) {
            b.setLength(0);
            b.append("v ").append(xyz[3 * v]).append(' ').append(xyz[3 * v + 1]).append(' ').append(xyz[3 * v + 2])
                .append('\n');
            w.write(b.toString());
        }
        int[] t = mesh.triangles();
        for (int f = 0; f < mesh.triangleCount(); f++) {
            b.setLength(0);
            b.append("f ").append(t[3 * f] + 1).append(' ').append(t[3 * f + 1] + 1).append(' ').append(t[3 * f + 2] + 1)
                .append('\n');
            w.write(b.toString());
        }
        w.flush();
    }
}
