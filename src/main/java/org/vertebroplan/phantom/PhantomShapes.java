package org.vertebroplan.phantom;

/**
 * Signed distance functions (negative inside, millimetres) of the simple solids the phantom is built
 * from, and the partial-volume occupancy of a voxel from its signed distance.
 *
 * <p>How: boxes, capsules (a segment with a radius) and spheres are exact; ellipses use the first-order
 * estimate (q - 1) / |grad q| with q = |(x/a, y/b)|, which is exact on the boundary and close to it (all
 * the sampling needs, since the occupancy only looks at distances below a voxel); solids combine by max
 * (intersection) and min (union). Reference: I. Quilez, "distance functions" (well-known formulas, written
 * anew here).
 *
 * <p>Limits: ellipse distances far from the boundary are approximate (the truth file therefore gives
 * shape parameters, not distances).
 */
final class PhantomShapes {

    private PhantomShapes() {
    }

    /** Signed distance to the ellipse with centre (cx, cy) and half-axes a, b (2-D, first order). */
    static double ellipse(double x, double y, double cx, double cy, double a, double b) {
        double px = (x - cx) / a;
        double py = (y - cy) / b;
        double q = Math.sqrt(px * px + py * py);
        if (q < 1e-9) {
            return -Math.min(a, b);
        }
        double gx = px / (a * q);
        double gy = py / (b * q);
        double g = Math.sqrt(gx * gx + gy * gy);
        return Math.max((q - 1) / g, -Math.min(a, b));
    }

    /** Signed distance to the axis-aligned box [x0,x1] x [y0,y1] x [z0,z1], exact. */
    static double box(double x, double y, double z, double x0, double x1, double y0, double y1, double z0, double z1) {
        return roundedBox(x, y, z, x0, x1, y0, y1, z0, z1, 0);
    }

    /** Exact signed distance to a box whose edges are rounded with radius r (the box is the outer bound). */
    static double roundedBox(double x, double y, double z, double x0, double x1, double y0, double y1, double z0,
                             double z1, double r) {
        double qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
        double qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
        double qz = Math.abs(z - (z0 + z1) / 2) - ((z1 - z0) / 2 - r);
        double ox = Math.max(qx, 0), oy = Math.max(qy, 0), oz = Math.max(qz, 0);
        double outside = Math.sqrt(ox * ox + oy * oy + oz * oz);
        double inside = Math.min(Math.max(qx, Math.max(qy, qz)), 0);
        return outside + inside - r;
    }

    /** Exact signed distance to the capsule of radius r around the segment from a to b. */
    static double capsule(double x, double y, double z, double ax, double ay, double az, double bx, double by,
                          double bz, double r) {
        double ex = bx - ax, ey = by - ay, ez = bz - az;
        double px = x - ax, py = y - ay, pz = z - az;
        double len2 = ex * ex + ey * ey + ez * ez;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * ex + py * ey + pz * ez) / len2));
        double dx = px - t * ex, dy = py - t * ey, dz = pz - t * ez;
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - r;
    }

    /** Exact signed distance to a sphere. */
    static double sphere(double x, double y, double z, double cx, double cy, double cz, double r) {
        double dx = x - cx, dy = y - cy, dz = z - cz;
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - r;
    }

    /**
     * Fraction of a voxel of size {@code edgeMm} inside a surface at signed distance {@code sdf} from
     * its centre: a linear ramp over one voxel (the box filter of a plane); a step when edgeMm is 0.
     */
    static double occupancy(double sdf, double edgeMm) {
        if (edgeMm <= 0) {
            return sdf <= 0 ? 1 : 0;
        }
        double f = 0.5 - sdf / edgeMm;
        return f <= 0 ? 0 : f >= 1 ? 1 : f;
    }
}
