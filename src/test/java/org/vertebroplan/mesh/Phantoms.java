package org.vertebroplan.mesh;

import java.util.function.DoubleUnaryOperator;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** Analytic test volumes: HU = 100 per mm of signed distance inside a shape, clamped to +-1000. */
final class Phantoms {

    interface Field {
        double signedDistanceMm(Vec3 lps); // positive inside
    }

    private Phantoms() {
    }

    static Volume sample(int nx, int ny, int nz, Affine3 ijkToLps, Field f) {
        short[] hu = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double d = f.signedDistanceMm(ijkToLps.apply(i, j, k));
                    hu[i + nx * (j + ny * k)] = (short) Math.max(-1000, Math.min(1000, Math.round(100 * d)));
                }
            }
        }
        return new Volume(nx, ny, nz, hu, ijkToLps);
    }

    static Field sphere(Vec3 c, double r) {
        return p -> r - p.distance(c);
    }

    static Field torus(Vec3 c, double major, double minor) {
        return p -> {
            Vec3 d = p.minus(c);
            double q = Math.hypot(d.x(), d.y()) - major;
            return minor - Math.hypot(q, d.z());
        };
    }

    static Affine3 grid(double s, Vec3 origin) {
        return Affine3.fromColumns(Vec3.X.times(s), Vec3.Y.times(s), Vec3.Z.times(s), origin);
    }

    static DoubleUnaryOperator none() {
        return x -> x;
    }
}
