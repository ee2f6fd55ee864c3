package org.vertebroplan.mesh;

import java.util.Arrays;

/**
 * Checks a mesh the way a slicer or a print vendor reads its STL file: vertices are first welded by
 * exact (float) position, then edges are counted on the welded mesh. Reports holes (boundary edges),
 * non-manifold edges, pinched vertices, inconsistent winding, zero-area triangles, area, signed
 * volume (divergence theorem, sum of p0 . (p1 x p2) / 6) and edge-connected components.
 *
 * <p>How: welding with an open-addressing table of vertex ids keyed by the coordinate bits; edges
 * bucketed by their lower vertex (compressed rows, int arrays only); vertex fans counted with a
 * union-find over triangle corners joined across manifold edges. O(n) time, a few int arrays of
 * size 3 x triangles of memory, no per-element objects.
 *
 * <p>Limits: self-intersections (two sheets crossing without sharing edges) are not detected.
 */
public final class MeshChecks {

    private MeshChecks() {
    }

    public static MeshReport check(Mesh mesh) {
        int nt = mesh.triangleCount();
        int nv = mesh.vertexCount();
        int[] t = weldedTriangles(mesh);
        Faces faces = Faces.of(mesh.xyz(), t, nt);
        HalfEdges halfEdges = HalfEdges.of(t, faces.bad, nv);
        UnionFind corners = new UnionFind(3 * nt);
        UnionFind pieces = new UnionFind(nv);
        Edges edges = Edges.of(t, halfEdges, nv, corners, pieces);
        Vertices vertices = Vertices.of(t, faces.bad, nv, corners, pieces);
        return new MeshReport(nt, vertices.used, edges.edges, faces.area, faces.volume, edges.boundary,
            edges.nonManifold, vertices.pinched, edges.inconsistent, faces.degenerate, vertices.components);
    }

    /** The triangles over welded vertices: the mesh's own array when welding merged nothing (read only). */
    private static int[] weldedTriangles(Mesh mesh) {
        int[] weld = weldByPosition(mesh.xyz());
        boolean identity = true;
        for (int v = 0; v < weld.length && identity; v++) {
            identity = weld[v] == v;
        }
        if (identity) {
            return mesh.triangles();
        }
        int[] t = new int[3 * mesh.triangleCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = weld[mesh.triangles()[i]];
        }
        return t;
    }

    /** Area, signed volume and degenerate triangles; {@code bad}: those with a repeated vertex, left out of edges. */
    private record Faces(double area, double volume, long degenerate, boolean[] bad) {

        static Faces of(float[] xyz, int[] t, int nt) {
            double area = 0, volume = 0;
            long degenerate = 0;
            boolean[] bad = new boolean[nt];
            for (int f = 0; f < nt; f++) {
                int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
                double ax = xyz[a], ay = xyz[a + 1], az = xyz[a + 2];
                double ux = xyz[b] - ax, uy = xyz[b + 1] - ay, uz = xyz[b + 2] - az;
                double vx = xyz[c] - ax, vy = xyz[c + 1] - ay, vz = xyz[c + 2] - az;
                double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
                double len = Math.sqrt(cx * cx + cy * cy + cz * cz);
                if (len == 0 || a == b || b == c || a == c) {
                    degenerate++;
                    bad[f] = a == b || b == c || a == c;
                }
                area += len / 2;
                volume += (ax * cx + ay * cy + az * cz) / 6;
            }
            return new Faces(area, volume, degenerate, bad);
        }
    }

    /** Half-edges bucketed by their lower vertex: those of vertex v are {@code half[start[v] .. start[v + 1])}. */
    private record HalfEdges(int[] start, int[] half) {

        static HalfEdges of(int[] t, boolean[] bad, int nv) {
            int nt = bad.length;
            int[] start = new int[nv + 1];
            for (int f = 0; f < nt; f++) {
                if (!bad[f]) {
                    for (int k = 0; k < 3; k++) {
                        start[Math.min(t[3 * f + k], t[3 * f + (k + 1) % 3]) + 1]++;
                    }
                }
            }
            for (int v = 0; v < nv; v++) {
                start[v + 1] += start[v];
            }
            int[] fill = Arrays.copyOf(start, nv);
            int[] half = new int[start[nv]];
            for (int f = 0; f < nt; f++) {
                if (!bad[f]) {
                    for (int k = 0; k < 3; k++) {
                        half[fill[Math.min(t[3 * f + k], t[3 * f + (k + 1) % 3])]++] = 3 * f + k;
                    }
                }
            }
            return new HalfEdges(start, half);
        }
    }

    /**
     * The edges counted by how many triangles share each; joins the corners across manifold edges (for the
     * fans) and the vertices of every edge (for the pieces).
     */
    private record Edges(long edges, long boundary, long nonManifold, long inconsistent) {

        static Edges of(int[] t, HalfEdges he, int nv, UnionFind corners, UnionFind pieces) {
            int[] start = he.start, half = he.half;
            long edges = 0, boundary = 0, nonManifold = 0, inconsistent = 0;
            for (int v = 0; v < nv; v++) {
                for (int x = start[v]; x < start[v + 1]; x++) {
                    int hx = half[x];
                    int ox = other(t, hx);
                    boolean seen = false;
                    for (int y = start[v]; y < x; y++) {
                        seen |= other(t, half[y]) == ox;
                    }
                    if (seen) {
                        continue;
                    }
                    edges++;
                    pieces.union(v, ox);
                    int count = 1, partner = -1;
                    for (int y = x + 1; y < start[v + 1]; y++) {
                        if (other(t, half[y]) == ox) {
                            count++;
                            partner = half[y];
                        }
                    }
                    if (count == 1) {
                        boundary++;
                    } else if (count > 2) {
                        nonManifold++;
                    } else {
                        if (t[hx] == t[partner]) {
                            inconsistent++;
                        }
                        joinCorners(corners, t, hx, partner);
                    }
                }
            }
            return new Edges(edges, boundary, nonManifold, inconsistent);
        }
    }

    /** The vertices used, those pinched (more than one fan of corners) and the edge-connected pieces. */
    private record Vertices(int used, long pinched, int components) {

        static Vertices of(int[] t, boolean[] bad, int nv, UnionFind corners, UnionFind pieces) {
            int[] firstClass = new int[nv];
            Arrays.fill(firstClass, -1);
            boolean[] pinched = new boolean[nv];
            boolean[] used = new boolean[nv];
            for (int c = 0; c < 3 * bad.length; c++) {
                if (bad[c / 3]) {
                    continue;
                }
                int v = t[c];
                used[v] = true;
                int cls = corners.find(c);
                if (firstClass[v] < 0) {
                    firstClass[v] = cls;
                } else if (firstClass[v] != cls) {
                    pinched[v] = true;
                }
            }
            int usedCount = 0, components = 0;
            long pinchedCount = 0;
            for (int v = 0; v < nv; v++) {
                if (used[v]) {
                    usedCount++;
                    pinchedCount += pinched[v] ? 1 : 0;
                    components += pieces.find(v) == v ? 1 : 0;
                }
            }
            return new Vertices(usedCount, pinchedCount, components);
        }
    }

    /** For each vertex, the smallest index of a vertex at exactly the same float position. */
    public static int[] weldByPosition(float[] xyz) {
        int n = xyz.length / 3;
        int cap = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        int[] table = new int[cap];
        Arrays.fill(table, -1);
        int[] weld = new int[n];
        for (int v = 0; v < n; v++) {
            int bx = Float.floatToIntBits(xyz[3 * v] + 0f), by = Float.floatToIntBits(xyz[3 * v + 1] + 0f);
            int bz = Float.floatToIntBits(xyz[3 * v + 2] + 0f);
            int hash = (bx * 0x9E3779B1) ^ (by * 0x85EBCA77) ^ (bz * 0xC2B2AE3D);
            hash ^= hash >>> 15;
            int slot = hash & (cap - 1);
            while (true) {
                int u = table[slot];
                if (u < 0) {
                    table[slot] = v;
                    weld[v] = v;
                    break;
                }
                if (xyz[3 * u] == xyz[3 * v] && xyz[3 * u + 1] == xyz[3 * v + 1] && xyz[3 * u + 2] == xyz[3 * v + 2]) {
                    weld[v] = u;
                    break;
                }
                slot = (slot + 1) & (cap - 1);
            }
        }
        return weld;
    }

    private static int other(int[] t, int h) {
        int a = t[h], b = t[h - h % 3 + (h % 3 + 1) % 3];
        return a < b ? b : a;
    }

    private static int next(int h) {
        return h - h % 3 + (h % 3 + 1) % 3;
    }

    /** Joins the corners of the shared edge's two vertices across the two triangles. */
    private static void joinCorners(UnionFind corners, int[] t, int h1, int h2) {
        int a1 = h1, b1 = next(h1), a2 = h2, b2 = next(h2);
        if (t[a1] == t[a2]) {
            corners.union(a1, a2);
            corners.union(b1, b2);
        } else {
            corners.union(a1, b2);
            corners.union(b1, a2);
        }
    }
}
