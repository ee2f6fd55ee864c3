package org.vertebroplan.mesh;

import org.vertebroplan.geom.Vec3;

/**
 * Connected pieces of an indexed mesh (triangles joined through shared vertex indices) and the
 * selection of one piece: the largest, or the one containing a seed point, as Slicer's and
 * InVesalius' "keep largest region" / "select region at point".
 *
 * <p>The piece containing a point is judged with the generalized winding number of each piece
 * (sum of signed solid angles of its triangles, Van Oosterom and Strackee 1983): about 1 inside a
 * closed outward piece, 0 outside, -1 inside an inward (cavity) piece. Among the pieces that contain
 * the point the one enclosing the smallest positive volume wins (the vertebra, not a bigger piece
 * around it); when none contains it, the piece with the vertex nearest to the point.
 *
 * <p>Limits: pieces are index-connected; meshes read from STL should be welded first (StlReader does).
 */
public final class MeshComponents {

    private MeshComponents() {
    }

    /** Piece label per triangle, 0 .. count-1 in order of first triangle; the count is label[] max + 1. */
    public static int[] triangleLabels(Mesh mesh) {
        int[] t = mesh.triangles();
        UnionFind uf = new UnionFind(mesh.vertexCount());
        for (int f = 0; f < mesh.triangleCount(); f++) {
            uf.union(t[3 * f], t[3 * f + 1]);
            uf.union(t[3 * f], t[3 * f + 2]);
        }
        int[] rootLabel = new int[mesh.vertexCount()];
        java.util.Arrays.fill(rootLabel, -1);
        int[] labels = new int[mesh.triangleCount()];
        int count = 0;
        for (int f = 0; f < labels.length; f++) {
            int root = uf.find(t[3 * f]);
            if (rootLabel[root] < 0) {
                rootLabel[root] = count++;
            }
            labels[f] = rootLabel[root];
        }
        return labels;
    }

    /** The piece enclosing the largest (signed) volume. */
    public static Mesh keepLargest(Mesh mesh) {
        if (mesh.triangleCount() == 0) {
            return mesh;
        }
        int[] labels = triangleLabels(mesh);
        double[] volume = volumes(mesh, labels);
        int best = 0;
        for (int c = 1; c < volume.length; c++) {
            if (volume[c] > volume[best]) {
                best = c;
            }
        }
        return select(mesh, labels, best);
    }

    /** The piece containing {@code seedLps}, or the nearest piece when none contains it. */
    public static Mesh keepContaining(Mesh mesh, Vec3 seedLps) {
        if (mesh.triangleCount() == 0) {
            return mesh;
        }
        int[] labels = triangleLabels(mesh);
        double[] volume = volumes(mesh, labels);
        double[] winding = new double[volume.length];
        float[] p = mesh.xyz();
        int[] t = mesh.triangles();
        double sx = seedLps.x(), sy = seedLps.y(), sz = seedLps.z();
        for (int f = 0; f < labels.length; f++) {
            int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
            winding[labels[f]] += solidAngle(p[a] - sx, p[a + 1] - sy, p[a + 2] - sz, p[b] - sx, p[b + 1] - sy,
                p[b + 2] - sz, p[c] - sx, p[c + 1] - sy, p[c + 2] - sz);
        }
        int best = -1;
        for (int c = 0; c < volume.length; c++) {
            if (winding[c] / (4 * Math.PI) > 0.5 && volume[c] > 0 && (best < 0 || volume[c] < volume[best])) {
                best = c;
            }
        }
        if (best < 0) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int f = 0; f < labels.length; f++) {
                for (int k = 0; k < 3; k++) {
                    int v = 3 * t[3 * f + k];
                    double d = sq(p[v] - sx) + sq(p[v + 1] - sy) + sq(p[v + 2] - sz);
                    if (d < nearest) {
                        nearest = d;
                        best = labels[f];
                    }
                }
            }
        }
        return select(mesh, labels, best);
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Signed solid angle of triangle (a, b, c) seen from the origin. */
    static double solidAngle(double ax, double ay, double az, double bx, double by, double bz, double cx, double cy,
                             double cz) {
        double la = Math.sqrt(ax * ax + ay * ay + az * az);
        double lb = Math.sqrt(bx * bx + by * by + bz * bz);
        double lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double det = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        double den = la * lb * lc + (ax * bx + ay * by + az * bz) * lc + (ax * cx + ay * cy + az * cz) * lb
            + (bx * cx + by * cy + bz * cz) * la;
        return 2 * Math.atan2(det, den);
    }

    /** Signed enclosed volume (mm3, divergence theorem) of each piece of {@link #triangleLabels}. */
    public static double[] volumes(Mesh mesh, int[] labels) {
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l + 1);
        }
        double[] vol = new double[count];
        float[] p = mesh.xyz();
        int[] t = mesh.triangles();
        for (int f = 0; f < labels.length; f++) {
            int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
            double cx = (double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1];
            double cy = (double) p[b + 2] * p[c] - (double) p[b] * p[c + 2];
            double cz = (double) p[b] * p[c + 1] - (double) p[b + 1] * p[c];
            vol[labels[f]] += (p[a] * cx + p[a + 1] * cy + p[a + 2] * cz) / 6;
        }
        return vol;
    }

    /** The triangles labelled {@code label} with their vertices, re-indexed compactly (order kept). */
    public static Mesh select(Mesh mesh, int[] labels, int label) {
        int[] t = mesh.triangles();
        int[] map = new int[mesh.vertexCount()];
        java.util.Arrays.fill(map, -1);
        int nt = 0, nv = 0;
        for (int f = 0; f < labels.length; f++) {
            if (labels[f] == label) {
                nt++;
                for (int k = 0; k < 3; k++) {
                    if (map[t[3 * f + k]] < 0) {
                        map[t[3 * f + k]] = 0;
                    }
                }
            }
        }
        for (int v = 0; v < map.length; v++) {
            if (map[v] == 0) {
                map[v] = nv++;
            }
        }
        float[] xyz = new float[3 * nv];
        float[] src = mesh.xyz();
        for (int v = 0; v < map.length; v++) {
            if (map[v] >= 0) {
                System.arraycopy(src, 3 * v, xyz, 3 * map[v], 3);
            }
        }
        int[] tris = new int[3 * nt];
        int n = 0;
        for (int f = 0; f < labels.length; f++) {
            if (labels[f] == label) {
                for (int k = 0; k < 3; k++) {
                    tris[n++] = map[t[3 * f + k]];
                }
            }
        }
        return new Mesh(xyz, tris);
    }
}
