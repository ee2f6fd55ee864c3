package org.vertebroplan.mesh;

import java.util.Arrays;
import org.vertebroplan.base.Parallel;

/**
 * Decimates a closed manifold mesh to about a target triangle count by quadric-error edge collapse
 * (Garland and Heckbert 1997, "Surface simplification using quadric error metrics"), keeping it a
 * closed, consistently wound 2-manifold.
 *
 * <p>How: each vertex carries the sum of the plane quadrics of its triangles (area weighted); an edge
 * costs the quadric error of the best position for the merged vertex (the minimiser of the summed
 * quadric, or the best of the two ends and the midpoint when that system is ill-conditioned). Edges
 * are taken cheapest first from an {@link EdgeHeap} with lazy invalidation (vertex version stamps). A
 * collapse is refused when it would break the surface: the link condition (the two ends share
 * exactly the two opposite vertices), no vertex left with fewer than three neighbours (no
 * tetrahedron collapsing flat), and no triangle around the edge flipping or becoming degenerate.
 * Incident triangles are kept as per-vertex linked lists of corners in int arrays.
 *
 * <p>Limits: the input must be closed and manifold (the extractor's output is); refused collapses can
 * leave the result somewhat above the target; self-intersections far from the edge are not checked.
 */
public final class QuadricDecimation {

    private final int[] tri;
    private final double[] pos;
    private final double[] quadric;
    private final int[] head;
    private final int[] nextCorner;
    private final int[] version;
    private final boolean[] deadVertex;
    private final boolean[] deadTriangle;
    private final int[] mark;
    private int markStamp;
    private int liveTriangles;
    private final EdgeHeap heap = new EdgeHeap();
    private final double[] scratch = new double[3];
    private final double[] collapseTo = new double[3];
    private static final double[] FALLBACK_T = {0, 0.5, 1};

    private QuadricDecimation(Mesh mesh) {
        int nv = mesh.vertexCount(), nt = mesh.triangleCount();
        tri = mesh.triangles().clone();
        pos = new double[3 * nv];
        float[] xyz = mesh.xyz();
        for (int i = 0; i < pos.length; i++) {
            pos[i] = xyz[i];
        }
        quadric = new double[10 * nv];
        head = new int[nv];
        Arrays.fill(head, -1);
        nextCorner = new int[3 * nt];
        version = new int[nv];
        deadVertex = new boolean[nv];
        deadTriangle = new boolean[nt];
        mark = new int[nv];
        liveTriangles = nt;
        for (int c = 0; c < 3 * nt; c++) {
            nextCorner[c] = head[tri[c]];
            head[tri[c]] = c;
        }
        for (int f = 0; f < nt; f++) {
            addPlaneQuadric(f);
        }
    }

    /** The decimated mesh (the input when it already has at most {@code targetTriangles}). */
    public static Mesh decimate(Mesh mesh, int targetTriangles) {
        if (targetTriangles < 4) {
            throw new IllegalArgumentException("a closed surface needs at least 4 triangles, target " + targetTriangles);
        }
        if (mesh.triangleCount() <= targetTriangles) {
            return mesh;
        }
        MeshReport r = MeshChecks.check(mesh);
        if (!r.manifold() || !r.consistentlyWound() || r.vertices() != mesh.vertexCount()) {
            throw new IllegalArgumentException("decimation needs a closed, manifold, welded mesh: " + r.summary());
        }
        QuadricDecimation d = new QuadricDecimation(mesh);
        d.run(targetTriangles);
        return d.result();
    }

    private void run(int target) {
        for (int f = 0; f < deadTriangle.length; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[3 * f + k], b = tri[3 * f + (k + 1) % 3];
                if (a < b) {
                    push(a, b);
                }
            }
        }
        Thread caller = Thread.currentThread();
        for (int n = 0; liveTriangles > target && heap.size() > 0; n++) {
            if ((n & 0xfff) == 0) {
                Parallel.checkCancelled(caller);
            }
            int u = heap.topU(), v = heap.topV();
            int stamp = heap.topStamp();
            double[] p = collapseTo;
            heap.pop();
            if (deadVertex[u] || deadVertex[v] || stamp != stamp(u, v)) {
                continue;
            }
            optimalPosition(u, v, p);
            if (canCollapse(u, v, p)) {
                collapse(u, v, p);
            }
        }
    }

    /** Versions only grow, so the sum changes whenever either end has changed since the push. */
    private int stamp(int u, int v) {
        return version[u] + version[v];
    }

    // ---- quadrics ----

    private void addPlaneQuadric(int f) {
        int a = 3 * tri[3 * f], b = 3 * tri[3 * f + 1], c = 3 * tri[3 * f + 2];
        double ux = pos[b] - pos[a], uy = pos[b + 1] - pos[a + 1], uz = pos[b + 2] - pos[a + 2];
        double vx = pos[c] - pos[a], vy = pos[c + 1] - pos[a + 1], vz = pos[c + 2] - pos[a + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            return;
        }
        double w = len / 2; // area weight
        nx /= len;
        ny /= len;
        nz /= len;
        double d = -(nx * pos[a] + ny * pos[a + 1] + nz * pos[a + 2]);
        double[] q = {nx * nx, nx * ny, nx * nz, nx * d, ny * ny, ny * nz, ny * d, nz * nz, nz * d, d * d};
        for (int k = 0; k < 3; k++) {
            int v = tri[3 * f + k];
            for (int i = 0; i < 10; i++) {
                quadric[10 * v + i] += w * q[i];
            }
        }
    }

    private double error(int u, int v, double x, double y, double z) {
        double[] q = quadric;
        int a = 10 * u, b = 10 * v;
        double q0 = q[a] + q[b], q1 = q[a + 1] + q[b + 1], q2 = q[a + 2] + q[b + 2], q3 = q[a + 3] + q[b + 3];
        double q4 = q[a + 4] + q[b + 4], q5 = q[a + 5] + q[b + 5], q6 = q[a + 6] + q[b + 6];
        double q7 = q[a + 7] + q[b + 7], q8 = q[a + 8] + q[b + 8], q9 = q[a + 9] + q[b + 9];
        return q0 * x * x + 2 * q1 * x * y + 2 * q2 * x * z + 2 * q3 * x + q4 * y * y + 2 * q5 * y * z + 2 * q6 * y
            + q7 * z * z + 2 * q8 * z + q9;
    }

    /** The position minimising the summed quadric; falls back to the best of ends and midpoint. */
    private double optimalPosition(int u, int v, double[] p) {
        double[] q = quadric;
        int a = 10 * u, b = 10 * v;
        double m00 = q[a] + q[b], m01 = q[a + 1] + q[b + 1], m02 = q[a + 2] + q[b + 2];
        double m11 = q[a + 4] + q[b + 4], m12 = q[a + 5] + q[b + 5], m22 = q[a + 7] + q[b + 7];
        double r0 = -(q[a + 3] + q[b + 3]), r1 = -(q[a + 6] + q[b + 6]), r2 = -(q[a + 8] + q[b + 8]);
        double c00 = m11 * m22 - m12 * m12, c01 = m02 * m12 - m01 * m22, c02 = m01 * m12 - m02 * m11;
        double det = m00 * c00 + m01 * c01 + m02 * c02;
        double scale = Math.abs(m00) + Math.abs(m11) + Math.abs(m22);
        if (Math.abs(det) > 1e-9 * scale * scale * scale && scale > 0) {
            double c11 = m00 * m22 - m02 * m02, c12 = m01 * m02 - m00 * m12, c22 = m00 * m11 - m01 * m01;
            double x = (c00 * r0 + c01 * r1 + c02 * r2) / det;
            double y = (c01 * r0 + c11 * r1 + c12 * r2) / det;
            double z = (c02 * r0 + c12 * r1 + c22 * r2) / det;
            // keep the vertex near the edge: far-away minima of nearly flat quadrics make slivers
            double ex = pos[3 * v] - pos[3 * u], ey = pos[3 * v + 1] - pos[3 * u + 1], ez = pos[3 * v + 2] - pos[3 * u + 2];
            double mx = (pos[3 * u] + pos[3 * v]) / 2, my = (pos[3 * u + 1] + pos[3 * v + 1]) / 2;
            double mz = (pos[3 * u + 2] + pos[3 * v + 2]) / 2;
            double far = (x - mx) * (x - mx) + (y - my) * (y - my) + (z - mz) * (z - mz);
            if (far <= ex * ex + ey * ey + ez * ez) {
                p[0] = x;
                p[1] = y;
                p[2] = z;
                return error(u, v, x, y, z);
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (double t : FALLBACK_T) {
            double x = pos[3 * u] + t * (pos[3 * v] - pos[3 * u]);
            double y = pos[3 * u + 1] + t * (pos[3 * v + 1] - pos[3 * u + 1]);
            double z = pos[3 * u + 2] + t * (pos[3 * v + 2] - pos[3 * u + 2]);
            double e = error(u, v, x, y, z);
            if (e < best) {
                best = e;
                p[0] = x;
                p[1] = y;
                p[2] = z;
            }
        }
        return best;
    }

    // ---- topology ----

    /** Marks the live neighbours of v with a fresh stamp; returns the neighbour count. */
    private int markNeighbours(int v, int stamp) {
        int n = 0;
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            if (deadTriangle[f]) {
                continue;
            }
            for (int k = 1; k < 3; k++) {
                int w = tri[3 * f + (c % 3 + k) % 3];
                if (mark[w] != stamp) {
                    mark[w] = stamp;
                    n++;
                }
            }
        }
        return n;
    }

    private boolean canCollapse(int u, int v, double[] p) {
        int su = ++markStamp;
        int degU = markNeighbours(u, su);
        // neighbours of v that are also neighbours of u
        int common = 0, degV = 0;
        int sv = ++markStamp;
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            if (deadTriangle[f]) {
                continue;
            }
            for (int k = 1; k < 3; k++) {
                int w = tri[3 * f + (c % 3 + k) % 3];
                if (mark[w] == su) {
                    common += w == u ? 0 : 1;
                    mark[w] = sv; // counted once
                } else if (mark[w] != sv) {
                    mark[w] = sv;
                }
            }
        }
        if (common != 2) {
            return false; // link condition (each common neighbour was met twice around v: see below)
        }
        degV = markNeighbours(v, ++markStamp);
        if (degU + degV - 4 < 3) {
            return false;
        }
        // the two opposite vertices lose a neighbour
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            if (deadTriangle[f] || !has(f, u)) {
                continue;
            }
            int w = third(f, u, v);
            if (markNeighbours(w, ++markStamp) <= 3) {
                return false;
            }
        }
        return !flips(u, v, p) && !flips(v, u, p);
    }

    private boolean has(int f, int v) {
        return tri[3 * f] == v || tri[3 * f + 1] == v || tri[3 * f + 2] == v;
    }

    private int third(int f, int u, int v) {
        for (int k = 0; k < 3; k++) {
            int w = tri[3 * f + k];
            if (w != u && w != v) {
                return w;
            }
        }
        throw new IllegalStateException("degenerate triangle " + f);
    }

    /** True when moving v to p flips or flattens a triangle of v that does not contain other. */
    private boolean flips(int v, int other, double[] p) {
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            if (deadTriangle[f] || has(f, other)) {
                continue;
            }
            int k = c % 3;
            int a = 3 * tri[3 * f + (k + 1) % 3], b = 3 * tri[3 * f + (k + 2) % 3];
            // the edge a-b stays; the normal is (a - x) x (b - x) for the old and the new position x
            double ex = pos[b] - pos[a], ey = pos[b + 1] - pos[a + 1], ez = pos[b + 2] - pos[a + 2];
            double ux = pos[a] - pos[3 * v], uy = pos[a + 1] - pos[3 * v + 1], uz = pos[a + 2] - pos[3 * v + 2];
            double wx = pos[a] - p[0], wy = pos[a + 1] - p[1], wz = pos[a + 2] - p[2];
            double n0x = uy * ez - uz * ey, n0y = uz * ex - ux * ez, n0z = ux * ey - uy * ex;
            double n1x = wy * ez - wz * ey, n1y = wz * ex - wx * ez, n1z = wx * ey - wy * ex;
            double l0 = Math.sqrt(n0x * n0x + n0y * n0y + n0z * n0z);
            double l1 = Math.sqrt(n1x * n1x + n1y * n1y + n1z * n1z);
            if (l1 <= 1e-12 * (l0 + 1e-30) || n0x * n1x + n0y * n1y + n0z * n1z <= 0.2 * l0 * l1) {
                return true;
            }
        }
        return false;
    }

    private void collapse(int u, int v, double[] p) {
        int tail = -1;
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            if (!deadTriangle[f]) {
                if (has(f, u)) {
                    deadTriangle[f] = true;
                    liveTriangles--;
                } else {
                    tri[c] = u;
                }
            }
            tail = c;
        }
        if (tail >= 0) {
            nextCorner[tail] = head[u];
            head[u] = head[v];
        }
        head[v] = -1;
        deadVertex[v] = true;
        pos[3 * u] = p[0];
        pos[3 * u + 1] = p[1];
        pos[3 * u + 2] = p[2];
        for (int i = 0; i < 10; i++) {
            quadric[10 * u + i] += quadric[10 * v + i];
        }
        version[u]++;
        prune(u);
        int s = ++markStamp;
        for (int c = head[u]; c >= 0; c = nextCorner[c]) {
            int f = c / 3;
            for (int k = 1; k < 3; k++) {
                int w = tri[3 * f + (c % 3 + k) % 3];
                if (mark[w] != s) {
                    mark[w] = s;
                    push(Math.min(u, w), Math.max(u, w));
                }
            }
        }
    }

    /** Drops the corners of dead triangles from v's list. */
    private void prune(int v) {
        int prev = -1;
        for (int c = head[v]; c >= 0; c = nextCorner[c]) {
            if (deadTriangle[c / 3]) {
                if (prev < 0) {
                    head[v] = nextCorner[c];
                } else {
                    nextCorner[prev] = nextCorner[c];
                }
            } else {
                prev = c;
            }
        }
    }

    private Mesh result() {
        int nv = deadVertex.length;
        int[] map = new int[nv];
        Arrays.fill(map, -1);
        int count = 0;
        int[] out = new int[3 * liveTriangles];
        int n = 0;
        for (int f = 0; f < deadTriangle.length; f++) {
            if (deadTriangle[f]) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                int v = tri[3 * f + k];
                if (map[v] < 0) {
                    map[v] = count++;
                }
                out[n++] = map[v];
            }
        }
        float[] xyz = new float[3 * count];
        for (int v = 0; v < nv; v++) {
            if (map[v] >= 0) {
                for (int i = 0; i < 3; i++) {
                    xyz[3 * map[v] + i] = (float) pos[3 * v + i];
                }
            }
        }
        return new Mesh(xyz, out);
    }

    private void push(int u, int v) {
        heap.push(optimalPosition(u, v, scratch), u, v, stamp(u, v));
    }
}
