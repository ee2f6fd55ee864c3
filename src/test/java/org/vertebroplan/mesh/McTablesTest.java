package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated case table, checked case by case against what marching cubes must do. */
class McTablesTest {

    static double[] midpoint(int edge) {
        int a = McTables.EDGE_CORNERS[edge][0], b = McTables.EDGE_CORNERS[edge][1];
        return new double[] {((a & 1) + (b & 1)) / 2.0, ((a >> 1 & 1) + (b >> 1 & 1)) / 2.0,
            ((a >> 2 & 1) + (b >> 2 & 1)) / 2.0};
    }

    static boolean onCommonFace(int e0, int e1) {
        int[] c = {McTables.EDGE_CORNERS[e0][0], McTables.EDGE_CORNERS[e0][1], McTables.EDGE_CORNERS[e1][0],
            McTables.EDGE_CORNERS[e1][1]};
        for (int axis = 0; axis < 3; axis++) {
            boolean same = true;
            for (int x : c) {
                same &= ((x >> axis) & 1) == ((c[0] >> axis) & 1);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    @Test
    void uniformCubesAreEmpty() {
        assertEquals(0, McTables.TRIANGLES[0].length);
        assertEquals(0, McTables.TRIANGLES[255].length);
    }

    @Test
    void singleCornerCutsItsThreeEdgesFacingAway() {
        for (int corner = 0; corner < 8; corner++) {
            for (int cube : new int[] {1 << corner, 255 ^ (1 << corner)}) {
                int[] t = McTables.TRIANGLES[cube];
                assertEquals(3, t.length, "case " + cube);
                for (int e : t) {
                    int[] ends = McTables.EDGE_CORNERS[e];
                    assertTrue(ends[0] == corner || ends[1] == corner, "case " + cube + " edge " + e);
                }
                double[] a = midpoint(t[0]), b = midpoint(t[1]), c = midpoint(t[2]);
                double[] n = cross(sub(b, a), sub(c, a));
                double[] p = {corner & 1, corner >> 1 & 1, corner >> 2 & 1};
                double side = dot(n, sub(a, p));
                // normals point from inside to outside: away from a lone inside corner, towards a lone outside one
                assertTrue(cube == 1 << corner ? side > 0 : side < 0, "case " + cube);
            }
        }
    }

    @Test
    void everyCaseIsAConsistentPatchWhoseBorderLiesOnCubeFaces() {
        for (int cube = 0; cube < 256; cube++) {
            int[] t = McTables.TRIANGLES[cube];
            Map<Long, Integer> directed = new HashMap<>();
            for (int f = 0; f < t.length; f += 3) {
                for (int k = 0; k < 3; k++) {
                    int a = t[f + k], b = t[f + (k + 1) % 3];
                    assertTrue(a != b);
                    directed.merge(((long) a << 32) | b, 1, Integer::sum);
                }
            }
            int crossing = 0;
            for (int e = 0; e < 12; e++) {
                int[] ends = McTables.EDGE_CORNERS[e];
                boolean cut = ((cube >> ends[0]) & 1) != ((cube >> ends[1]) & 1);
                crossing += cut ? 1 : 0;
                boolean used = false;
                for (int x : t) {
                    used |= x == e;
                }
                assertEquals(cut, used, "case " + cube + " edge " + e);
            }
            for (Map.Entry<Long, Integer> d : directed.entrySet()) {
                int a = (int) (d.getKey() >> 32), b = (int) (long) d.getKey();
                assertEquals(1, d.getValue(), "case " + cube + ": directed edge used twice");
                if (!directed.containsKey(((long) b << 32) | a)) {
                    assertTrue(onCommonFace(a, b), "case " + cube + ": border segment " + a + "-" + b + " inside the cube");
                }
            }
            // a disc per loop: triangles = crossings - 2 x loops, so at most crossings - 2
            assertTrue(t.length / 3 <= Math.max(0, crossing - 2), "case " + cube);
        }
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
