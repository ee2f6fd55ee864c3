package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A small synthetic lumbar-like vertebra on a 0.5 mm grid with known answers, for planning tests:
 * a cylindrical body (radius 18, z in +-12) at the origin with a cortical shell, a spinal canal of
 * radius 8 at (0, 28), pedicles of radius 4 around the line PEDICLE_CENTRE -> TARGET and its mirror,
 * a lamina behind the canal that closes the ring, soft tissue (40 HU) and the back skin at y = 55
 * with air above it (prone: posterior is up).
 */
final class SyntheticVertebra {

    static final Vec3 PEDICLE_CENTRE = new Vec3(12.5, 26, 0);   // patient-left pedicle
    static final Vec3 TARGET = new Vec3(4, -8, 0);               // anterior third of the body
    static final double CANAL_RADIUS = 8;
    static final double SKIN_Y = 55;

    private static Volume ct;

    private SyntheticVertebra() {
    }

    static int hu(Vec3 p) {
        if (p.y() > SKIN_Y) {
            return -1000;
        }
        double rBody = Math.hypot(p.x(), p.y());
        if (Math.abs(p.z()) <= 12 && rBody <= 18) {
            return (rBody > 16.5 || Math.abs(p.z()) > 10.5) ? 800 : 150;
        }
        if (Math.hypot(p.x(), p.y() - 28) <= CANAL_RADIUS) {
            return 20;
        }
        Vec3 mirrored = new Vec3(Math.abs(p.x()), p.y(), p.z());
        Vec3 d = TARGET.minus(PEDICLE_CENTRE).normalized();
        Vec3 rel = mirrored.minus(PEDICLE_CENTRE);
        double along = rel.dot(d);
        double radial = rel.minus(d.times(along)).norm();
        if (p.y() >= 10 && p.y() <= 40 && radial <= 4 && Math.abs(p.z()) <= 6) {
            return radial > 2.5 ? 800 : 150;
        }
        if (p.y() >= 36 && p.y() <= 44 && Math.abs(p.x()) <= 21 && Math.abs(p.z()) <= 6) {
            return Math.abs(p.x()) > 19.5 || p.y() > 42.5 || p.y() < 37.5 ? 800 : 150; // lamina
        }
        return 40;
    }

    /** The CT, built once (x -40..40, y -30..60, z -20..20 mm). */
    static synchronized Volume ct() {
        if (ct == null) {
            int nx = 160, ny = 180, nz = 80;
            Vec3 origin = new Vec3(-40, -30, -20);
            short[] v = new short[nx * ny * nz];
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        v[i + nx * (j + ny * k)] = (short) hu(origin.plus(new Vec3(i * 0.5, j * 0.5, k * 0.5)));
                    }
                }
            }
            ct = Volume.axisAligned(nx, ny, nz, v, origin, 0.5, 0.5, 0.5);
        }
        return ct;
    }
}
