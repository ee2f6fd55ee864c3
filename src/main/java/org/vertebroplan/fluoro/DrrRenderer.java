package org.vertebroplan.fluoro;

import java.util.List;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;

/**
 * Simulated C-arm shots (digitally reconstructed radiographs) of a CT, with planned needles: a cone
 * beam from the {@link CArm}'s point source to every pixel centre of its flat detector.
 *
 * <p>The patient: the line integral of the CT's {@link Attenuation} along each pixel's ray, by
 * Joseph's method (one bilinear sample on every voxel plane the ray crosses along its driving axis),
 * computed plane by plane on all threads ({@link ShearWarp}); {@link Attenuation#lineIntegral} is the
 * same method ray by ray. The needles: steel rods, the chord each pixel's ray cuts through a needle's
 * cylinder times {@link #MU_STEEL}, exact, over the pixels the needle's shadow can cover. Nothing is
 * allocated per ray or per sample.
 *
 * <p>Limits: monoenergetic attenuation (no beam hardening), no scatter, an ideal detector; the
 * patient table is projected as far as the CT shows it; the patient lies between the source and the
 * detector.
 */
public final class DrrRenderer {

    /** Linear attenuation of stainless steel near 70 keV, per mm. */
    public static final double MU_STEEL = 0.9;

    private DrrRenderer() {
    }

    /** One shot of the attenuation {@code mu} through the C-arm {@code carm}, with needles. */
    public static DrrImage render(Attenuation mu, CArm carm, List<Needle> needles, int threads) {
        float[] tissue = ShearWarp.project(mu, carm, threads);
        float[] steel = new float[tissue.length];
        for (Needle needle : needles) {
            addNeedle(carm, needle, steel, threads);
        }
        return new DrrImage(carm, tissue, steel);
    }

    /**
     * Adds MU_STEEL times the chord of every pixel's ray through the needle, over the pixels its
     * shadow can cover (the box of its projected ends, widened by its magnified radius).
     */
    private static void addNeedle(CArm carm, Needle needle, float[] steel, int threads) {
        int n = carm.sizePx();
        double[] a = carm.project(needle.entryLps()), b = carm.project(needle.targetLps());
        int c0 = 0, c1 = n - 1, r0 = 0, r1 = n - 1;
        if (a != null && b != null) {
            Vec3 s = carm.sourceLps();
            double along = Math.min(needle.entryLps().minus(s).dot(carm.beam()), needle.targetLps().minus(s).dot(carm.beam()));
            double radiusPx = needle.diameterMm() / 2 * carm.sourceDetectorMm() / along / carm.pixelMm() + 2;
            c0 = Math.max(0, (int) Math.floor(Math.min(a[0], b[0]) - radiusPx));
            c1 = Math.min(n - 1, (int) Math.ceil(Math.max(a[0], b[0]) + radiusPx));
            r0 = Math.max(0, (int) Math.floor(Math.min(a[1], b[1]) - radiusPx));
            r1 = Math.min(n - 1, (int) Math.ceil(Math.max(a[1], b[1]) + radiusPx));
        }
        if (c0 > c1 || r0 > r1) {
            return;
        }
        Vec3 source = carm.sourceLps();
        int first = r0, cFirst = c0, cLast = c1;
        Parallel.forEach(threads, r1 - r0 + 1, k -> {
            int r = first + k;
            for (int c = cFirst; c <= cLast; c++) {
                Vec3 u = carm.pixelLps(c, r).minus(source).normalized();
                steel[c + n * r] += (float) (MU_STEEL * chord(source, u, needle));
            }
        });
    }

    /** Length of the line {@code p + t * d} (unit d) inside the needle's cylinder (finite, flat ends). */
    static double chord(Vec3 p, Vec3 d, Needle n) {
        Vec3 a = n.entryLps(), b = n.targetLps();
        Vec3 axis = b.minus(a);
        double len = axis.norm();
        Vec3 w = axis.times(1 / len);
        double r = n.diameterMm() / 2;
        // components perpendicular to the needle axis
        Vec3 dp = d.minus(w.times(d.dot(w)));
        Vec3 pa = p.minus(a);
        Vec3 q = pa.minus(w.times(pa.dot(w)));
        double qa = dp.dot(dp), qb = 2 * q.dot(dp), qc = q.dot(q) - r * r;
        double t0, t1;
        if (qa < 1e-12) {
            if (qc > 0) {
                return 0;
            }
            t0 = -Double.MAX_VALUE;
            t1 = Double.MAX_VALUE;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc <= 0) {
                return 0;
            }
            double sq = Math.sqrt(disc);
            t0 = (-qb - sq) / (2 * qa);
            t1 = (-qb + sq) / (2 * qa);
        }
        // clip to the slab 0 <= (x - a).w <= len
        double s0 = pa.dot(w), ds = d.dot(w);
        if (Math.abs(ds) < 1e-12) {
            if (s0 < 0 || s0 > len) {
                return 0;
            }
        } else {
            double ta = (0 - s0) / ds, tb = (len - s0) / ds;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        return Math.max(0, t1 - t0);
    }
}
