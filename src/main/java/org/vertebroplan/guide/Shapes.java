package org.vertebroplan.guide;

import java.util.List;
import org.vertebroplan.geom.Vec3;

/** Signed-distance helpers for the guide's implicit solids: positive inside, in mm. */
final class Shapes {

    private Shapes() {
    }

    /** Polynomial smooth minimum: rounds the intersection edge over about {@code k} mm. */
    static double smoothMin(double a, double b, double k) {
        double h = Math.max(k - Math.abs(a - b), 0) / k;
        return Math.min(a, b) - h * h * k / 4;
    }

    /** Signed distance to an axis-aligned rectangle of half sizes (hx, hy) centred at the origin. */
    static double box2d(double x, double y, double hx, double hy) {
        double dx = Math.abs(x) - hx, dy = Math.abs(y) - hy;
        double outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
        double inside = Math.min(Math.max(dx, dy), 0);
        return -(outside + inside);
    }

    /**
     * Signed distance to a convex polygon (counter-clockwise vertices in (x, y) = (Vec3.x, Vec3.y)):
     * positive inside.
     */
    static double convexPolygon(List<Vec3> ccw, double x, double y) {
        int n = ccw.size();
        double best = Double.MAX_VALUE;
        boolean inside = true;
        for (int i = 0; i < n; i++) {
            Vec3 a = ccw.get(i), b = ccw.get((i + 1) % n);
            double ex = b.x() - a.x(), ey = b.y() - a.y();
            double px = x - a.x(), py = y - a.y();
            double len2 = ex * ex + ey * ey;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * ex + py * ey) / len2));
            best = Math.min(best, Math.hypot(px - t * ex, py - t * ey));
            if (ex * py - ey * px < 0) {
                inside = false;
            }
        }
        return inside ? best : -best;
    }

    /** Convex hull (counter-clockwise, Andrew's monotone chain) of points given in (x, y). */
    static List<Vec3> convexHull(List<Vec3> points) {
        List<Vec3> p = new java.util.ArrayList<>(points);
        p.sort((u, v) -> u.x() != v.x() ? Double.compare(u.x(), v.x()) : Double.compare(u.y(), v.y()));
        int n = p.size();
        if (n < 3) {
            return p;
        }
        Vec3[] hull = new Vec3[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p.get(i)) <= 0) {
                k--;
            }
            hull[k++] = p.get(i);
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p.get(i)) <= 0) {
                k--;
            }
            hull[k++] = p.get(i);
        }
        return List.of(java.util.Arrays.copyOf(hull, k - 1));
    }

    private static double cross(Vec3 o, Vec3 a, Vec3 b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }
}
