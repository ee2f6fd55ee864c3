package org.vertebroplan.fluoro;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A CT's linear attenuation for simulated X-rays, computed once per volume and shared by every shot:
 * mu = {@value #MU_WATER_TEXT}/mm x (1 + HU / 1000) (water near 70 keV; air 0), and 0 at or below
 * {@value #AIR_HU} HU (air and the noise around it attenuate nothing, so the projector can skip it).
 *
 * <p>Stored as 16-bit counts of {@link #MU_PER_COUNT} (count = HU + 1000 above {@value #AIR_HU} HU,
 * else 0: exact, and half the memory of floats) with one voxel of zero all round, so a projector
 * interpolates anywhere inside without a bounds test: the attenuation is the trilinear interpolant of
 * the voxel values with zeros beyond the CT. Two layouts: the CT's own (i fastest), and on first
 * demand a copy with j fastest for projections that march along i. For every row of each layout the
 * first and last non-zero voxel are kept, so empty stretches are never read.
 */
public final class Attenuation {

    /** Linear attenuation of water near 70 keV, per mm. */
    public static final double MU_WATER = 0.019;
    static final String MU_WATER_TEXT = "0.019";
    /** At or below this HU a voxel attenuates nothing. */
    public static final int AIR_HU = -950;
    /** mu per mm of one count. */
    static final double MU_PER_COUNT = MU_WATER / 1000;

    /** Padded dimensions (the CT's plus 2). */
    final int nx;
    final int ny;
    final int nz;
    /** Counts at padded (i, j, k), stored at i + nx * (j + ny * k). */
    final char[] counts;
    /** Per row (j, k) of {@link #counts}, at j + ny * k: the first and last i with a non-zero count (lo > hi: none). */
    final int[] rowLo;
    final int[] rowHi;
    /** LPS to padded voxel coordinates (the CT's voxel coordinates plus one). */
    final Affine3 lpsToPadded;
    /** Padded voxel coordinates to LPS. */
    final Affine3 paddedToLps;
    private final int threads;
    private volatile Transposed transposed;

    /** The copy with j fastest: (i, j, k) at j + ny * (k + nz * i); rows (k, i) at k + nz * i. */
    record Transposed(char[] counts, int[] rowLo, int[] rowHi) {
    }

    private Attenuation(Volume v, int threads) {
        this.threads = threads;
        nx = v.nx() + 2;
        ny = v.ny() + 2;
        nz = v.nz() + 2;
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("volume too large for the projector: " + v.nx() + "x" + v.ny() + "x"
                + v.nz());
        }
        counts = new char[(int) n];
        rowLo = new int[ny * nz];
        rowHi = new int[ny * nz];
        java.util.Arrays.fill(rowLo, nx);
        java.util.Arrays.fill(rowHi, -1);
        short[] hu = v.voxels();
        int sx = v.nx(), sy = v.ny();
        Parallel.forEach(threads, v.nz(), k -> {
            for (int j = 0; j < sy; j++) {
                int src = sx * (j + sy * k);
                int row = (j + 1) + ny * (k + 1);
                int dst = nx * row;
                int lo = nx, hi = -1;
                for (int i = 0; i < sx; i++) {
                    char c = count(hu[src + i]);
                    counts[dst + i + 1] = c;
                    if (c != 0) {
                        lo = Math.min(lo, i + 1);
                        hi = i + 1;
                    }
                }
                rowLo[row] = lo;
                rowHi[row] = hi;
            }
        });
        Affine3 shift = Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, new Vec3(-1, -1, -1));
        paddedToLps = v.ijkToLps().compose(shift);
        lpsToPadded = paddedToLps.inverse();
    }

    /** Attenuation of a CT, computed on {@code threads} threads (the j-fastest copy later uses as many). */
    public static Attenuation of(Volume v, int threads) {
        return new Attenuation(v, Math.max(1, threads));
    }

    /** mu per mm for a HU value (see the class comment). */
    public static double muOf(double hu) {
        return hu <= AIR_HU ? 0 : MU_WATER * (1 + hu / 1000);
    }

    private static char count(short hu) {
        return hu <= AIR_HU ? 0 : (char) (hu + 1000);
    }

    /** The copy with j fastest, made on first use. */
    Transposed transposed() {
        Transposed t = transposed;
        if (t == null) {
            synchronized (this) {
                t = transposed;
                if (t == null) {
                    t = transpose();
                    transposed = t;
                }
            }
        }
        return t;
    }

    private Transposed transpose() {
        char[] out = new char[counts.length];
        int[] lo = new int[nz * nx];
        int[] hi = new int[nz * nx];
        Parallel.forEach(threads, nx, i -> {
            for (int k = 0; k < nz; k++) {
                int row = k + nz * i;
                int dst = ny * row;
                int first = ny, last = -1;
                for (int j = 0; j < ny; j++) {
                    char c = counts[i + nx * (j + ny * k)];
                    out[dst + j] = c;
                    if (c != 0) {
                        first = Math.min(first, j);
                        last = j;
                    }
                }
                lo[row] = first;
                hi[row] = last;
            }
        });
        return new Transposed(out, lo, hi);
    }

    /** mu per mm at padded voxel (i, j, k). */
    double muAt(int i, int j, int k) {
        return counts[i + nx * (j + ny * k)] * MU_PER_COUNT;
    }

    /**
     * The line integral of mu (dimensionless) along the segment between two LPS points, by Joseph's
     * method ray by ray: one bilinear sample on every voxel plane the segment crosses along its
     * driving axis. The exact reference for the fast projector; slow for whole images.
     */
    public double lineIntegral(Vec3 fromLps, Vec3 toLps) {
        Vec3 s = lpsToPadded.apply(fromLps);
        Vec3 e = lpsToPadded.apply(toLps);
        double[] p0 = {s.x(), s.y(), s.z()};
        double[] r = {e.x() - s.x(), e.y() - s.y(), e.z() - s.z()};
        int d = Math.abs(r[1]) > Math.abs(r[0]) ? 1 : 0;
        if (Math.abs(r[2]) > Math.abs(r[d])) {
            d = 2;
        }
        if (r[d] == 0) {
            return 0;
        }
        int a = d == 0 ? 1 : 0, b = d == 2 ? 1 : 2;
        int[] dims = {nx, ny, nz};
        int[] strides = {1, nx, nx * ny};
        // on plane p (index along d) the minor coordinates are alpha + beta * p
        double betaA = r[a] / r[d], betaB = r[b] / r[d];
        double alphaA = p0[a] - p0[d] * betaA, alphaB = p0[b] - p0[d] * betaB;
        double[] range = {Math.max(1, Math.min(p0[d], p0[d] + r[d])), Math.min(dims[d] - 2, Math.max(p0[d], p0[d] + r[d]))};
        clip(range, alphaA, betaA, dims[a] - 1 - 1e-9);
        clip(range, alphaB, betaB, dims[b] - 1 - 1e-9);
        double sum = 0;
        for (int p = (int) Math.ceil(range[0]); p <= range[1]; p++) {
            double xa = alphaA + betaA * p, xb = alphaB + betaB * p;
            int ia = (int) xa, ib = (int) xb;
            double fa = xa - ia, fb = xb - ib;
            int q = p * strides[d] + ia * strides[a] + ib * strides[b];
            double near = counts[q] + fa * (counts[q + strides[a]] - counts[q]);
            double far = counts[q + strides[b]] + fa * (counts[q + strides[a] + strides[b]] - counts[q + strides[b]]);
            sum += near + fb * (far - near);
        }
        double lengthMm = fromLps.distance(toLps);
        return sum * MU_PER_COUNT * lengthMm / Math.abs(r[d]);
    }

    /** Narrows {@code range} (of p) to where 0 <= alpha + beta * p <= max. */
    private static void clip(double[] range, double alpha, double beta, double max) {
        if (beta == 0) {
            if (alpha < 0 || alpha > max) {
                range[1] = range[0] - 1;
            }
            return;
        }
        double p0 = -alpha / beta, p1 = (max - alpha) / beta;
        range[0] = Math.max(range[0], Math.min(p0, p1));
        range[1] = Math.min(range[1], Math.max(p0, p1));
    }
}
