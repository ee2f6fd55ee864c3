package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeshChecksTest {

    // unit right tetrahedron, outward winding; volume 1/6, area 3/2 + sqrt(3)/2
    static final float[] TET = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    static final int[] TET_T = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};

    @Test
    void tetrahedronIsClosedManifoldWithKnownVolumeAndArea() {
        MeshReport r = MeshChecks.check(new Mesh(TET, TET_T));
        assertTrue(r.printable(), r.summary());
        assertEquals(1.0 / 6, r.volumeMm3(), 1e-9);
        assertEquals(1.5 + Math.sqrt(3) / 2, r.areaMm2(), 1e-6);
        assertEquals(2, r.eulerCharacteristic());
        assertEquals(1, r.components());
    }

    @Test
    void insideOutTetrahedronHasNegativeVolume() {
        int[] t = TET_T.clone();
        for (int f = 0; f < 4; f++) {
            int x = t[3 * f + 1];
            t[3 * f + 1] = t[3 * f + 2];
            t[3 * f + 2] = x;
        }
        MeshReport r = MeshChecks.check(new Mesh(TET, t));
        assertEquals(-1.0 / 6, r.volumeMm3(), 1e-9);
        assertTrue(r.consistentlyWound());
        assertFalse(r.printable());
    }

    @Test
    void oneFlippedFaceIsInconsistent() {
        int[] t = TET_T.clone();
        t[1] = 1;
        t[2] = 2;
        MeshReport r = MeshChecks.check(new Mesh(TET, t));
        assertEquals(3, r.inconsistentEdges());
        assertTrue(r.closed());
    }

    @Test
    void missingFaceLeavesThreeBoundaryEdges() {
        int[] t = java.util.Arrays.copyOf(TET_T, 9);
        MeshReport r = MeshChecks.check(new Mesh(TET, t));
        assertEquals(3, r.boundaryEdges());
        assertFalse(r.closed());
    }

    @Test
    void duplicateVerticesAreWeldedByPosition() {
        // soup: every triangle has its own copies of the corners, as in an STL file
        float[] soup = new float[36];
        int[] t = new int[12];
        for (int c = 0; c < 12; c++) {
            System.arraycopy(TET, 3 * TET_T[c], soup, 3 * c, 3);
            t[c] = c;
        }
        MeshReport r = MeshChecks.check(new Mesh(soup, t));
        assertTrue(r.printable(), r.summary());
        assertEquals(4, r.vertices());
    }

    @Test
    void twoTetrahedraTouchingAtOneVertexArePinched() {
        float[] xyz = new float[21];
        System.arraycopy(TET, 0, xyz, 0, 12);
        float[] second = {-1, 0, 0, 0, -1, 0, 0, 0, -1}; // shares vertex 0 (the origin)
        System.arraycopy(second, 0, xyz, 12, 9);
        int[] t = new int[24];
        System.arraycopy(TET_T, 0, t, 0, 12);
        int[] map = {0, 4, 5, 6};
        for (int c = 0; c < 12; c++) {
            t[12 + c] = map[TET_T[c]];
        }
        MeshReport r = MeshChecks.check(new Mesh(xyz, t));
        assertEquals(1, r.nonManifoldVertices(), r.summary());
        assertEquals(0, r.nonManifoldEdges());
        assertFalse(r.manifold());
    }

    @Test
    void threeTrianglesOnOneEdgeAreNonManifoldAndDegeneratesAreCounted() {
        float[] xyz = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 2, 0, 0};
        int[] t = {0, 1, 2, 1, 0, 3, 0, 1, 4, 0, 1, 5};
        MeshReport r = MeshChecks.check(new Mesh(xyz, t));
        assertEquals(1, r.nonManifoldEdges(), r.summary());
        assertEquals(1, r.degenerateTriangles(), r.summary()); // 0, 1, 5 are collinear
    }
}
