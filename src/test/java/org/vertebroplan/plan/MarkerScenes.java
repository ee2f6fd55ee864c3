package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomAnatomy;
import org.vertebroplan.phantom.PhantomGrid;
import org.vertebroplan.phantom.PhantomVolume;
import org.vertebroplan.volume.Volume;

/**
 * Test scenes for the skin-marker detector, built in memory: the phantom's back on thin or thick slices,
 * noise speckle and a streak added to any CT, beads pasted onto a CT, and a CT stored as sagittal or
 * coronal slices. Every change is seeded, so a scene is the same on every run.
 */
final class MarkerScenes {

    private MarkerScenes() {
    }

    /** The phantom's three true markers, M1..M3 cranial to caudal. */
    static List<Vec3> phantomMarkers() {
        return List.of(PhantomAnatomy.markerLps(0), PhantomAnatomy.markerLps(1), PhantomAnatomy.markerLps(2));
    }

    /**
     * The back of the phantom: 150 mm wide, from 10 mm in front of the L2 body centre to 13 mm above the
     * back skin, {@code lengthMm} long, slices of {@code dz} (the model sampled at the slice centres, edges
     * blurred over the mean voxel size: the phantom's own sampling).
     */
    static Volume phantomBack(double dz, double lengthMm, long seed) {
        return PhantomVolume.sample(backGrid(dz, lengthMm), seed, 12);
    }

    static PhantomGrid backGrid(double dz, double lengthMm) {
        return PhantomGrid.centred(200, 140, (int) Math.round(lengthMm / dz), 0.75, 0.75, dz, -10);
    }

    /**
     * The phantom's back on thick slices the way a scanner makes them: sampled on {@code dz / group}
     * slices (no noise), every {@code group} consecutive slices averaged into one (the slice integrates
     * over its thickness: partial volume along z), then 12 HU of noise. {@code shiftMm} moves the slice
     * boundaries along z, so that the beads fall at other places in their slices.
     */
    static Volume thickSlices(double dz, int group, double lengthMm, double shiftMm, long seed) {
        int nz = (int) Math.round(lengthMm / dz);
        double thin = dz / group;
        PhantomGrid g = PhantomGrid.centred(200, 140, nz * group, 0.75, 0.75, thin, -10);
        g = new PhantomGrid(g.nx(), g.ny(), g.nz(), g.dx(), g.dy(), g.dz(), g.originLps().plus(new Vec3(0, 0, shiftMm)));
        Volume fine = PhantomVolume.sample(g, seed, 0);
        int plane = g.nx() * g.ny();
        short[] out = new short[plane * nz];
        short[] in = fine.voxels();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < nz; k++) {
            for (int p = 0; p < plane; p++) {
                double sum = 0;
                for (int s = 0; s < group; s++) {
                    sum += in[p + plane * (k * group + s)];
                }
                double value = sum / group;
                if (value > -999.5) {
                    value += 12 * gaussian(rnd);
                }
                out[p + plane * k] = (short) Math.round(value);
            }
        }
        Vec3 origin = g.originLps().plus(new Vec3(0, 0, (group - 1) * thin / 2));
        return Volume.axisAligned(g.nx(), g.ny(), nz, out, origin, g.dx(), g.dy(), dz);
    }

    /** A copy of {@code v} that a test may change. */
    static Volume copy(Volume v) {
        return new Volume(v.nx(), v.ny(), v.nz(), v.voxels().clone(), v.ijkToLps());
    }

    /** Noise speckle added to a copy of a CT, and where it went. */
    record Speckled(Volume volume, List<Vec3> speckleLps, Vec3 streakCentreLps) {
    }

    /**
     * A copy of {@code v} with {@code count} speckles: single voxels and pairs of neighbouring voxels of
     * 2000-3000 HU, half in soft tissue (-150..150 HU, a third of these just under the skin) and half in
     * bone (200..1200 HU), none within 15 mm of {@code keepAway}; plus, unless {@code streak} is false, a
     * bright streak: a straight line of 2500 HU voxels 30 mm long in soft tissue under the skin.
     */
    static Speckled speckle(Volume v, long seed, int count, List<Vec3> keepAway, boolean streak) {
        return speckle(v, seed, count, keepAway, streak, p -> true);
    }

    /** As {@link #speckle(Volume, long, int, List, boolean)}, only where {@code inPatient} holds (not the couch). */
    static Speckled speckle(Volume v, long seed, int count, List<Vec3> keepAway, boolean streak,
                            java.util.function.Predicate<Vec3> inPatient) {
        Volume out = copy(v);
        short[] hu = out.voxels();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Vec3> placed = new ArrayList<>();
        int tries = 0;
        while (placed.size() < count && tries++ < 1_000_000) {
            int i = 2 + rnd.nextInt(v.nx() - 4), j = 2 + rnd.nextInt(v.ny() - 4), k = 2 + rnd.nextInt(v.nz() - 4);
            int value = v.get(i, j, k);
            boolean wantBone = placed.size() % 2 == 1;
            boolean underSkin = !wantBone && placed.size() % 6 == 0;
            if (wantBone ? value < 200 || value > 1200 : value < -150 || value > 150) {
                continue;
            }
            if (underSkin != nearAir(v, i, j, k, 3.0)) {
                continue;
            }
            Vec3 p = v.lpsOf(i, j, k);
            if (!inPatient.test(p) || keepAway.stream().anyMatch(m -> m.distance(p) < 15)
                || placed.stream().anyMatch(q -> q.distance(p) < 15)) {
                continue;
            }
            hu[v.index(i, j, k)] = (short) (2000 + rnd.nextInt(1001));
            if (rnd.nextBoolean()) {
                int axis = rnd.nextInt(3);
                hu[v.index(i + (axis == 0 ? 1 : 0), j + (axis == 1 ? 1 : 0), k + (axis == 2 ? 1 : 0))] =
                    (short) (2000 + rnd.nextInt(1001));
            }
            placed.add(p);
        }
        Vec3 streakCentre = streak ? addStreak(out, hu, rnd, keepAway, placed, inPatient) : null;
        return new Speckled(out, List.copyOf(placed), streakCentre);
    }

    /** A 30 mm line of 2500 HU in soft tissue within 10 mm of the skin, along the first voxel axis. */
    private static Vec3 addStreak(Volume v, short[] hu, SplittableRandom rnd, List<Vec3> keepAway, List<Vec3> speckle,
                                  java.util.function.Predicate<Vec3> inPatient) {
        double[] sp = v.spacingMm();
        int half = (int) Math.round(15 / sp[0]);
        for (int tries = 0; tries < 1_000_000; tries++) {
            int i = half + 1 + rnd.nextInt(v.nx() - 2 * half - 2), j = 1 + rnd.nextInt(v.ny() - 2);
            int k = 1 + rnd.nextInt(v.nz() - 2);
            Vec3 p = v.lpsOf(i, j, k);
            boolean soft = true;
            for (int d = -half; d <= half && soft; d++) {
                int value = v.get(i + d, j, k);
                soft = value > -150 && value < 150;
            }
            if (!soft || !inPatient.test(p) || !nearAir(v, i, j, k, 10) || keepAway.stream().anyMatch(m -> m.distance(p) < 30)
                || speckle.stream().anyMatch(q -> q.distance(p) < 20)) {
                continue;
            }
            for (int d = -half; d <= half; d++) {
                hu[v.index(i + d, j, k)] = 2500;
            }
            return p;
        }
        throw new IllegalStateException("no place for a streak");
    }

    /** Whether a voxel below -500 HU lies within {@code mm} of voxel (i, j, k). */
    static boolean nearAir(Volume v, int i, int j, int k, double mm) {
        double[] sp = v.spacingMm();
        int ri = (int) Math.ceil(mm / sp[0]), rj = (int) Math.ceil(mm / sp[1]), rk = (int) Math.ceil(mm / sp[2]);
        Vec3 c = v.lpsOf(i, j, k);
        for (int kk = Math.max(0, k - rk); kk <= Math.min(v.nz() - 1, k + rk); kk++) {
            for (int jj = Math.max(0, j - rj); jj <= Math.min(v.ny() - 1, j + rj); jj++) {
                for (int ii = Math.max(0, i - ri); ii <= Math.min(v.nx() - 1, i + ri); ii++) {
                    if (v.get(ii, jj, kk) < -500 && v.lpsOf(ii, jj, kk).distance(c) <= mm) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A copy of {@code v} with metal beads of {@code diameterMm} and {@code beadHu} at {@code centres}:
     * each voxel takes the bead's HU by the fraction of it inside the bead (5 x 5 x 5 sub-samples, after a
     * {@code blurMm} Gaussian blur of that fraction: the scanner's kernel), clipped at 3071 HU (12-bit CT).
     */
    static Volume withBeads(Volume v, List<Vec3> centres, double diameterMm, int beadHu, double blurMm) {
        short[] hu = v.voxels().clone();
        double[] sp = v.spacingMm();
        double r = diameterMm / 2;
        for (Vec3 c : centres) {
            Vec3 ijk = v.lpsToIjk().apply(c);
            int reach = 3;
            int ri = (int) Math.ceil((r + 3 * blurMm) / sp[0]) + reach, rj = (int) Math.ceil((r + 3 * blurMm) / sp[1]) + reach;
            int rk = (int) Math.ceil((r + 3 * blurMm) / sp[2]) + reach;
            int ci = (int) Math.round(ijk.x()), cj = (int) Math.round(ijk.y()), ck = (int) Math.round(ijk.z());
            int ni = 2 * ri + 1, nj = 2 * rj + 1, nk = 2 * rk + 1;
            double[] f = new double[ni * nj * nk];
            for (int k = 0; k < nk; k++) {
                for (int j = 0; j < nj; j++) {
                    for (int i = 0; i < ni; i++) {
                        double inside = 0;
                        for (int a = 0; a < 5; a++) {
                            for (int b = 0; b < 5; b++) {
                                for (int d = 0; d < 5; d++) {
                                    Vec3 p = v.lpsOf(ci - ri + i + (a + 0.5) / 5 - 0.5, cj - rj + j + (b + 0.5) / 5 - 0.5,
                                        ck - rk + k + (d + 0.5) / 5 - 0.5);
                                    inside += p.distance(c) <= r ? 1 : 0;
                                }
                            }
                        }
                        f[i + ni * (j + nj * k)] = inside / 125;
                    }
                }
            }
            double[] blurred = blurMm > 0 ? blur(f, ni, nj, nk, new double[] {blurMm / sp[0], blurMm / sp[1],
                blurMm / sp[2]}) : f;
            for (int k = 0; k < nk; k++) {
                for (int j = 0; j < nj; j++) {
                    for (int i = 0; i < ni; i++) {
                        int ii = ci - ri + i, jj = cj - rj + j, kk = ck - rk + k;
                        if (!v.contains(ii, jj, kk)) {
                            continue;
                        }
                        double occupancy = blurred[i + ni * (j + nj * k)];
                        int idx = v.index(ii, jj, kk);
                        // what the scanner reconstructs, clipped to the 12-bit CT range as most scanners store it
                        hu[idx] = (short) Math.min(3071, Math.round(hu[idx] + occupancy * (beadHu - hu[idx])));
                    }
                }
            }
        }
        return new Volume(v.nx(), v.ny(), v.nz(), hu, v.ijkToLps());
    }

    /**
     * Where a bead of radius {@code radiusMm} touching the skin has its centre: from {@code insideLps} (in
     * the body) straight along {@code direction} to the outermost point where the CT drops below -500 HU
     * (the skin, past any lung or bowel gas on the way), then out along the skin's normal there (the HU
     * gradient) by the radius. Null unless there is air for at least {@code airMm} beyond the skin along
     * the normal.
     */
    static Vec3 onSkin(Volume v, Vec3 insideLps, Vec3 direction, double radiusMm, double airMm) {
        Vec3 u = direction.normalized();
        Vec3 skin = null;
        boolean inAir = false;
        for (double t = 0; ; t += 0.05) {
            Vec3 p = insideLps.plusScaled(u, t);
            double value = v.sample(p, Double.NaN);
            if (Double.isNaN(value)) {
                break;
            }
            if (value < -500 && !inAir) {
                skin = p;
            }
            inAir = value < -500;
        }
        if (skin == null) {
            return null;
        }
        double h = 1.0;
        Vec3 grad = new Vec3(v.sample(skin.plus(new Vec3(h, 0, 0)), 0) - v.sample(skin.minus(new Vec3(h, 0, 0)), 0),
            v.sample(skin.plus(new Vec3(0, h, 0)), 0) - v.sample(skin.minus(new Vec3(0, h, 0)), 0),
            v.sample(skin.plus(new Vec3(0, 0, h)), 0) - v.sample(skin.minus(new Vec3(0, 0, h)), 0));
        Vec3 normal = grad.times(-1).normalized();
        for (double s = 1; s <= airMm; s += 0.25) {
            if (v.sample(skin.plusScaled(normal, s), 0) > -800) {
                return null;
            }
        }
        return skin.plusScaled(normal, radiusMm);
    }

    /** Separable Gaussian blur with sigmas in voxels (zero-padded: the occupancy is zero outside). */
    private static double[] blur(double[] f, int ni, int nj, int nk, double[] sigma) {
        int[] dims = {ni, nj, nk};
        int[] step = {1, ni, ni * nj};
        double[] cur = f;
        for (int a = 0; a < 3; a++) {
            int radius = (int) Math.ceil(3 * sigma[a]);
            double[] w = new double[2 * radius + 1];
            double sum = 0;
            for (int t = -radius; t <= radius; t++) {
                w[t + radius] = Math.exp(-t * t / (2 * sigma[a] * sigma[a]));
                sum += w[t + radius];
            }
            double[] next = new double[cur.length];
            for (int idx = 0; idx < cur.length; idx++) {
                int x = (idx / step[a]) % dims[a];
                double s = 0;
                for (int t = -radius; t <= radius; t++) {
                    int y = x + t;
                    if (y >= 0 && y < dims[a]) {
                        s += w[t + radius] * cur[idx + t * step[a]];
                    }
                }
                next[idx] = s / sum;
            }
            cur = next;
        }
        return cur;
    }

    /** How a series is stored: the slice orientation. */
    enum Storage {
        AXIAL, SAGITTAL, CORONAL
    }

    /**
     * The same CT stored as other slices: a sagittal series has rows running posterior (+y), columns
     * inferior (-z) and slices along -x (row x column); a coronal one rows to the left (+x), columns
     * inferior (-z) and slices along +y. The LPS of every voxel is unchanged. {@code v} must be axis-aligned.
     */
    static Volume stored(Volume v, Storage s) {
        if (s == Storage.AXIAL) {
            return v;
        }
        // new axis a takes the old axis old[a], flipped when flip[a]
        int[] old = s == Storage.SAGITTAL ? new int[] {1, 2, 0} : new int[] {0, 2, 1};
        boolean[] flip = s == Storage.SAGITTAL ? new boolean[] {false, true, true} : new boolean[] {false, true, false};
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] m = {n[old[0]], n[old[1]], n[old[2]]};
        short[] out = new short[v.voxels().length];
        int[] src = new int[3];
        for (int k = 0; k < m[2]; k++) {
            for (int j = 0; j < m[1]; j++) {
                for (int i = 0; i < m[0]; i++) {
                    int[] idx = {i, j, k};
                    for (int a = 0; a < 3; a++) {
                        src[old[a]] = flip[a] ? m[a] - 1 - idx[a] : idx[a];
                    }
                    out[i + m[0] * (j + m[1] * k)] = v.get(src[0], src[1], src[2]);
                }
            }
        }
        Vec3[] cols = new Vec3[3];
        int[] start = new int[3];
        for (int a = 0; a < 3; a++) {
            Vec3 c = v.ijkToLps().column(old[a]);
            cols[a] = flip[a] ? c.times(-1) : c;
            start[old[a]] = flip[a] ? m[a] - 1 : 0;
        }
        Vec3 origin = v.lpsOf(start[0], start[1], start[2]);
        return new Volume(m[0], m[1], m[2], out, Affine3.fromColumns(cols[0], cols[1], cols[2], origin));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
