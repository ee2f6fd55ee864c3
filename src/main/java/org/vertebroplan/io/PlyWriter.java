package org.vertebroplan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.vertebroplan.mesh.Mesh;

/**
 * Writes a mesh as binary little-endian PLY (Turk 1994): float32 x, y, z per vertex (LPS mm) and a
 * uchar-counted int list per face (counter-clockwise seen from outside). Shared vertices stay shared.
 * Written atomically; the header comment carries the case label only.
 */
public final class PlyWriter {

    private PlyWriter() {
    }

    public static void write(Mesh mesh, Path file, String caseLabel) throws IOException {
        AtomicFiles.write(file, out -> write(mesh, out, caseLabel));
    }

    public static void write(Mesh mesh, OutputStream out, String caseLabel) throws IOException {
        String header = "ply\nformat binary_little_endian 1.0\n"
            + "comment VertebroPlan " + MeshFiles.safeLabel(caseLabel, 60) + ", units mm, frame LPS\n"
            + "element vertex " + mesh.vertexCount() + "\nproperty float x\nproperty float y\nproperty float z\n"
            + "element face " + mesh.triangleCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(13 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : mesh.xyz()) {
            b.putFloat(f);
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        out.write(b.array(), 0, b.position());
        b.clear();
        int[] t = mesh.triangles();
        for (int f = 0; f < mesh.triangleCount(); f++) {
            b.put((byte) 3).putInt(t[3 * f]).putInt(t[3 * f + 1]).putInt(t[3 * f + 2]);
            if (b.remaining() < 13) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        out.write(b.array(), 0, b.position());
        out.flush();
    }
}
