package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/**
 * Cross-sections of exported meshes, for measuring what was printed rather than what was designed:
 * the segments where a plane cuts the triangles, in the plane's 2D coordinates.
 */
final class MeshSections {

    private MeshSections() {
    }

    /** The section of a mesh by the plane through {@code o} spanned by unit {@code ex}, {@code ey}: {x0, y0, x1, y1} each. */
    static List<double[]> section(Mesh m, Vec3 o, Vec3 ex, Vec3 ey) {
        Vec3 n = ex.cross(ey).normalized();
        float[] p = m.xyz();
        int[] t = m.triangles();
        List<double[]> out = new ArrayList<>();
        double[] d = new double[3];
        Vec3[] v = new Vec3[3];
        for (int i = 0; i < t.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                int k = 3 * t[i + c];
                v[c] = new Vec3(p[k], p[k + 1], p[k + 2]).minus(o);
                d[c] = v[c].dot(n);
            }
            List<Vec3> cut = new ArrayList<>(2);
            for (int c = 0; c < 3; c++) {
                double a = d[c], b = d[(c + 1) % 3];
                if ((a < 0) != (b < 0)) {
                    double s = a / (a - b);
                    cut.add(v[c].plus(v[(c + 1) % 3].minus(v[c]).times(s)));
                }
            }
            if (cut.size() == 2) {
                out.add(new double[] {cut.get(0).dot(ex), cut.get(0).dot(ey), cut.get(1).dot(ex), cut.get(1).dot(ey)});
            }
        }
        return out;
    }

    /**
     * For a section around a centre (the origin): per angle bin (of {@code bins} around), the smallest
     * radius at which a ray from the centre crosses a segment with both ends inside {@code maxR}; +inf
     * where none does.
     */
    static double[] polar(List<double[]> segs, int bins, double maxR) {
        double[] r = new double[bins];
        java.util.Arrays.fill(r, Double.POSITIVE_INFINITY);
        for (double[] s : segs) {
            if (Math.hypot(s[0], s[1]) > maxR || Math.hypot(s[2], s[3]) > maxR) {
                continue;
            }
            double a0 = Math.atan2(s[1], s[0]), a1 = Math.atan2(s[3], s[2]);
            double da = Math.atan2(Math.sin(a1 - a0), Math.cos(a1 - a0));
            int steps = Math.max(1, (int) Math.ceil(Math.abs(da) / (2 * Math.PI / bins)) + 1);
            for (int k = 0; k <= steps; k++) {
                double a = a0 + da * k / steps;
                int b = Math.floorMod((int) Math.floor(a / (2 * Math.PI) * bins), bins);
                double theta = (b + 0.5) * 2 * Math.PI / bins;
                double hit = rayHit(s, Math.cos(theta), Math.sin(theta));
                if (hit < r[b]) {
                    r[b] = hit;
                }
            }
        }
        return r;
    }

    /** Distance along the ray from the origin in direction (cx, cy) to the segment, +inf if it misses. */
    static double rayHit(double[] s, double cx, double cy) {
        double ex = s[2] - s[0], ey = s[3] - s[1];
        double den = cx * ey - cy * ex;
        if (Math.abs(den) < 1e-15) {
            return Double.POSITIVE_INFINITY;
        }
        double t = (s[0] * ey - s[1] * ex) / den;
        double u = (s[0] * cy - s[1] * cx) / den;
        return t > 0 && u >= -1e-9 && u <= 1 + 1e-9 ? t : Double.POSITIVE_INFINITY;
    }
}
