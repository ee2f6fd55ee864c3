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
 * <p>The metal skin markers get simple radial streak artefacts in the slices through them
 * ({@link #markerStreaks}), so that marker detection meets the artefact it meets on real scans.
 *
 * <p>Limits: white noise (real CT noise is correlated), no beam hardening; the streaks are a pattern,
 * not a simulation of photon starvation.
 */
public final class PhantomVolume {

    private PhantomVolume() {
    }

    /** The bundled sample's anatomy (square L2) on grid {@code g}. */
    public static Volume sample(PhantomGrid g, long seed, double noiseSigmaHu) {
        return sample(PhantomLayout.DEFAULT, g, seed, noiseSigmaHu);
    }

    /** The anatomy of {@code layout} on grid {@code g}. */
    public static Volume sample(PhantomLayout layout, PhantomGrid g, long seed, double noiseSigmaHu) {
        PhantomModel model = new PhantomModel(layout, g.meanSpacing());
        double markerV = layout.level().torso().backSkinV() + PhantomAnatomy.MARKER_DIAMETER / 2;
        short[] hu = new short[Math.multiplyExact(Math.multiplyExact(g.nx(), g.ny()), g.nz())];
        IntStream.range(0, g.nz()).parallel().forEach(c -> {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
            double w = g.originLps().z() + c * g.dz() - PhantomAnatomy.CENTRE_LPS.z();
            int base = c * g.nx() * g.ny();
            for (int b = 0; b < g.ny(); b++) {
                double v = g.originLps().y() + b * g.dy() - PhantomAnatomy.CENTRE_LPS.y();
                for (int a = 0; a < g.nx(); a++) {
                    double u = g.originLps().x() + a * g.dx() - PhantomAnatomy.CENTRE_LPS.x();
                    double value = model.huLocal(u, v, w) + markerStreaks(u, v, w, markerV);
                    if (value != PhantomTissue.AIR.hu() && noiseSigmaHu > 0) {
                        value += noiseSigmaHu * gaussian(rnd);
                    }
                    hu[base + a + g.nx() * b] = (short) Math.max(-1024, Math.min(Short.MAX_VALUE, Math.round(value)));
                }
            }
        });
        return Volume.axisAligned(g.nx(), g.ny(), g.nz(), hu, g.originLps(), g.dx(), g.dy(), g.dz());
    }

    /** Peak HU of the radial metal streaks next to a skin marker. */
    public static final double STREAK_HU = 150;
    /** Fall-off length (mm) of the streaks away from the bead surface. */
    public static final double STREAK_DECAY_MM = 10;
    /** Number of bright (and as many dark) rays. */
    public static final int STREAK_RAYS = 8;

    /**
     * The metal artefact of the beads, in the slices through them: alternating bright and dark radial
     * streaks, {@code STREAK_HU cos(8 theta) exp(-(r - radius) / 10 mm)}, faded with the distance of
     * the slice from the bead centre (zero beyond 1.5 mm); nothing inside the bead. Local (u, v, w) as in
     * {@link PhantomModel}; the beads' centres are at v = {@code markerV} on the midline.
     */
    static double markerStreaks(double u, double v, double w, double markerV) {
        double du = u, dv = v - markerV;
        if (Math.abs(du) > 60 || Math.abs(dv) > 60) {
            return 0;
        }
        double r = Math.sqrt(du * du + dv * dv);
        double radius = PhantomAnatomy.MARKER_DIAMETER / 2;
        if (r <= radius) {
            return 0;
        }
        double sum = 0;
        for (double mw : PhantomAnatomy.MARKER_W) {
            double fade = 1 - Math.abs(w - mw) / 1.5;
            if (fade > 0) {
                sum += fade * STREAK_HU * Math.cos(STREAK_RAYS * Math.atan2(dv, du)) * Math.exp(-(r - radius) / STREAK_DECAY_MM);
            }
        }
        return sum;
    }

    /** A standard normal deviate (Box-Muller, one of the pair). */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
