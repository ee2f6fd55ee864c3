package org.vertebroplan.guide;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshComponents;

/**
 * Builds a sleeve as an exact closed mesh: rings of {@code N} vertices at fixed angles, joined by quads
 * (bore, collar with its key tab, tube, the flat annuli between them). Every ring has the same angles,
 * so the mesh is closed and manifold by construction. The bore polygon circumscribes the designed bore
 * circle (its flat sides touch it), so the needle always passes: the bore's inscribed radius equals the
 * design exactly, its vertices lie at most r (1/cos(pi/N) - 1) further out.
 */
final class SleeveMesher {

    static final int N = 180;

    private SleeveMesher() {
    }

    static Mesh mesh(SleeveDesign d) {
        Vec3 u = d.axisIn();
        Vec3 e1 = d.tabDirection();
        Vec3 e2 = u.cross(e1);
        double boreVertex = d.boreRadiusMm() / Math.cos(Math.PI / N);
        double[][] rings = {
            // {h, kind} kind: 0 bore, 1 collar outline, 2 tube
            {d.bottomH(), 0}, {d.bottomH(), 1}, {d.bossTopH(), 1}, {d.bossTopH(), 2}, {d.topH(), 2}, {d.topH(), 0}};
        float[] xyz = new float[rings.length * N * 3];
        for (int r = 0; r < rings.length; r++) {
            Vec3 centre = d.axisAt(rings[r][0]);
            for (int i = 0; i < N; i++) {
                double theta = 2 * Math.PI * i / N;
                double radius = switch ((int) rings[r][1]) {
                    case 0 -> boreVertex;
                    case 1 -> d.collarRadiusAt(theta);
                    default -> d.tubeRadiusMm();
                };
                Vec3 p = centre.plus(e1.times(radius * Math.cos(theta))).plus(e2.times(radius * Math.sin(theta)));
                int v = (r * N + i) * 3;
                xyz[v] = (float) p.x();
                xyz[v + 1] = (float) p.y();
                xyz[v + 2] = (float) p.z();
            }
        }
        int[] tri = new int[rings.length * N * 6];
        int t = 0;
        for (int r = 0; r < rings.length; r++) {
            int a = r * N, b = ((r + 1) % rings.length) * N;
            for (int i = 0; i < N; i++) {
                int i1 = (i + 1) % N;
                tri[t++] = a + i;
                tri[t++] = b + i;
                tri[t++] = b + i1;
                tri[t++] = a + i;
                tri[t++] = b + i1;
                tri[t++] = a + i1;
            }
        }
        Mesh m = new Mesh(xyz, tri);
        return orientOutward(m);
    }

    /** Flips all triangles when the enclosed volume comes out negative. */
    private static Mesh orientOutward(Mesh m) {
        if (MeshComponents.volumes(m, new int[m.triangleCount()])[0] >= 0) {
            return m;
        }
        int[] t = m.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            int tmp = t[i + 1];
            t[i + 1] = t[i + 2];
            t[i + 2] = tmp;
        }
        return new Mesh(m.xyz(), t);
    }
}
