package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

class SurfaceExtractorTest {

    static void assertWatertight(MeshReport r) {
        assertTrue(r.triangles() > 0, "empty mesh");
        assertEquals(0, r.boundaryEdges(), r.summary());
        assertEquals(0, r.nonManifoldEdges(), r.summary());
        assertEquals(0, r.nonManifoldVertices(), r.summary());
        assertEquals(0, r.inconsistentEdges(), r.summary());
        assertEquals(0, r.degenerateTriangles(), r.summary());
        assertTrue(r.volumeMm3() > 0, r.summary());
    }

    @Test
    void sphereAreaAndVolumeMatchTheFormulas() {
        double r = 20, s = 0.5;
        int n = 90;
        Vec3 c = new Vec3(22.3, 21.7, 22.1);
        Volume v = Phantoms.sample(n, n, n, Phantoms.grid(s, Vec3.ZERO), Phantoms.sphere(c, r));
        Mesh m = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
        MeshReport rep = MeshChecks.check(m);
        assertWatertight(rep);
        assertEquals(1, rep.components());
        assertEquals(2, rep.eulerCharacteristic());
        assertEquals(4 * Math.PI * r * r, rep.areaMm2(), 0.001 * 4 * Math.PI * r * r, rep.summary());
        assertEquals(4.0 / 3 * Math.PI * r * r * r, rep.volumeMm3(), 0.001 * 4.0 / 3 * Math.PI * r * r * r,
            rep.summary());
    }

    @Test
    void torusHasGenusOne() {
        Volume v = Phantoms.sample(60, 60, 30, Phantoms.grid(1, Vec3.ZERO),
            Phantoms.torus(new Vec3(30.2, 29.6, 14.8), 18, 6));
        MeshReport rep = MeshChecks.check(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults()));
        assertWatertight(rep);
        assertEquals(1, rep.components());
        assertEquals(0, rep.eulerCharacteristic(), rep.summary());
        double expected = 2 * Math.PI * Math.PI * 18 * 6 * 6;
        assertEquals(expected, rep.volumeMm3(), 0.01 * expected);
    }

    @Test
    void boxTouchingTheBorderIsCappedAndClosed() {
        int nx = 10, ny = 12, nz = 9;
        short[] hu = new short[nx * ny * nz];
        java.util.Arrays.fill(hu, (short) 1000);
        Volume v = Volume.axisAligned(nx, ny, nz, hu, new Vec3(-5, 3, 100), 0.8, 0.6, 1.5);
        Mesh m = SurfaceExtractor.extract(v, 250, SurfaceOptions.defaults());
        MeshReport rep = MeshChecks.check(m);
        assertWatertight(rep);
        assertEquals(2, rep.eulerCharacteristic());
        double e = 2 * MarchingCubes.EPS;
        double expected = (nx - 1 + e) * 0.8 * (ny - 1 + e) * 0.6 * (nz - 1 + e) * 1.5;
        assertEquals(expected, rep.volumeMm3(), 1e-3 * expected);
        double[] b = m.bounds();
        assertEquals(-5 - 0.8 * MarchingCubes.EPS, b[0], 1e-4);
        assertEquals(-5 + 0.8 * (nx - 1 + MarchingCubes.EPS), b[3], 1e-4);
    }

    @Test
    void mirroredAnisotropicGridKeepsNormalsOutward() {
        // k runs downwards (-z), j is oblique: determinant negative
        Affine3 ijkToLps = Affine3.fromColumns(new Vec3(0.7, 0, 0), new Vec3(0, 0.6, 0.1), new Vec3(0, 0, -1.25),
            new Vec3(-1, -10, 30));
        Vec3 c = new Vec3(20, 5, 5);
        double r = 9;
        Volume v = Phantoms.sample(60, 50, 40, ijkToLps, Phantoms.sphere(c, r));
        assertTrue(ijkToLps.determinant() < 0);
        Mesh m = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
        MeshReport rep = MeshChecks.check(m);
        assertWatertight(rep);
        double expected = 4.0 / 3 * Math.PI * r * r * r;
        assertEquals(expected, rep.volumeMm3(), 0.01 * expected, rep.summary());
        // the first triangle's normal points away from the centre
        int[] t = m.triangles();
        Vec3 a = m.vertex(t[0]), b = m.vertex(t[1]), d = m.vertex(t[2]);
        Vec3 normal = b.minus(a).cross(d.minus(a));
        assertTrue(normal.dot(a.minus(c)) > 0);
    }

    @Test
    void integerVolumeFullOfIsoValuesWeldsWithoutDegenerateOrPinchedEdges() {
        Random rnd = new Random(7);
        int n = 40;
        short[] hu = new short[n * n * n];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (249 + rnd.nextInt(3)); // 249, 250, 251: a third of the samples equal iso
        }
        Volume v = Volume.axisAligned(n, n, n, hu, new Vec3(-100.25, 200.5, -300), 0.5, 0.5, 0.5);
        Mesh m = SurfaceExtractor.extract(v, 250, SurfaceOptions.defaults());
        MeshReport rep = MeshChecks.check(m);
        assertWatertight(rep);
        assertEquals(m.vertexCount(), rep.vertices(), "two vertices rounded to the same float position");
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        Volume v = Phantoms.sample(40, 37, 45, Phantoms.grid(1, Vec3.ZERO),
            Phantoms.torus(new Vec3(20, 18, 22), 12, 5));
        Mesh one = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withThreads(1));
        Mesh three = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withThreads(3));
        assertArrayEquals(one.xyz(), three.xyz());
        assertArrayEquals(one.triangles(), three.triangles());
    }

    @Test
    void isoAboveEverythingGivesAnEmptyMesh() {
        Volume v = Volume.axisAligned(3, 3, 3, new short[27], Vec3.ZERO, 1, 1, 1);
        assertEquals(0, SurfaceExtractor.extract(v, 1, SurfaceOptions.defaults()).triangleCount());
        assertWatertight(MeshChecks.check(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults())));
    }
}
