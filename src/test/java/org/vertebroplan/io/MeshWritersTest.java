package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Volume;

class MeshWritersTest {

    static Mesh sphere;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeSphere() {
        int n = 24;
        short[] hu = new short[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double d = Math.sqrt((i - 11.3) * (i - 11.3) + (j - 12.1) * (j - 12.1) + (k - 11.7) * (k - 11.7));
                    hu[i + n * (j + n * k)] = (short) Math.round(100 * (9 - d));
                }
            }
        }
        Volume v = Volume.axisAligned(n, n, n, hu, new Vec3(-150.3, 20.1, -1234.5), 0.7, 0.7, 1.25);
        sphere = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
    }

    /** Same triangles with the same corner positions in the same order. */
    static void assertSameGeometry(Mesh expected, Mesh actual) {
        assertEquals(expected.triangleCount(), actual.triangleCount());
        for (int c = 0; c < expected.triangles().length; c++) {
            assertEquals(expected.vertex(expected.triangles()[c]), actual.vertex(actual.triangles()[c]));
        }
    }

    @Test
    void binaryStlRoundTripKeepsEveryCoordinateAndTheChecks() throws IOException {
        Path f = dir.resolve("bone.stl");
        StlWriter.writeBinary(sphere, f, "case L1 bone");
        assertEquals(84 + 50L * sphere.triangleCount(), Files.size(f));
        byte[] bytes = Files.readAllBytes(f);
        String header = new String(bytes, 0, 80, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("VertebroPlan mm LPS case L1 bone"), header);
        Mesh back = StlReader.read(f);
        assertSameGeometry(sphere, back);
        assertEquals(sphere.vertexCount(), back.vertexCount(), "welding restores the shared vertices");
        MeshReport a = MeshChecks.check(sphere), b = MeshChecks.check(back);
        assertTrue(b.printable(), b.summary());
        assertEquals(a.volumeMm3(), b.volumeMm3(), 1e-9 * Math.abs(a.volumeMm3()));
        // stored facet normal of the first triangle points outwards (away from the centre)
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Vec3 normal = new Vec3(bb.getFloat(84), bb.getFloat(88), bb.getFloat(92));
        Vec3 p = new Vec3(bb.getFloat(96), bb.getFloat(100), bb.getFloat(104));
        Vec3 centre = new Vec3(-150.3 + 11.3 * 0.7, 20.1 + 12.1 * 0.7, -1234.5 + 11.7 * 1.25);
        assertTrue(normal.dot(p.minus(centre)) > 0);
        assertEquals(1, normal.norm(), 1e-5);
    }

    @Test
    void headerNeverCarriesUnsafeTextAndNeverStartsWithSolid() throws IOException {
        Path f = dir.resolve("x.stl");
        StlWriter.writeBinary(sphere, f, "solid\nDOE^JOHN\u00e9");
        String header = new String(Files.readAllBytes(f), 0, 80, StandardCharsets.US_ASCII);
        assertFalse(header.startsWith("solid"));
        assertFalse(header.contains("\n"));
        assertFalse(header.contains("^"));
        assertEquals(sphere.triangleCount(), StlReader.read(f).triangleCount());
    }

    @Test
    void asciiStlRoundTripIsExact() throws IOException {
        Path f = dir.resolve("skin.stl");
        StlWriter.writeAscii(sphere, f, "case 7 skin");
        assertTrue(Files.readString(f).startsWith("solid case_7_skin\n"));
        Mesh back = StlReader.read(f);
        assertSameGeometry(sphere, back);
        assertTrue(MeshChecks.check(back).printable());
    }

    @Test
    void garbageIsRejectedWithAClearMessage() throws IOException {
        Path f = dir.resolve("bad.stl");
        Files.writeString(f, "this is not a mesh at all, not even close to one; ".repeat(3));
        BadInputException e = assertThrows(BadInputException.class, () -> StlReader.read(f));
        assertTrue(e.getMessage().contains("not an STL file"), e.getMessage());
        Path g = dir.resolve("bad2.stl");
        Files.writeString(g, "solid x\nfacet normal 0 0 1\nouter loop\nvertex 1 2\nendloop\nendfacet\nendsolid\n");
        assertThrows(BadInputException.class, () -> StlReader.read(g));
    }

    @Test
    void objListsSharedVerticesAndOneBasedFaces() throws IOException {
        Path f = dir.resolve("m.obj");
        ObjWriter.write(sphere, f, "c1");
        List<String> lines = Files.readAllLines(f);
        long v = lines.stream().filter(s -> s.startsWith("v ")).count();
        List<String> faces = lines.stream().filter(s -> s.startsWith("f ")).toList();
        assertEquals(sphere.vertexCount(), v);
        assertEquals(sphere.triangleCount(), faces.size());
        String[] first = faces.get(0).split(" ");
        assertEquals(sphere.triangles()[0] + 1, Integer.parseInt(first[1]));
        String[] v0 = lines.stream().filter(s -> s.startsWith("v ")).findFirst().orElseThrow().split(" ");
        assertEquals(sphere.xyz()[0], Float.parseFloat(v0[1]));
    }

    @Test
    void plyHeaderAndBodySizeMatchTheMesh() throws IOException {
        Path f = dir.resolve("m.ply");
        PlyWriter.write(sphere, f, "c1");
        byte[] all = Files.readAllBytes(f);
        String text = new String(all, StandardCharsets.US_ASCII);
        int end = text.indexOf("end_header\n") + "end_header\n".length();
        assertTrue(text.contains("element vertex " + sphere.vertexCount() + "\n"));
        assertTrue(text.contains("element face " + sphere.triangleCount() + "\n"));
        assertEquals(end + 12L * sphere.vertexCount() + 13L * sphere.triangleCount(), all.length);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new float[] {sphere.xyz()[0], sphere.xyz()[1], sphere.xyz()[2]},
            new float[] {b.getFloat(end), b.getFloat(end + 4), b.getFloat(end + 8)});
    }
}
