package org.vertebroplan.phantom;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.vertebroplan.volume.Volume;

/**
 * Samples the {@link PhantomModel} on a {@link PhantomGrid} into a {@link Volume} (axis-aligned LPS
 * grid) and adds seeded Gaussian noise wherever the noise-free value is not pure air, so the air around
 * the body stays exactly -1000 HU (and compresses well).
 *
 * <p>How: one evaluation of the analytic model per voxel centre, with surfaces blurred over one voxel
 * (partial volume); noise by the Box-Muller transform from a {@link SplittableRandom} seeded per slice
 * from the seed, so the result does not depend on thread scheduling or the JDK's Gaussian algorithm.
 *
 * <p>Limits: white noise (real CT noise is correlated), no beam hardening or metal streaks.
 */
public final class PhantomVolume {

    private PhantomVolume() {
    }

    public static Volume sample(PhantomGrid g, long seed, double noiseSigmaHu) {
        PhantomModel model = new PhantomModel(g.meanSpacing());
        short[] hu = new short[Math.multiplyExact(Math.multiplyExact(g.nx(), g.ny()), g.nz())];
        IntStream.range(0, g.nz()).parallel().forEach(c -> {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
            double w = g.originLps().z() + c * g.dz() - PhantomAnatomy.CENTRE_LPS.z();
            int base = c * g.nx() * g.ny();
            for (int b = 0; b < g.ny(); b++) {
                double v = g.originLps().y() + b * g.dy() - PhantomAnatomy.CENTRE_LPS.y();
                for (int a = 0; a < g.nx(); a++) {
                    double u = g.originLps().x() + a * g.dx() - PhantomAnatomy.CENTRE_LPS.x();
                    double value = model.huLocal(u, v, w);
                    if (value != PhantomTissue.AIR.hu() && noiseSigmaHu > 0) {
                        value += noiseSigmaHu * gaussian(rnd);
                    }
                    hu[base + a + g.nx() * b] = (short) Math.max(-1024, Math.min(Short.MAX_VALUE, Math.round(value)));
                }
            }
        });
        return Volume.axisAligned(g.nx(), g.ny(), g.nz(), hu, g.originLps(), g.dx(), g.dy(), g.dz());
    }

    /** A standard normal deviate (Box-Muller, one of the pair). */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
