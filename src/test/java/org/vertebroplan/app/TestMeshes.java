package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/** Hand-made closed meshes for GUI tests (no surface extractor needed), CCW seen from outside. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** An axis-aligned box. */
    static Mesh box(Vec3 min, Vec3 max) {
        float[] xyz = new float[24];
        for (int c = 0; c < 8; c++) {
            xyz[3 * c] = (float) ((c & 1) == 0 ? min.x() : max.x());
            xyz[3 * c + 1] = (float) ((c & 2) == 0 ? min.y() : max.y());
            xyz[3 * c + 2] = (float) ((c & 4) == 0 ? min.z() : max.z());
        }
        int[][] quads = {{0, 2, 6, 4}, {1, 3, 7, 5}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 5, 7, 6}};
        List<int[]> tris = new ArrayList<>();
        for (int[] q : quads) {
            tris.add(new int[] {q[0], q[1], q[2]});
            tris.add(new int[] {q[0], q[2], q[3]});
        }
        return orientOutward(xyz, tris, min.lerp(max, 0.5));
    }

    /** An ellipsoid (subdivided icosahedron) with semi-axes r (mm) along x, y, z. */
    static Mesh ellipsoid(Vec3 center, Vec3 r, int subdivisions) {
        double t = (1 + Math.sqrt(5)) / 2;
        List<Vec3> v = new ArrayList<>(List.of(new Vec3(-1, t, 0), new Vec3(1, t, 0), new Vec3(-1, -t, 0),
            new Vec3(1, -t, 0), new Vec3(0, -1, t), new Vec3(0, 1, t), new Vec3(0, -1, -t), new Vec3(0, 1, -t),
            new Vec3(t, 0, -1), new Vec3(t, 0, 1), new Vec3(-t, 0, -1), new Vec3(-t, 0, 1)));
        v.replaceAll(Vec3::normalized);
        List<int[]> f = new ArrayList<>(List.of(new int[] {0, 11, 5}, new int[] {0, 5, 1}, new int[] {0, 1, 7},
            new int[] {0, 7, 10}, new int[] {0, 10, 11}, new int[] {1, 5, 9}, new int[] {5, 11, 4},
            new int[] {11, 10, 2}, new int[] {10, 7, 6}, new int[] {7, 1, 8}, new int[] {3, 9, 4},
            new int[] {3, 4, 2}, new int[] {3, 2, 6}, new int[] {3, 6, 8}, new int[] {3, 8, 9},
            new int[] {4, 9, 5}, new int[] {2, 4, 11}, new int[] {6, 2, 10}, new int[] {8, 6, 7},
            new int[] {9, 8, 1}));
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> mid = new HashMap<>();
            List<int[]> next = new ArrayList<>();
            for (int[] tri : f) {
                int a = midpoint(v, mid, tri[0], tri[1]);
                int b = midpoint(v, mid, tri[1], tri[2]);
                int c = midpoint(v, mid, tri[2], tri[0]);
                next.add(new int[] {tri[0], a, c});
                next.add(new int[] {tri[1], b, a});
                next.add(new int[] {tri[2], c, b});
                next.add(new int[] {a, b, c});
            }
            f = next;
        }
        float[] xyz = new float[v.size() * 3];
        for (int n = 0; n < v.size(); n++) {
            xyz[3 * n] = (float) (center.x() + r.x() * v.get(n).x());
            xyz[3 * n + 1] = (float) (center.y() + r.y() * v.get(n).y());
            xyz[3 * n + 2] = (float) (center.z() + r.z() * v.get(n).z());
        }
        return orientOutward(xyz, f, center);
    }

    private static int midpoint(List<Vec3> v, Map<Long, Integer> cache, int a, int b) {
        long key = Math.min(a, b) * 1_000_000L + Math.max(a, b);
        return cache.computeIfAbsent(key, k -> {
            v.add(v.get(a).plus(v.get(b)).times(0.5).normalized());
            return v.size() - 1;
        });
    }

    /** Concatenates meshes. */
    static Mesh union(Mesh... meshes) {
        int nv = 0;
        int nt = 0;
        for (Mesh m : meshes) {
            nv += m.xyz().length;
            nt += m.triangles().length;
        }
        float[] xyz = new float[nv];
        int[] tri = new int[nt];
        int pv = 0;
        int pt = 0;
        for (Mesh m : meshes) {
            System.arraycopy(m.xyz(), 0, xyz, pv, m.xyz().length);
            for (int i : m.triangles()) {
                tri[pt++] = i + pv / 3;
            }
            pv += m.xyz().length;
        }
        return new Mesh(xyz, tri);
    }

    /** Orients every triangle of a star-shaped mesh so that its normal points away from the centre. */
    private static Mesh orientOutward(float[] xyz, List<int[]> tris, Vec3 center) {
        int[] out = new int[tris.size() * 3];
        int p = 0;
        for (int[] t : tris) {
            Vec3 a = vertex(xyz, t[0]);
            Vec3 b = vertex(xyz, t[1]);
            Vec3 c = vertex(xyz, t[2]);
            Vec3 normal = b.minus(a).cross(c.minus(a));
            boolean outward = normal.dot(a.plus(b).plus(c).times(1 / 3.0).minus(center)) > 0;
            out[p++] = t[0];
            out[p++] = outward ? t[1] : t[2];
            out[p++] = outward ? t[2] : t[1];
        }
        return new Mesh(xyz, out);
    }

    private static Vec3 vertex(float[] xyz, int i) {
        return new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
}
