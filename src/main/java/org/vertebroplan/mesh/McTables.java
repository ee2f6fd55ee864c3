package org.vertebroplan.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * The marching-cubes case table, generated at class load from one rule instead of typed by hand.
 *
 * <p>Cube corner {@code c = x + 2y + 4z} (x, y, z in {0, 1}). Edge ids: x-edges {@code 0 + y + 2z},
 * y-edges {@code 4 + x + 2z}, z-edges {@code 8 + x + 2y}. For each of the 256 inside/outside patterns
 * the iso-line on every cube face is built with one fixed rule for ambiguous faces (two inside corners
 * on a diagonal): <em>the inside corners are separated</em> (Montani, Scateni, Scopigno 1994, "A
 * modified look-up table for implicit disambiguation of Marching Cubes"). Because the decision on a
 * face depends on that face's four corners only, both cells sharing a face draw the same segments,
 * so the surface has no cracks. Segments are oriented so that, walking each face counter-clockwise
 * about its outward normal, a segment runs from the crossing where the walk enters the inside to the
 * next crossing where it leaves; chaining segments gives closed loops whose order is counter-clockwise
 * seen from outside (normals from inside, HU above iso, to outside).
 *
 * <p>Each loop is triangulated without diagonals joining two vertices of the same ambiguous face:
 * the neighbouring cell could draw the same diagonal, and that edge would then carry four triangles.
 * Among the allowed triangulations the one with the best worst-triangle shape (on edge midpoints) is
 * kept. With these two rules every mesh edge lies in exactly two triangles and every vertex has one
 * fan: the surface is a closed 2-manifold whatever the data.
 */
final class McTables {

    /** Corner pairs of the 12 edges, indexed by edge id. */
    static final int[][] EDGE_CORNERS = new int[12][];
    /** Triangles per case as edge-id triples, counter-clockwise seen from outside. */
    static final int[][] TRIANGLES = new int[256][];

    static {
        for (int y = 0; y < 2; y++) {
            for (int z = 0; z < 2; z++) {
                EDGE_CORNERS[y + 2 * z] = new int[] {2 * y + 4 * z, 1 + 2 * y + 4 * z};
            }
        }
        for (int x = 0; x < 2; x++) {
            for (int z = 0; z < 2; z++) {
                EDGE_CORNERS[4 + x + 2 * z] = new int[] {x + 4 * z, x + 2 + 4 * z};
            }
        }
        for (int x = 0; x < 2; x++) {
            for (int y = 0; y < 2; y++) {
                EDGE_CORNERS[8 + x + 2 * y] = new int[] {x + 2 * y, x + 2 * y + 4};
            }
        }
        for (int c = 0; c < 256; c++) {
            TRIANGLES[c] = buildCase(c);
        }
    }

    private McTables() {
    }

    static int edgeId(int c0, int c1) {
        int a = Math.min(c0, c1);
        int d = c0 ^ c1;
        int x = a & 1, y = (a >> 1) & 1, z = (a >> 2) & 1;
        if (d == 1) {
            return y + 2 * z;
        } else if (d == 2) {
            return 4 + x + 2 * z;
        } else if (d == 4) {
            return 8 + x + 2 * y;
        }
        throw new IllegalArgumentException("corners " + c0 + ", " + c1 + " do not share an edge");
    }

    /** The four corners of face (axis, side), counter-clockwise about its outward normal. */
    static int[] faceCorners(int axis, int side) {
        int u = (axis + 1) % 3, w = (axis + 2) % 3;
        int[][] uv = side == 1 ? new int[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}}
            : new int[][] {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
        int[] corners = new int[4];
        for (int n = 0; n < 4; n++) {
            int[] p = new int[3];
            p[axis] = side;
            p[u] = uv[n][0];
            p[w] = uv[n][1];
            corners[n] = p[0] + 2 * p[1] + 4 * p[2];
        }
        return corners;
    }

    private static int[] buildCase(int cube) {
        int[] next = new int[12];
        java.util.Arrays.fill(next, -1);
        List<int[]> ambiguous = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            for (int side = 0; side < 2; side++) {
                int[] fc = faceCorners(axis, side);
                int[] edges = new int[4];
                int[] kind = new int[4]; // +1 enters the inside, -1 leaves it, 0 no crossing
                int crossings = 0;
                for (int n = 0; n < 4; n++) {
                    int a = fc[n], b = fc[(n + 1) % 4];
                    edges[n] = edgeId(a, b);
                    boolean ia = (cube >> a & 1) == 1, ib = (cube >> b & 1) == 1;
                    kind[n] = ia == ib ? 0 : (ib ? 1 : -1);
                    crossings += kind[n] != 0 ? 1 : 0;
                }
                if (crossings == 4) {
                    ambiguous.add(edges);
                }
                for (int n = 0; n < 4; n++) {
                    if (kind[n] == 1) {
                        for (int m = 1; m < 4; m++) {
                            if (kind[(n + m) % 4] == -1) {
                                next[edges[n]] = edges[(n + m) % 4];
                                break;
                            }
                        }
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        boolean[] used = new boolean[12];
        for (int e = 0; e < 12; e++) {
            if (next[e] < 0 || used[e]) {
                continue;
            }
            List<Integer> loop = new ArrayList<>();
            for (int v = e; !used[v]; v = next[v]) {
                used[v] = true;
                loop.add(v);
            }
            triangulate(loop, ambiguous, out);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean forbidden(int e0, int e1, List<int[]> ambiguous) {
        for (int[] face : ambiguous) {
            boolean h0 = false, h1 = false;
            for (int e : face) {
                h0 |= e == e0;
                h1 |= e == e1;
            }
            if (h0 && h1) {
                return true;
            }
        }
        return false;
    }

    /** Optimal max-min-quality triangulation of a loop by dynamic programming over sub-polygons. */
    private static void triangulate(List<Integer> loop, List<int[]> ambiguous, List<Integer> out) {
        int n = loop.size();
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = midpoint(loop.get(i));
        }
        boolean[][] ok = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean side = j == i + 1 || (i == 0 && j == n - 1);
                ok[i][j] = side || !forbidden(loop.get(i), loop.get(j), ambiguous);
            }
        }
        double[][] best = new double[n][n];
        int[][] split = new int[n][n];
        for (int len = 2; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                best[i][j] = Double.NEGATIVE_INFINITY;
                for (int k = i + 1; k < j; k++) {
                    if (!ok[i][k] || !ok[k][j]) {
                        continue;
                    }
                    double left = k == i + 1 ? Double.POSITIVE_INFINITY : best[i][k];
                    double right = j == k + 1 ? Double.POSITIVE_INFINITY : best[k][j];
                    double q = Math.min(Math.min(left, right), quality(p[i], p[k], p[j]));
                    if (q > best[i][j]) {
                        best[i][j] = q;
                        split[i][j] = k;
                    }
                }
            }
        }
        if (n >= 3 && best[0][n - 1] == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("no manifold triangulation for loop " + loop);
        }
        emit(loop, split, 0, n - 1, out);
    }

    private static void emit(List<Integer> loop, int[][] split, int i, int j, List<Integer> out) {
        if (j - i < 2) {
            return;
        }
        int k = split[i][j];
        out.add(loop.get(i));
        out.add(loop.get(k));
        out.add(loop.get(j));
        emit(loop, split, i, k, out);
        emit(loop, split, k, j, out);
    }

    private static double[] midpoint(int edge) {
        int a = EDGE_CORNERS[edge][0], b = EDGE_CORNERS[edge][1];
        return new double[] {
            ((a & 1) + (b & 1)) / 2.0, ((a >> 1 & 1) + (b >> 1 & 1)) / 2.0, ((a >> 2 & 1) + (b >> 2 & 1)) / 2.0};
    }

    /** 4 sqrt(3) area / sum of squared sides: 1 for equilateral, 0 for degenerate. */
    private static double quality(double[] a, double[] b, double[] c) {
        double[] u = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double[] v = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double cx = u[1] * v[2] - u[2] * v[1], cy = u[2] * v[0] - u[0] * v[2], cz = u[0] * v[1] - u[1] * v[0];
        double area2 = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double s = 0;
        for (int d = 0; d < 3; d++) {
            s += sq(b[d] - a[d]) + sq(c[d] - b[d]) + sq(a[d] - c[d]);
        }
        return 2 * Math.sqrt(3) * area2 / s;
    }

    private static double sq(double x) {
        return x * x;
    }
}
