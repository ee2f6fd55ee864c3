package org.vertebroplan.fluoro;

import java.util.concurrent.atomic.AtomicInteger;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * The cone-beam projector behind {@link DrrRenderer}: Joseph's method (one bilinear sample on every
 * voxel plane across a ray's driving axis) computed plane by plane instead of ray by ray, after the
 * shear-warp factorisation of Lacroute and Levoy (1994).
 *
 * <p>Rays are grouped by their driving voxel axis D (usually one group). Each group's rays are
 * parameterised by where they cross a reference plane across D, on a grid (U, V) along the other two
 * voxel axes a and b. Seen from the point source, every voxel plane across D is parallel to that
 * plane, so the grid's rays meet plane d at a = alpha_d + beta_d U and b = gamma_d + delta_d V: the
 * bilinear samples of a whole plane separate into a pass along a (each needed row of the plane
 * resampled at the grid's U positions) and a pass along b (two such rows weighted into each grid row,
 * a loop the JIT vectorises). Rows that are all air are never read, stretches of air at the ends of a
 * row are skipped. The grid is cut into bands of rows that the threads take in turn; a band runs
 * through all planes while it stays in the core's cache. Finally each detector pixel takes the sum
 * of its own ray on the grid times the length its ray advances per plane (the line integral): when
 * the detector is parallel to the reference plane (AP and lateral of an axial CT) the grid points are
 * the pixels' rays themselves and the result is Joseph's per ray; otherwise the sum is interpolated
 * bilinearly between the four grid rays around the pixel's, the grid being at least as fine as the
 * pixels there.
 */
final class ShearWarp {

    /** A grid larger than this many times the image's pixels is coarsened (grazing, unusual geometry). */
    private static final int MAX_GRID_FACTOR = 8;

    private final Attenuation mu;
    private final int n;
    private final double[] source = new double[3];
    private final double[] origin = new double[3];
    private final double[] stepC = new double[3];
    private final double[] stepR = new double[3];
    private final double[] iso = new double[3];
    /** The source, pixel (0, 0) and the pixel steps in LPS (mm). */
    private final double[] sourceLps = new double[3];
    private final double[] originLps = new double[3];
    private final double[] rightLps = new double[3];
    private final double[] downLps = new double[3];
    private final Affine3 toLps;
    private final int threads;

    private ShearWarp(Attenuation mu, CArm carm, int threads) {
        this.mu = mu;
        this.n = carm.sizePx();
        this.threads = threads;
        Affine3 toVoxel = mu.lpsToPadded;
        copy(toVoxel.apply(carm.sourceLps()), source);
        copy(toVoxel.apply(carm.detectorOriginLps()), origin);
        copy(toVoxel.applyVector(carm.detectorRight().times(carm.pixelMm())), stepC);
        copy(toVoxel.applyVector(carm.detectorDown().times(carm.pixelMm())), stepR);
        copy(toVoxel.apply(carm.isoLps()), iso);
        copy(carm.sourceLps(), sourceLps);
        copy(carm.detectorOriginLps(), originLps);
        copy(carm.detectorRight().times(carm.pixelMm()), rightLps);
        copy(carm.detectorDown().times(carm.pixelMm()), downLps);
        toLps = mu.paddedToLps;
    }

    /** The line integral of mu through the patient for every pixel (c + n * r) of the C-arm's image. */
    static float[] project(Attenuation mu, CArm carm, int threads) {
        return new ShearWarp(mu, carm, threads).run();
    }

    private static void copy(Vec3 v, double[] out) {
        out[0] = v.x();
        out[1] = v.y();
        out[2] = v.z();
    }

    private float[] run() {
        float[] out = new float[n * n];
        int[] corners = {group(0, 0), group(n - 1, 0), group(0, n - 1), group(n - 1, n - 1)};
        boolean one = corners[0] == corners[1] && corners[0] == corners[2] && corners[0] == corners[3];
        if (one) {
            // the rays driven by one axis form a convex cone: the whole detector is in the corners' group
            projectGroup(corners[0], null, out);
            return out;
        }
        byte[] map = new byte[n * n];
        boolean[] present = new boolean[6];
        Parallel.forEach(threads, n, r -> {
            for (int c = 0; c < n; c++) {
                map[c + n * r] = (byte) group(c, r);
            }
        });
        for (byte g : map) {
            present[g] = true;
        }
        for (int g = 0; g < 6; g++) {
            if (present[g]) {
                projectGroup(g, map, out);
            }
        }
        return out;
    }

    /** The driving axis and direction of the ray to pixel (c, r): 2 * axis + (1 if it runs towards +axis). */
    private int group(double c, double r) {
        double x = origin[0] + c * stepC[0] + r * stepR[0] - source[0];
        double y = origin[1] + c * stepC[1] + r * stepR[1] - source[1];
        double z = origin[2] + c * stepC[2] + r * stepR[2] - source[2];
        double ax = Math.abs(x), ay = Math.abs(y), az = Math.abs(z);
        if (az > Math.max(ax, ay)) {
            return 4 + (z > 0 ? 1 : 0);
        }
        return ay > ax ? 2 + (y > 0 ? 1 : 0) : (x > 0 ? 1 : 0);
    }

    /** Source to pixel (c, r), padded voxel coordinates. */
    private double[] ray(double c, double r) {
        return new double[] {
            origin[0] + c * stepC[0] + r * stepR[0] - source[0],
            origin[1] + c * stepC[1] + r * stepR[1] - source[1],
            origin[2] + c * stepC[2] + r * stepR[2] - source[2]};
    }

    /** One group's axes, the layout that serves it and the grid on its reference plane. */
    private final class Group {
        final int axisD;
        final int axisA;
        final int axisB;
        final char[] data;
        final int[] rowLo;
        final int[] rowHi;
        final int sizeA;
        final int sizeB;
        final int sizeD;
        final int planeStride;
        final int rowStride;
        final int rowIndexPlane;
        final int rowIndexRow;
        /** The reference plane's distance from the source along D (signed, voxels). */
        final double toRef;
        double a0;
        double b0;
        double stepA;
        double stepB;
        int gridU;
        int gridV;

        Group(int g) {
            axisD = g / 2;
            switch (axisD) {
                case 0 -> { // march along i: the copy with j fastest, rows (k, i) along j
                    Attenuation.Transposed t = mu.transposed();
                    axisA = 1;
                    axisB = 2;
                    data = t.counts();
                    rowLo = t.rowLo();
                    rowHi = t.rowHi();
                    planeStride = mu.ny * mu.nz;
                    rowStride = mu.ny;
                    rowIndexPlane = mu.nz;
                    rowIndexRow = 1;
                }
                case 1 -> { // march along j: rows (j, k) along i, at j + ny * k
                    axisA = 0;
                    axisB = 2;
                    data = mu.counts;
                    rowLo = mu.rowLo;
                    rowHi = mu.rowHi;
                    planeStride = mu.nx;
                    rowStride = mu.nx * mu.ny;
                    rowIndexPlane = 1;
                    rowIndexRow = mu.ny;
                }
                default -> { // march along k: rows (j, k) along i
                    axisA = 0;
                    axisB = 1;
                    data = mu.counts;
                    rowLo = mu.rowLo;
                    rowHi = mu.rowHi;
                    planeStride = mu.nx * mu.ny;
                    rowStride = mu.nx;
                    rowIndexPlane = mu.ny;
                    rowIndexRow = 1;
                }
            }
            int[] dims = {mu.nx, mu.ny, mu.nz};
            sizeA = dims[axisA];
            sizeB = dims[axisB];
            sizeD = dims[axisD];
            double sign = g % 2 == 1 ? 1 : -1;
            toRef = sign * Math.max(Math.abs(iso[axisD] - source[axisD]), 1);
        }

        /** Where the ray to pixel (c, r) crosses the reference plane: {a, b}; null if it never does. */
        double[] crossing(double c, double r) {
            double[] ray = ray(c, r);
            double t = toRef / ray[axisD];
            if (!(t > 0)) {
                return null;
            }
            return new double[] {source[axisA] + ray[axisA] * t, source[axisB] + ray[axisB] * t};
        }

        /** mm per unit along voxel axis {@code axis}. */
        double spacing(int axis) {
            return toLps.column(axis).norm();
        }

        /** mm between two points of the reference plane given as {a, b}. */
        double distanceMm(double[] p, double[] q) {
            double[] v = new double[3];
            v[axisA] = q[0] - p[0];
            v[axisB] = q[1] - p[1];
            return toLps.applyVector(new Vec3(v[0], v[1], v[2])).norm();
        }
    }

    private void projectGroup(int g, byte[] map, float[] out) {
        Group grp = new Group(g);
        // the footprint of the group's pixels on the reference plane
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        if (map == null) {
            for (int[] c : new int[][] {{0, 0}, {n - 1, 0}, {0, n - 1}, {n - 1, n - 1}}) {
                include(box, grp.crossing(c[0], c[1]));
            }
        } else {
            int a = grp.axisA, b = grp.axisB, d = grp.axisD;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    if (map[c + n * r] == g) {
                        double t = grp.toRef / (origin[d] + c * stepC[d] + r * stepR[d] - source[d]);
                        double pa = origin[a] + c * stepC[a] + r * stepR[a] - source[a];
                        double pb = origin[b] + c * stepC[b] + r * stepR[b] - source[b];
                        box[0] = Math.min(box[0], source[a] + pa * t);
                        box[1] = Math.min(box[1], source[b] + pb * t);
                        box[2] = Math.max(box[2], source[a] + pa * t);
                        box[3] = Math.max(box[3], source[b] + pb * t);
                    }
                }
            }
        }
        if (!clipToShadow(grp, box)) {
            return;
        }
        double h = gridMm(grp);
        grp.stepA = h / grp.spacing(grp.axisA);
        grp.stepB = h / grp.spacing(grp.axisB);
        // anchor the grid on pixel (0, 0)'s ray so that, with a parallel detector, grid rays are pixel rays
        double[] anchor = grp.crossing(0, 0);
        if (anchor == null) {
            anchor = new double[] {box[0], box[1]};
        }
        grp.a0 = anchor[0] - Math.ceil((anchor[0] - box[0]) / grp.stepA) * grp.stepA - grp.stepA;
        grp.b0 = anchor[1] - Math.ceil((anchor[1] - box[1]) / grp.stepB) * grp.stepB - grp.stepB;
        grp.gridU = (int) Math.ceil((box[2] - grp.a0) / grp.stepA) + 2;
        grp.gridV = (int) Math.ceil((box[3] - grp.b0) / grp.stepB) + 2;
        float[] grid = sumPlanes(grp);
        warp(grp, grid, map, g, out);
    }

    private static void include(double[] box, double[] p) {
        if (p != null) {
            box[0] = Math.min(box[0], p[0]);
            box[1] = Math.min(box[1], p[1]);
            box[2] = Math.max(box[2], p[0]);
            box[3] = Math.max(box[3], p[1]);
        }
    }

    /**
     * Narrows the box to the volume's shadow on the reference plane (rays outside it miss the CT);
     * false when nothing is left.
     */
    private boolean clipToShadow(Group grp, double[] box) {
        if (box[0] > box[2]) {
            return false;
        }
        double[] shadow = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double sD = source[grp.axisD];
        for (double d : new double[] {1, grp.sizeD - 2}) {
            double lambda = (d - sD) / grp.toRef;
            if (!(lambda > 1e-9)) {
                return true; // the source is within the CT's extent along D: keep the footprint
            }
            for (double a : new double[] {0, grp.sizeA - 1}) {
                for (double b : new double[] {0, grp.sizeB - 1}) {
                    include(shadow, new double[] {source[grp.axisA] + (a - source[grp.axisA]) / lambda,
                        source[grp.axisB] + (b - source[grp.axisB]) / lambda});
                }
            }
        }
        box[0] = Math.max(box[0], shadow[0]);
        box[1] = Math.max(box[1], shadow[1]);
        box[2] = Math.min(box[2], shadow[2]);
        box[3] = Math.min(box[3], shadow[3]);
        return box[0] <= box[2] && box[1] <= box[3];
    }

    /**
     * The grid's spacing on the reference plane, mm: the shortest step between neighbouring pixels'
     * rays there, measured at the image's corners and centre, so the grid is nowhere coarser than the
     * pixels (with a parallel detector all steps are equal and the grid rays are the pixels' rays).
     */
    private double gridMm(Group grp) {
        double h = Double.MAX_VALUE;
        double m = n - 1;
        for (double[] p : new double[][] {{0, 0}, {m, 0}, {0, m}, {m, m}, {m / 2, m / 2}}) {
            double c = p[0], r = p[1];
            double dc = c < m ? 1 : -1, dr = r < m ? 1 : -1;
            double[] x = grp.crossing(c, r), xc = grp.crossing(c + dc, r), xr = grp.crossing(c, r + dr);
            if (x != null && xc != null && xr != null) {
                h = Math.min(h, Math.min(grp.distanceMm(x, xc), grp.distanceMm(x, xr)));
            }
        }
        if (h == Double.MAX_VALUE) {
            h = Math.min(grp.spacing(grp.axisA), grp.spacing(grp.axisB));
        }
        double area = Math.abs(grp.spacing(grp.axisA) * grp.spacing(grp.axisB)) * grp.sizeA * grp.sizeB;
        double maxCells = (double) MAX_GRID_FACTOR * n * n;
        return Math.max(h, Math.sqrt(area / maxCells));
    }

    /**
     * Sums every plane's bilinear samples into the grid. The grid is cut into bands of
     * rows (about {@value #BAND_FLOATS} floats) that the threads take in turn; a band runs through all planes while its rows
     * stay in the core's cache, resampling only the plane rows it needs.
     */
    private float[] sumPlanes(Group grp) {
        int nu = grp.gridU, nv = grp.gridV;
        double sD = source[grp.axisD];
        int first = 1, last = grp.sizeD - 2;
        if (grp.toRef > 0) {
            first = Math.max(first, (int) Math.floor(sD) + 1);
        } else {
            last = Math.min(last, (int) Math.ceil(sD) - 1);
        }
        float[] grid = new float[nu * nv];
        if (first > last) {
            return grid;
        }
        Planes planes = new Planes(grp, first, last);
        int band = Math.max(8, Math.min(64, BAND_FLOATS / nu));
        int bands = (nv + band - 1) / band;
        AtomicInteger next = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Parallel.run(Math.max(1, Math.min(threads, bands)), () -> {
            BandWorker w = new BandWorker(grp, planes, grid, band);
            for (int b = next.getAndIncrement(); b < bands; b = next.getAndIncrement()) {
                Parallel.checkCancelled(caller);
                w.band(b * band, Math.min(nv, (b + 1) * band) - 1);
            }
        });
        return grid;
    }

    /**
     * Floats of grid per band (8 to 64 rows): 128 kB, with the plane rows a band needs well inside a core's
     * L2 cache. Each band boundary resamples one plane row twice, so bands are not made smaller than that.
     */
    static final int BAND_FLOATS = 32768;

    /**
     * Per plane across D: where the grid's rays meet it (a = alpha + beta U, b = gamma + delta V), the
     * grid columns and rows inside the volume there, and per column the voxel index and fraction along a.
     */
    private final class Planes {
        final int first;
        final double[] gamma;
        final double[] delta;
        final double[] alpha;
        final double[] beta;
        final int[] u0;
        final int[] u1;
        final int[] v0;
        final int[] v1;
        final int[][] ia;
        final float[][] fa;

        Planes(Group g, int first, int last) {
            this.first = first;
            int count = last - first + 1;
            alpha = new double[count];
            beta = new double[count];
            gamma = new double[count];
            delta = new double[count];
            u0 = new int[count];
            u1 = new int[count];
            v0 = new int[count];
            v1 = new int[count];
            ia = new int[count][];
            fa = new float[count][];
            Parallel.forEach(threads, count, p -> {
                double lambda = (first + p - source[g.axisD]) / g.toRef;
                double al = source[g.axisA] + lambda * (g.a0 - source[g.axisA]), be = lambda * g.stepA;
                double ga = source[g.axisB] + lambda * (g.b0 - source[g.axisB]), de = lambda * g.stepB;
                alpha[p] = al;
                beta[p] = be;
                gamma[p] = ga;
                delta[p] = de;
                double maxA = g.sizeA - 1 - 1e-6, maxB = g.sizeB - 1 - 1e-6;
                u0[p] = Math.max(0, (int) Math.ceil(-al / be));
                u1[p] = Math.min(g.gridU - 1, (int) Math.floor((maxA - al) / be));
                v0[p] = Math.max(0, (int) Math.ceil(-ga / de));
                v1[p] = Math.min(g.gridV - 1, (int) Math.floor((maxB - ga) / de));
                if (u0[p] > u1[p] || v0[p] > v1[p]) {
                    v1[p] = v0[p] - 1;
                    return;
                }
                int[] idx = new int[g.gridU];
                float[] frac = new float[g.gridU];
                for (int u = u0[p]; u <= u1[p]; u++) {
                    double x = al + be * u;
                    int i = (int) x;
                    idx[u] = i;
                    frac[u] = (float) (x - i);
                }
                ia[p] = idx;
                fa[p] = frac;
            });
        }
    }

    /**
     * One thread's buffers: the band's grid rows (one array each, so that the inner loops index
     * the row and the accumulator alike and the JIT vectorises them) and the plane rows the band needs,
     * resampled at the grid's columns.
     */
    private final class BandWorker {
        final Group g;
        final Planes planes;
        final float[] grid;
        final float[][] acc;
        float[][] rows = new float[0][];
        final int[] rowU0;
        final int[] rowU1;

        BandWorker(Group g, Planes planes, float[] grid, int rowsPerBand) {
            this.g = g;
            this.planes = planes;
            this.grid = grid;
            acc = new float[rowsPerBand][g.gridU];
            rowU0 = new int[g.sizeB];
            rowU1 = new int[g.sizeB];
        }

        /** Adds every plane's samples to grid rows vStart..vEnd. */
        void band(int vStart, int vEnd) {
            int nu = g.gridU;
            for (int v = vStart; v <= vEnd; v++) {
                java.util.Arrays.fill(acc[v - vStart], 0);
            }
            for (int p = 0; p < planes.alpha.length; p++) {
                int vs = Math.max(vStart, planes.v0[p]), ve = Math.min(vEnd, planes.v1[p]);
                if (vs > ve) {
                    continue;
                }
                int d = planes.first + p;
                double gamma = planes.gamma[p], delta = planes.delta[p];
                int bLo = (int) (gamma + delta * vs);
                int bHi = Math.min(g.sizeB - 1, (int) (gamma + delta * ve) + 1);
                if (rows.length < bHi - bLo + 1) {
                    rows = java.util.Arrays.copyOf(rows, bHi - bLo + 1);
                }
                for (int b = bLo; b <= bHi; b++) {
                    resample(p, d, b, b - bLo);
                }
                for (int v = vs; v <= ve; v++) {
                    double y = gamma + delta * v;
                    int ib = (int) y;
                    float fb = (float) (y - ib);
                    float[] out = acc[v - vStart];
                    add(out, ib - bLo, 1 - fb);
                    if (fb > 0) {
                        add(out, ib + 1 - bLo, fb);
                    }
                }
            }
            for (int v = vStart; v <= vEnd; v++) {
                System.arraycopy(acc[v - vStart], 0, grid, v * nu, nu);
            }
        }

        /** out += w * buffered row {@code slot} over its non-air stretch. */
        private void add(float[] out, int slot, float w) {
            axpy(out, rows[slot], w, rowU0[slot], rowU1[slot] + 1);
        }

        /** Plane d's row b at the grid's columns into buffer {@code slot}, over the stretch where it is not air. */
        private void resample(int p, int d, int b, int slot) {
            int r = d * g.rowIndexPlane + b * g.rowIndexRow;
            int lo = g.rowLo[r], hi = g.rowHi[r];
            double alpha = planes.alpha[p], beta = planes.beta[p];
            // the interpolant is non-zero for lo - 1 < a < hi + 1
            int first = lo > hi ? 1 : Math.max(planes.u0[p], (int) Math.floor((lo - 1 - alpha) / beta));
            int last = lo > hi ? 0 : Math.min(planes.u1[p], (int) Math.ceil((hi + 1 - alpha) / beta));
            rowU0[slot] = first;
            rowU1[slot] = last;
            if (first > last) {
                return;
            }
            float[] row = rows[slot];
            if (row == null) {
                row = new float[g.gridU];
                rows[slot] = row;
            }
            lerpRow(g.data, d * g.planeStride + b * g.rowStride, planes.ia[p], planes.fa[p], row, first, last + 1);
        }
    }

    static void lerpRow(char[] c, int base, int[] idx, float[] f, float[] row, int from, int to) {
        for (int u = from; u < to; u++) {
            int q = base + idx[u];
            float v0 = c[q];
            row[u] = v0 + f[u] * (c[q + 1] - v0);
        }
    }

    /**
     * out[u] += w * row[u] for u in [from, to). Kept static with every operand a parameter and the
     * same index on both arrays: that is the form the JIT (JDK 17) turns into vector instructions
     * (about five times faster here than the same loop reading its bounds from fields).
     */
    static void axpy(float[] out, float[] row, float w, int from, int to) {
        for (int u = from; u < to; u++) {
            out[u] += w * row[u];
        }
    }

    /**
     * Each pixel of the group takes its ray's sum on the grid (bilinear between grid rays) times the mm
     * its own ray advances per plane and mu per count: its line integral.
     */
    private void warp(Group grp, float[] grid, byte[] map, int g, float[] out) {
        int nu = grp.gridU, nv = grp.gridV;
        int a = grp.axisA, b = grp.axisB, dAxis = grp.axisD;
        Parallel.forEach(threads, n, r -> {
            for (int c = 0; c < n; c++) {
                if (map != null && map[c + n * r] != g) {
                    continue;
                }
                double rd = origin[dAxis] + c * stepC[dAxis] + r * stepR[dAxis] - source[dAxis];
                double t = grp.toRef / rd;
                double ra = origin[a] + c * stepC[a] + r * stepR[a] - source[a];
                double rb = origin[b] + c * stepC[b] + r * stepR[b] - source[b];
                double u = (source[a] + ra * t - grp.a0) / grp.stepA;
                double v = (source[b] + rb * t - grp.b0) / grp.stepB;
                if (!(u >= 0 && v >= 0 && u <= nu - 1 && v <= nv - 1)) {
                    continue;
                }
                int iu = Math.min((int) u, nu - 2), iv = Math.min((int) v, nv - 2);
                double fu = u - iu, fv = v - iv;
                int q = iu + nu * iv;
                double top = grid[q] + fu * (grid[q + 1] - grid[q]);
                double bottom = grid[q + nu] + fu * (grid[q + nu + 1] - grid[q + nu]);
                double x = originLps[0] + c * rightLps[0] + r * downLps[0] - sourceLps[0];
                double y = originLps[1] + c * rightLps[1] + r * downLps[1] - sourceLps[1];
                double z = originLps[2] + c * rightLps[2] + r * downLps[2] - sourceLps[2];
                double mmPerPlane = Math.sqrt(x * x + y * y + z * z) / Math.abs(rd);
                out[c + n * r] = (float) ((top + fv * (bottom - top)) * mmPerPlane * Attenuation.MU_PER_COUNT);
            }
        });
    }
}
