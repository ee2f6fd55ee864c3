package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Decimation of random surfaces (jqwik). A class of its own: the JUnit Jupiter and jqwik engines each
 * write a report per test class, so a class holding both loses one engine's results in the XML report.
 */
class QuadricDecimationPropertiesTest {

    @Property(tries = 60)
    void randomSurfacesStayClosedManifoldWhenDecimated(@ForAll long seed, @ForAll @IntRange(min = 4, max = 200) int target) {
        java.util.Random rnd = new java.util.Random(seed);
        int n = 9;
        short[] hu = new short[n * n * n];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (rnd.nextInt(7) - 3);
        }
        Volume v = Volume.axisAligned(n, n, n, hu, new Vec3(-10.5, 3.25, 100), 0.8, 0.8, 2);
        Mesh full = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withThreads(1));
        Mesh m = QuadricDecimation.decimate(full, target);
        MeshReport before = MeshChecks.check(full), after = MeshChecks.check(m);
        assertEquals(0, after.boundaryEdges(), after.summary());
        assertEquals(0, after.nonManifoldEdges(), after.summary());
        assertEquals(0, after.nonManifoldVertices(), after.summary());
        assertEquals(0, after.inconsistentEdges(), after.summary());
        assertEquals(0, after.degenerateTriangles(), after.summary());
        assertEquals(before.components(), after.components());
        assertEquals(before.eulerCharacteristic(), after.eulerCharacteristic(), "topology changed");
    }
}
