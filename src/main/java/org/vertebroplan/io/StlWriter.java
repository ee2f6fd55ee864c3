package org.vertebroplan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.vertebroplan.mesh.Mesh;

/**
 * Writes a mesh as STL: binary (the default for printing; 80-byte header, little-endian float32
 * facets of 50 bytes) or ASCII on request. Coordinates are LPS millimetres as they are, facet
 * normals are recomputed from the counter-clockwise vertex order.
 *
 * <p>The header carries a case label only, never patient identity: "VertebroPlan mm LPS " followed
 * by the label reduced to safe ASCII. It never begins with "solid" (that would make readers take a
 * binary file for ASCII). Files are written atomically.
 *
 * <p>Reference: the STL format as documented by 3D Systems (StereoLithography Interface
 * Specification, 1989).
 */
public final class StlWriter {

    private StlWriter() {
    }

    public static void writeBinary(Mesh mesh, Path file, String caseLabel) throws IOException {
        AtomicFiles.write(file, out -> writeBinary(mesh, out, caseLabel));
    }

    public static void writeBinary(Mesh mesh, OutputStream out, String caseLabel) throws IOException {
        byte[] header = new byte[80];
        byte[] text = ("VertebroPlan mm LPS " + MeshFiles.safeLabel(caseLabel, 60)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, Math.min(80, text.length));
        out.write(header);
        int n = mesh.triangleCount();
        ByteBuffer b = ByteBuffer.allocate(50 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n);
        out.write(b.array(), 0, 4);
        b.clear();
        float[] xyz = mesh.xyz();
        int[] t = mesh.triangles();
        float[] normal = new float[3];
        for (int f = 0; f < n; f++) {
            facetNormal(xyz, t[3 * f], t[3 * f + 1], t[3 * f + 2], normal);
            b.putFloat(normal[0]).putFloat(normal[1]).putFloat(normal[2]);
            for (int c = 0; c < 3; c++) {
                int v = 3 * t[3 * f + c];
                b.putFloat(xyz[v]).putFloat(xyz[v + 1]).putFloat(xyz[v + 2]);
            }
            b.putShort((short) 0);
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        out.write(b.array(), 0, b.position());
        out.flush();
    }

    public static void writeAscii(Mesh mesh, Path file, String caseLabel) throws IOException {
        AtomicFiles.write(file, out -> writeAscii(mesh, out, caseLabel));
    }

    public static void writeAscii(Mesh mesh, OutputStream out, String caseLabel) {
        String name = MeshFiles.safeLabel(caseLabel, 60).replace(' ', '_');
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
        w.print("solid " + name + "\n");
        float[] xyz = mesh.xyz();
        int[] t = mesh.triangles();
        float[] normal = new float[3];
        for (int f = 0; f < mesh.triangleCount(); f++) {
            facetNormal(xyz, t[3 * f], t[3 * f + 1], t[3 * f + 2], normal);
            w.print(String.format(Locale.ROOT, "facet normal %s %s %s\n outer loop\n", normal[0], normal[1], normal[2]));
            for (int c = 0; c < 3; c++) {
                int v = 3 * t[3 * f + c];
                // Float.toString is the shortest text that reads back to the same float
                w.print("  vertex " + xyz[v] + " " + xyz[v + 1] + " " + xyz[v + 2] + "\n");
            }
            w.print(" endloop\nendfacet\n");
        }
        w.print("endsolid " + name + "\n");
        w.flush();
    }

    static void facetNormal(float[] xyz, int a, int b, int c, float[] n) {
        double ax = xyz[3 * a], ay = xyz[3 * a + 1], az = xyz[3 * a + 2];
        double ux = xyz[3 * b] - ax, uy = xyz[3 * b + 1] - ay, uz = xyz[3 * b + 2] - az;
        double vx = xyz[3 * c] - ax, vy = xyz[3 * c + 1] - ay, vz = xyz[3 * c + 2] - az;
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            n[0] = 0;
            n[1] = 0;
            n[2] = 0;
        } else {
            n[0] = (float) (nx / len);
            n[1] = (float) (ny / len);
            n[2] = (float) (nz / len);
        }
    }
}
