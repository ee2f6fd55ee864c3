package org.vertebroplan.geom;

import java.util.Arrays;

/**
 * An immutable affine map of 3-space, stored as the top three rows of a 4x4 matrix
 * (row-major m00..m23). Used for frame changes such as a volume's {@code ijkToLps}.
 * Name instances {@code aToB} after the frames they map between.
 */
public final class Affine3 {

    private final double[] m; // 12 values: 3 rows of (a b c | t)

    private Affine3(double[] m) {
        this.m = m;
    }

    public static final Affine3 IDENTITY = new Affine3(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});

    /**
     * The map p -> origin + c0 * p.x + c1 * p.y + c2 * p.z, i.e. the columns of the linear part are
     * c0, c1, c2 and the translation is origin.
     */
    public static Affine3 fromColumns(Vec3 c0, Vec3 c1, Vec3 c2, Vec3 origin) {
        return new Affine3(new double[] {
            c0.x(), c1.x(), c2.x(), origin.x(),
            c0.y(), c1.y(), c2.y(), origin.y(),
            c0.z(), c1.z(), c2.z(), origin.z()});
    }

    /** A copy of the 12 row-major values of the top three rows. */
    public double[] toArray() {
        return m.clone();
    }

    public static Affine3 ofRowMajor(double[] twelve) {
        if (twelve.length != 12) {
            throw new IllegalArgumentException("an affine needs 12 values");
        }
        return new Affine3(twelve.clone());
    }

    public Vec3 apply(Vec3 p) {
        return apply(p.x(), p.y(), p.z());
    }

    public Vec3 apply(double x, double y, double z) {
        return new Vec3(
            m[0] * x + m[1] * y + m[2] * z + m[3],
            m[4] * x + m[5] * y + m[6] * z + m[7],
            m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** Applies only the linear part (for directions). */
    public Vec3 applyVector(Vec3 v) {
        return new Vec3(
            m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
            m[4] * v.x() + m[5] * v.y() + m[6] * v.z(),
            m[8] * v.x() + m[9] * v.y() + m[10] * v.z());
    }

    /** Column k of the linear part (the image of the k-th unit vector). */
    public Vec3 column(int k) {
        return new Vec3(m[k], m[4 + k], m[8 + k]);
    }

    public Vec3 translation() {
        return new Vec3(m[3], m[7], m[11]);
    }

    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9])
            - m[1] * (m[4] * m[10] - m[6] * m[8])
            + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** this after other: p -> this(other(p)). */
    public Affine3 compose(Affine3 other) {
        double[] o = other.m;
        double[] r = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                double s = col == 3 ? m[row * 4 + 3] : 0;
                for (int k = 0; k < 3; k++) {
                    s += m[row * 4 + k] * o[k * 4 + col];
                }
                r[row * 4 + col] = s;
            }
        }
        return new Affine3(r);
    }

    public Affine3 inverse() {
        double det = determinant();
        if (Math.abs(det) < 1e-15) {
            throw new ArithmeticException("affine map is singular");
        }
        double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
        double[] inv = new double[12];
        inv[0] = (e * i - f * h) / det;
        inv[1] = (c * h - b * i) / det;
        inv[2] = (b * f - c * e) / det;
        inv[4] = (f * g - d * i) / det;
        inv[5] = (a * i - c * g) / det;
        inv[6] = (c * d - a * f) / det;
        inv[8] = (d * h - e * g) / det;
        inv[9] = (b * g - a * h) / det;
        inv[10] = (a * e - b * d) / det;
        for (int row = 0; row < 3; row++) {
            inv[row * 4 + 3] = -(inv[row * 4] * m[3] + inv[row * 4 + 1] * m[7] + inv[row * 4 + 2] * m[11]);
        }
        return new Affine3(inv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine3 a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Affine3" + Arrays.toString(m);
    }
}
