package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** Any volume, however noisy, gives a closed, manifold, consistently wound surface. */
class SurfacePropertiesTest {

    @Property(tries = 300)
    void anyVolumeGivesAClosedManifoldSurface(@ForAll("volumes") Volume v, @ForAll("isos") int iso) {
        Mesh m = SurfaceExtractor.extract(v, iso, SurfaceOptions.defaults().withThreads(2));
        MeshReport r = MeshChecks.check(m);
        assertEquals(0, r.boundaryEdges(), r.summary());
        assertEquals(0, r.nonManifoldEdges(), r.summary());
        assertEquals(0, r.nonManifoldVertices(), r.summary());
        assertEquals(0, r.inconsistentEdges(), r.summary());
        assertEquals(0, r.degenerateTriangles(), r.summary());
        assertEquals(m.vertexCount(), r.vertices(), "vertices merged by float rounding");
        assertEquals(0, r.eulerCharacteristic() % 2, "a closed orientable surface has an even Euler characteristic");
        boolean anyInside = false;
        for (short s : v.voxels()) {
            anyInside |= s >= iso;
        }
        assertEquals(anyInside, r.triangles() > 0);
        if (anyInside) {
            assertTrue(r.volumeMm3() > 0, r.summary());
        }
    }

    @Provide
    Arbitrary<Integer> isos() {
        return Arbitraries.integers().between(-2, 2);
    }

    @Provide
    Arbitrary<Volume> volumes() {
        Arbitrary<Integer> dim = Arbitraries.integers().between(1, 11);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Boolean> mirrored = Arbitraries.of(true, false);
        return Combinators.combine(dim, dim, dim, seed, mirrored).as((nx, ny, nz, s, mirror) -> {
            java.util.Random rnd = new java.util.Random(s);
            short[] hu = new short[nx * ny * nz];
            int range = 1 + rnd.nextInt(4);
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (short) (rnd.nextInt(2 * range + 1) - range);
            }
            Affine3 a = Affine3.fromColumns(new Vec3(0.7, 0, 0), new Vec3(0, 0.7, 0),
                new Vec3(0, 0, mirror ? -2.5 : 2.5), new Vec3(-120.35, 80.2, 512.7));
            return new Volume(nx, ny, nz, hu, a);
        });
    }
}
