package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertebroplan.mesh.SurfaceExtractorTest.assertWatertight;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

class QuadricDecimationTest {

    @Test
    void sphereDecimatedTenfoldStaysClosedAndKeepsItsShape() {
        Vec3 c = new Vec3(20.3, 19.8, 20.1);
        Volume v = Phantoms.sample(41, 41, 41, Phantoms.grid(1, Vec3.ZERO), Phantoms.sphere(c, 15));
        Mesh full = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
        int target = full.triangleCount() / 10;
        Mesh m = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withTargetTriangles(target));
        MeshReport r = MeshChecks.check(m);
        assertWatertight(r);
        assertEquals(2, r.eulerCharacteristic());
        assertTrue(m.triangleCount() <= target + 2, m.triangleCount() + " > " + target);
        double ball = 4.0 / 3 * Math.PI * 15 * 15 * 15;
        assertEquals(ball, r.volumeMm3(), 0.02 * ball);
        for (int i = 0; i < m.vertexCount(); i++) {
            assertEquals(15, m.vertex(i).distance(c), 0.35, "vertex " + i + " left the sphere");
        }
    }

    @Test
    void torusKeepsItsGenus() {
        Volume v = Phantoms.sample(50, 50, 24, Phantoms.grid(1, Vec3.ZERO),
            Phantoms.torus(new Vec3(25.2, 24.7, 11.8), 15, 5));
        Mesh m = QuadricDecimation.decimate(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults()), 800);
        MeshReport r = MeshChecks.check(m);
        assertWatertight(r);
        assertEquals(0, r.eulerCharacteristic());
        assertTrue(m.triangleCount() <= 802);
    }

    @Test
    void smallMeshIsReturnedAsItIsAndOpenMeshIsRefused() {
        Mesh tet = new Mesh(MeshChecksTest.TET, MeshChecksTest.TET_T);
        assertSame(tet, QuadricDecimation.decimate(tet, 10));
        Volume v = Phantoms.sample(12, 12, 12, Phantoms.grid(1, Vec3.ZERO), Phantoms.sphere(new Vec3(6, 6, 6), 4));
        Mesh closed = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
        Mesh open = new Mesh(closed.xyz(), java.util.Arrays.copyOf(closed.triangles(), closed.triangles().length - 3));
        assertThrows(IllegalArgumentException.class, () -> QuadricDecimation.decimate(open, 4));
        assertThrows(IllegalArgumentException.class, () -> QuadricDecimation.decimate(closed, 3));
    }
}
