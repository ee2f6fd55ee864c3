package org.vertebroplan.geom;

/**
 * An immutable 3-vector of doubles: a point or a direction, in whatever frame its name says
 * (LPS millimetres unless named otherwise, see docs/architecture.md). Pure math, no state.
 */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);
    /** Patient left (+x in LPS). */
    public static final Vec3 X = new Vec3(1, 0, 0);
    /** Patient posterior (+y in LPS). */
    public static final Vec3 Y = new Vec3(0, 1, 0);
    /** Patient superior (+z in LPS). */
    public static final Vec3 Z = new Vec3(0, 0, 1);

    public static Vec3 of(double[] a) {
        if (a == null || a.length != 3) {
            throw new IllegalArgumentException("a 3-vector needs exactly 3 numbers");
        }
        return new Vec3(a[0], a[1], a[2]);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    /** this + o * s */
    public Vec3 plusScaled(Vec3 o, double s) {
        return new Vec3(x + o.x * s, y + o.y * s, z + o.z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    public double distance(Vec3 o) {
        return minus(o).norm();
    }

    /** The unit vector in this direction; throws on a (near) zero vector. */
    public Vec3 normalized() {
        double n = norm();
        if (!(n > 1e-12)) {
            throw new ArithmeticException("cannot normalize a zero-length vector");
        }
        return new Vec3(x / n, y / n, z / n);
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    /** Linear interpolation: this at t = 0, o at t = 1. */
    public Vec3 lerp(Vec3 o, double t) {
        return new Vec3(x + (o.x - x) * t, y + (o.y - y) * t, z + (o.z - z) * t);
    }
}
