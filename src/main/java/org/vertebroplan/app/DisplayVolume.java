package org.vertebroplan.app;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A coarser copy of a CT for display surfaces that need no fine detail (the semi-transparent skin).
 *
 * <p>How: each axis gets an integer factor so that its spacing becomes nearest to the
 * spacing asked for; every output voxel is the mean HU of its block of input voxels (a partial
 * block at the far border averages what it has). The new {@code ijkToLps} scales the columns by the
 * factors and moves the origin to the centre of the first block, so the coarse volume lies exactly
 * where the fine one does. Extracting the skin from it gives about factor^2 fewer triangles, which is
 * much faster than decimating the full-resolution surface.
 *
 * <p>{@link #open} then removes structures thinner than about three coarse voxels (a grey-level
 * opening: the minimum over a 3 x 3 x 3 block, then the maximum), so that a thin couch plate the
 * patient lies on does not join the skin surface.
 *
 * <p>Limits: a box filter; edges move by up to half a coarse voxel, fine for a context surface,
 * not for measurements (planning and safety always use the full volume). The opening also removes
 * thin parts of the body itself (fingers, ear rims) and does not separate thick couches.
 */
final class DisplayVolume {

    private DisplayVolume() {
    }

    /** The per-axis integer factors that bring each spacing nearest to {@code spacingMm} (never below 1). */
    static int[] factors(Volume v, double spacingMm) {
        double[] s = v.spacingMm();
        int[] f = new int[3];
        for (int a = 0; a < 3; a++) {
            f[a] = Math.max(1, (int) Math.round(spacingMm / s[a]));
        }
        return f;
    }

    /** Grey-level opening with a 3 x 3 x 3 cube: min filter, then max filter (separable passes). */
    static Volume open(Volume v) {
        short[] a = v.voxels().clone();
        for (boolean max : new boolean[] {false, true}) {
            for (int axis = 0; axis < 3; axis++) {
                a = pass(a, v.nx(), v.ny(), v.nz(), axis, max);
            }
        }
        return new Volume(v.nx(), v.ny(), v.nz(), a, v.ijkToLps());
    }

    /** One 1D min or max over three neighbours along an axis (the border repeats its edge voxel); slices on all cores. */
    private static short[] pass(short[] in, int nx, int ny, int nz, int axis, boolean max) {
        short[] out = new short[in.length];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int n = axis == 0 ? nx : axis == 1 ? ny : nz;
        Parallel.forEach(Parallel.defaultThreads(), nz, k -> {
            for (int j = 0; j < ny; j++) {
                int row = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    int idx = row + i;
                    int pos = axis == 0 ? i : axis == 1 ? j : k;
                    short c = in[idx];
                    short lo = pos > 0 ? in[idx - stride] : c;
                    short hi = pos < n - 1 ? in[idx + stride] : c;
                    out[idx] = max ? (short) Math.max(c, Math.max(lo, hi)) : (short) Math.min(c, Math.min(lo, hi));
                }
            }
        });
        return out;
    }

    /**
     * The block-mean copy (the input itself when every factor is 1). Output slices are computed on all
     * cores, reading the CT array directly (a 512 x 512 x 300 CT in about 0.1 s).
     */
    static Volume downsample(Volume v, double minSpacingMm) {
        int[] f = factors(v, minSpacingMm);
        if (f[0] == 1 && f[1] == 1 && f[2] == 1) {
            return v;
        }
        int nx = (v.nx() + f[0] - 1) / f[0];
        int ny = (v.ny() + f[1] - 1) / f[1];
        int nz = (v.nz() + f[2] - 1) / f[2];
        short[] out = new short[nx * ny * nz];
        short[] in = v.voxels();
        int fnx = v.nx();
        int plane = v.nx() * v.ny();
        int fx = f[0];
        int full = fnx / fx; // output columns whose block is complete along i
        Parallel.forEach(Parallel.defaultThreads(), nz, k -> {
            int[] sum = new int[nx]; // at most 8 x 32768 per voxel for the usual factors: an int is enough
            int k0 = k * f[2];
            int k1 = Math.min(v.nz(), k0 + f[2]);
            for (int j = 0; j < ny; j++) {
                java.util.Arrays.fill(sum, 0);
                int j0 = j * f[1];
                int j1 = Math.min(v.ny(), j0 + f[1]);
                for (int kk = k0; kk < k1; kk++) {
                    for (int jj = j0; jj < j1; jj++) {
                        int row = kk * plane + jj * fnx;
                        if (fx == 2) {
                            for (int i = 0, ii = row; i < full; i++, ii += 2) {
                                sum[i] += in[ii] + in[ii + 1];
                            }
                        } else {
                            for (int i = 0, ii = row; i < full; i++) {
                                int block = 0;
                                for (int t = 0; t < fx; t++, ii++) {
                                    block += in[ii];
                                }
                                sum[i] += block;
                            }
                        }
                        for (int ii = full * fx; ii < fnx; ii++) { // a partial block at the far border
                            sum[full] += in[row + ii];
                        }
                    }
                }
                int rows = (k1 - k0) * (j1 - j0);
                int o = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    int count = rows * (i < full ? fx : fnx - full * fx);
                    out[o + i] = (short) Math.round((double) sum[i] / count);
                }
            }
        });
        Affine3 m = v.ijkToLps();
        Vec3 origin = v.lpsOf((f[0] - 1) / 2.0, (f[1] - 1) / 2.0, (f[2] - 1) / 2.0);
        Affine3 coarse = Affine3.fromColumns(m.column(0).times(f[0]), m.column(1).times(f[1]),
            m.column(2).times(f[2]), origin);
        return new Volume(nx, ny, nz, out, coarse);
    }

    /**
     * The body in a coarse CT: its tissue and the air inside it (lungs, airways, bowel gas), without what lies
     * apart from it (a couch, a blanket), even when it touches the body.
     *
     * <p>How: the outside air is the air (below {@code airHu}) 6-connected to the side faces of {@code raw}
     * (the faces of the two axes that are not the cranio-caudal one: lungs reach the cranial and caudal faces
     * of a scan, never its sides; the raw volume keeps thin walls between lung and outside). The body's core is
     * the 6-connected region around the centre of the voxels that are solid in {@code opened} (a thin couch
     * plate is gone there) or air that is not outside; a centre in outside air takes the largest such region.
     * The body is the core and every voxel within one voxel of it that is not outside air, which gives back
     * the tissue the opening took off the core's surface.
     *
     * <p>Limits: a reconstruction circle that cuts through the lungs joins them to the outside air.
     */
    static boolean[] body(Volume raw, Volume opened, double airHu) {
        int nx = raw.nx(), ny = raw.ny(), nz = raw.nz();
        short[] hu = raw.voxels();
        short[] open = opened.voxels();
        byte[] state = new byte[hu.length]; // 0 unvisited, OUTSIDE, BODY, OTHER
        IntStack stack = new IntStack();
        int longitudinal = raw.longitudinalAxis();
        int[] dims = {nx, ny, nz};
        int[] step = {1, nx, nx * ny};
        for (int a = 0; a < 3; a++) {
            if (a == longitudinal) {
                continue;
            }
            int b = (a + 1) % 3, c = (a + 2) % 3;
            for (int face : new int[] {0, dims[a] - 1}) {
                for (int y = 0; y < dims[b]; y++) {
                    for (int z = 0; z < dims[c]; z++) {
                        int idx = face * step[a] + y * step[b] + z * step[c];
                        if (state[idx] == 0 && hu[idx] < airHu) {
                            state[idx] = OUTSIDE;
                            stack.push(idx);
                        }
                    }
                }
            }
        }
        flood(stack, state, nx, ny, nz, hu, null, airHu, OUTSIDE);
        // the core: solid once opened, or air inside (state 0 here means not outside)
        int centre = nx / 2 + nx * (ny / 2 + ny * (nz / 2));
        int seed = state[centre] == 0 && (open[centre] >= airHu || hu[centre] < airHu) ? centre : -1;
        if (seed < 0) {
            int bestSize = 0;
            for (int start = 0; start < hu.length; start++) {
                if (state[start] == 0 && (open[start] >= airHu || hu[start] < airHu)) {
                    state[start] = OTHER;
                    stack.push(start);
                    int size = flood(stack, state, nx, ny, nz, hu, open, airHu, OTHER);
                    if (size > bestSize) {
                        bestSize = size;
                        seed = start;
                    }
                }
            }
            for (int n = 0; n < state.length; n++) {
                state[n] = state[n] == OTHER ? 0 : state[n];
            }
        }
        boolean[] body = new boolean[hu.length];
        if (seed < 0) {
            return body;
        }
        state[seed] = BODY;
        stack.push(seed);
        flood(stack, state, nx, ny, nz, hu, open, airHu, BODY);
        int plane = nx * ny;
        for (int n = 0; n < body.length; n++) {
            if (state[n] == BODY) {
                body[n] = true;
                continue;
            }
            if (state[n] == OUTSIDE) {
                continue;
            }
            int k = n / plane;
            int j = (n - k * plane) / nx;
            int i = n - k * plane - j * nx;
            body[n] = (i > 0 && state[n - 1] == BODY) || (i < nx - 1 && state[n + 1] == BODY)
                || (j > 0 && state[n - nx] == BODY) || (j < ny - 1 && state[n + nx] == BODY)
                || (k > 0 && state[n - plane] == BODY) || (k < nz - 1 && state[n + plane] == BODY);
        }
        return body;
    }

    private static final byte OUTSIDE = 1;
    private static final byte BODY = 2;
    private static final byte OTHER = 3;

    /**
     * Grows the region of the stacked voxels over unvisited 6-neighbours: outside air when {@code open} is null
     * (below {@code airHu} in {@code hu}), else the body's core (at least {@code airHu} in {@code open}, or
     * below it in {@code hu}); returns the region's size. One loop for both keeps the test inlined.
     */
    private static int flood(IntStack stack, byte[] state, int nx, int ny, int nz, short[] hu, short[] open,
                             double airHu, byte value) {
        int size = stack.size();
        int plane = nx * ny;
        boolean core = open != null;
        while (stack.size() > 0) {
            int idx = stack.pop();
            int k = idx / plane;
            int rem = idx - k * plane;
            int j = rem / nx;
            int i = rem - j * nx;
            for (int d = 0; d < 6; d++) {
                int n;
                switch (d) {
                    case 0 -> n = i > 0 ? idx - 1 : -1;
                    case 1 -> n = i < nx - 1 ? idx + 1 : -1;
                    case 2 -> n = j > 0 ? idx - nx : -1;
                    case 3 -> n = j < ny - 1 ? idx + nx : -1;
                    case 4 -> n = k > 0 ? idx - plane : -1;
                    default -> n = k < nz - 1 ? idx + plane : -1;
                }
                if (n >= 0 && state[n] == 0 && (hu[n] < airHu || (core && open[n] >= airHu))) {
                    state[n] = value;
                    stack.push(n);
                    size++;
                }
            }
        }
        return size;
    }

    /**
     * A copy whose iso-surface at {@code airHu} is the body's outer boundary only: air inside the body is
     * set to 0 HU, anything outside it that is not air (a couch, a blanket) to -1000 HU; the voxels on
     * either side of the skin keep their values, so the surface stays where the CT puts it.
     */
    static Volume bodyOnly(Volume v, boolean[] body, double airHu) {
        short[] hu = v.voxels().clone();
        for (int n = 0; n < hu.length; n++) {
            if (body[n] && hu[n] < airHu) {
                hu[n] = 0;
            } else if (!body[n] && hu[n] >= airHu) {
                hu[n] = -1000;
            }
        }
        return new Volume(v.nx(), v.ny(), v.nz(), hu, v.ijkToLps());
    }

    /** A growable stack of ints (voxel indices) for flood fills. */
    private static final class IntStack {
        private int[] items = new int[4096];
        private int size;

        void push(int v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, 2 * size);
            }
            items[size++] = v;
        }

        int pop() {
            return items[--size];
        }

        int size() {
            return size;
        }
    }
}
