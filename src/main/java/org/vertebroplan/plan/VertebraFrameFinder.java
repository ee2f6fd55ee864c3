package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Reslice;
import org.vertebroplan.volume.Volume;

/**
 * Measures a vertebra's own frame ({@link VertebraFrame}) from the CT around a point in or near its
 * body: the body centre, the endplate normal and the mid-sagittal plane.
 *
 * <p>How: (1) the body is found by mean shift on bone density (a Gaussian kernel of 8 mm over a
 * bone weight of the HU): from a point in the body, the canal or a pedicle it climbs to the centre of
 * the largest bone mass nearby, the vertebral body. (2) Starting square to the scanner, the CT is
 * resampled at 1 mm in the current frame and smoothed; then, repeated until the frame settles:
 * <ul>
 *   <li>endplates: along columns through the central body, walking up and down from the centre, the
 *       first strong drop of HU (dense endplate to disc) is the endplate surface; a plane is fitted to
 *       each (least squares, outliers dropped) and the superior axis is the bisector of the two
 *       normals (so an anterior wedge fracture tilts neither way);</li>
 *   <li>mid-sagittal plane: the bone of the level projected along the superior axis gives an axial
 *       image; the mirror line (angle and offset) that maps it best onto itself (largest
 *       mirror correlation, coarse-to-fine search, parabolic refinement) is the plane's trace, and its
 *       normal the left axis. Body, pedicles, canal, arch and processes (and ribs) all count;</li>
 *   <li>centre: on that plane, midway between the anterior cortex and the posterior wall, midway
 *       between the endplates.</li>
 * </ul>
 *
 * <p>Reference: symmetry-plane detection by maximising mirror correlation is the classic approach of
 * e.g. Liu, Collins and Tsin, "Robust midsagittal plane extraction", IEEE TMI 2003 (ideas only).
 *
 * <p>Limits: a vertebra fused to its neighbours (no disc to be seen) keeps the previous superior axis
 * with a warning; a severely asymmetric vertebra (hemivertebra, large tumour) gives a poor mirror
 * score, reported as a warning.
 */
public final class VertebraFrameFinder {

    /** The measured frame with how well it was measured. */
    public record Result(VertebraFrame frame, double symmetryScore, int superiorColumns, int inferiorColumns,
                         double halfHeightAboveMm, double halfHeightBelowMm, int iterations, List<String> warnings) {
    }

    /** Thrown when no vertebral body can be found near the point. */
    public static final class NoVertebraException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoVertebraException(String message) {
            super(message);
        }
    }

    static final double KERNEL_SIGMA_MM = 8;
    static final double KERNEL_REACH_MM = 20;
    private static final int HALF_X = 40, Y_FROM = -40, Y_TO = 50, HALF_Z = 32;
    private static final int COLUMN_RADIUS = 7;
    private static final int MIN_COLUMNS = 20;
    /** Half height of the window around the mean endplate height where each column's edge is sought. */
    static final double WINDOW_MM = 4;

    private VertebraFrameFinder() {
    }

    public static Result find(Volume ct, Vec3 seedLps) {
        Vec3 centre = bodyMode(ct, seedLps);
        VertebraFrame f = VertebraFrame.square(centre);
        List<String> warnings = new ArrayList<>();
        double symmetry = 0;
        int sup = 0, inf = 0, it;
        double above = 15, below = 15;
        boolean wide = true;
        for (it = 1; it <= 6; it++) {
            Grid g = Grid.of(ct, f);
            Plane[] planes = {g.endplate(+1), g.endplate(-1)};
            sup = planes[0] == null ? 0 : planes[0].count;
            inf = planes[1] == null ? 0 : planes[1].count;
            Vec3 superiorLocal = superiorOf(planes);
            double zLo = planes[1] == null ? -12 : planes[1].c;
            double zHi = planes[0] == null ? 12 : planes[0].c;
            Mirror m = g.mirror(zLo - 3, zHi + 3, wide);
            wide = false;
            symmetry = m.score;
            Vec3 leftLocal = new Vec3(Math.cos(m.theta), Math.sin(m.theta), 0);
            Vec3 centreLocal = g.centre(m, planes);
            if (planes[0] != null) {
                above = planes[0].z(centreLocal.x(), centreLocal.y()) - centreLocal.z();
            }
            if (planes[1] != null) {
                below = centreLocal.z() - planes[1].z(centreLocal.x(), centreLocal.y());
            }
            VertebraFrame next = new VertebraFrame(f.toLps(centreLocal), f.directionToLps(leftLocal),
                f.posterior(), f.directionToLps(superiorLocal));
            double turn = next.angleToDeg(f), moved = next.centreLps().distance(f.centreLps());
            f = next;
            if (turn < 0.1 && moved < 0.2) {
                break;
            }
        }
        if (sup < MIN_COLUMNS && inf < MIN_COLUMNS) {
            warnings.add("the endplates could not be measured (no disc seen above or below the body): the"
                + " vertebra's superior axis is the scanner's");
        }
        if (symmetry < 0.6) {
            warnings.add(String.format(java.util.Locale.ROOT, "the vertebra is not clearly symmetric (mirror score"
                + " %.2f): check its left-right axis", symmetry));
        }
        return new Result(f, symmetry, sup, inf, above, below, Math.min(it, 6), List.copyOf(warnings));
    }

    /** The superior axis (local) from the endplate planes: their bisector, one of them, or unchanged. */
    private static Vec3 superiorOf(Plane[] planes) {
        Vec3 s = Vec3.ZERO;
        for (Plane p : planes) {
            if (p != null && p.count >= MIN_COLUMNS) {
                s = s.plus(p.normal());
            }
        }
        return s.norm() < 1e-9 ? Vec3.Z : s.normalized();
    }

    /** Bone weight of a CT number for the mean shift and the mirror image. */
    static double boneWeight(double hu) {
        return hu <= 60 ? 0 : hu >= 160 ? 1 : (hu - 60) / 100;
    }

    /** Mean shift on bone density from the seed to the nearest mode: the body centre. */
    static Vec3 bodyMode(Volume ct, Vec3 seedLps) {
        Vec3 c = seedLps;
        double step = 2;
        int r = (int) Math.round(KERNEL_REACH_MM / step);
        double twoSigma2 = 2 * KERNEL_SIGMA_MM * KERNEL_SIGMA_MM;
        Affine3 toIjk = ct.lpsToIjk();
        for (int it = 0; it < 60; it++) {
            double sw = 0, sx = 0, sy = 0, sz = 0;
            for (int a = -r; a <= r; a++) {
                for (int b = -r; b <= r; b++) {
                    for (int d = -r; d <= r; d++) {
                        double ox = a * step, oy = b * step, oz = d * step, d2 = ox * ox + oy * oy + oz * oz;
                        if (d2 > KERNEL_REACH_MM * KERNEL_REACH_MM) {
                            continue;
                        }
                        Vec3 q = toIjk.apply(c.x() + ox, c.y() + oy, c.z() + oz);
                        double w = boneWeight(ct.sampleIjk(q.x(), q.y(), q.z(), -1000)) * Math.exp(-d2 / twoSigma2);
                        sw += w;
                        sx += w * ox;
                        sy += w * oy;
                        sz += w * oz;
                    }
                }
            }
            if (sw < 1) {
                throw new NoVertebraException("no bone within " + (int) KERNEL_REACH_MM + " mm of the point"
                    + " (" + fmt(seedLps) + "): place it in the vertebral body");
            }
            Vec3 shift = new Vec3(sx / sw, sy / sw, sz / sw);
            c = c.plus(shift);
            if (shift.norm() < 0.05) {
                break;
            }
        }
        return c;
    }

    private static String fmt(Vec3 v) {
        return String.format(java.util.Locale.ROOT, "%.1f, %.1f, %.1f", v.x(), v.y(), v.z());
    }

    /** A plane z = a x + b y + c in local mm, fitted to {@code count} columns. */
    record Plane(double a, double b, double c, int count) {
        Vec3 normal() {
            return new Vec3(-a, -b, 1).normalized();
        }

        double z(double x, double y) {
            return a * x + b * y + c;
        }
    }

    /** The best mirror line: normal (cos theta, sin theta) through (offset, 0); its score. */
    record Mirror(double theta, double offset, double score) {
    }

    /** The CT resampled at 1 mm around the current frame's centre and smoothed ([1 2 1] per axis). */
    static final class Grid {
        final int nx = 2 * HALF_X + 1, ny = Y_TO - Y_FROM + 1, nz = 2 * HALF_Z + 1;
        final float[] v;

        private Grid(float[] v) {
            this.v = v;
        }

        static Grid of(Volume ct, VertebraFrame f) {
            int nx = 2 * HALF_X + 1, ny = Y_TO - Y_FROM + 1, nz = 2 * HALF_Z + 1;
            Affine3 ijkToLocal = Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, new Vec3(-HALF_X, Y_FROM, -HALF_Z));
            short[] raw = Reslice.of(ct, nx, ny, nz, ijkToLocal, f.localToLps(), (short) -1000).voxels();
            float[] a = new float[raw.length];
            for (int p = 0; p < raw.length; p++) {
                a[p] = raw[p];
            }
            float[] b = new float[raw.length];
            smooth(a, b, nx, ny, nz, 0);
            smooth(b, a, nx, ny, nz, 1);
            smooth(a, b, nx, ny, nz, 2);
            return new Grid(b);
        }

        /** [1 2 1]/4 along one axis (0 i, 1 j, 2 k), edges clamped. */
        private static void smooth(float[] in, float[] out, int nx, int ny, int nz, int axis) {
            int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
            int len = axis == 0 ? nx : axis == 1 ? ny : nz;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    int row = nx * (j + ny * k);
                    int pos0 = axis == 1 ? j : k;
                    for (int i = 0; i < nx; i++) {
                        int p = row + i, pos = axis == 0 ? i : pos0;
                        float lo = pos > 0 ? in[p - stride] : in[p];
                        float hi = pos < len - 1 ? in[p + stride] : in[p];
                        out[p] = 0.25f * (lo + 2 * in[p] + hi);
                    }
                }
            }
        }

        float at(int x, int y, int z) {
            return v[(x + HALF_X) + nx * ((y - Y_FROM) + ny * (z + HALF_Z))];
        }

        /** Trilinear at local mm; -1000 outside. */
        double sample(double x, double y, double z) {
            double i = x + HALF_X, j = y - Y_FROM, k = z + HALF_Z;
            if (!(i >= 0 && j >= 0 && k >= 0 && i <= nx - 1 && j <= ny - 1 && k <= nz - 1)) {
                return -1000;
            }
            int i0 = Math.min((int) i, nx - 2), j0 = Math.min((int) j, ny - 2), k0 = Math.min((int) k, nz - 2);
            double fx = i - i0, fy = j - j0, fz = k - k0;
            int p = i0 + nx * (j0 + ny * k0), sy = nx, sz = nx * ny;
            double c00 = v[p] + fx * (v[p + 1] - v[p]);
            double c10 = v[p + sy] + fx * (v[p + sy + 1] - v[p + sy]);
            double c01 = v[p + sz] + fx * (v[p + sz + 1] - v[p + sz]);
            double c11 = v[p + sy + sz] + fx * (v[p + sy + sz + 1] - v[p + sy + sz]);
            double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
            return c0 + fz * (c1 - c0);
        }

        /**
         * The endplate above (dir +1) or below (-1) the centre, fitted over the central columns: the
         * mean profile of all columns locates it roughly (its first drop), then each column's steepest
         * descent within {@value #WINDOW_MM} mm of that height is its endplate surface.
         */
        Plane endplate(int dir) {
            List<double[]> columns = new ArrayList<>();
            for (int y = -COLUMN_RADIUS; y <= COLUMN_RADIUS; y++) {
                for (int x = -COLUMN_RADIUS; x <= COLUMN_RADIUS; x++) {
                    if (x * x + y * y <= COLUMN_RADIUS * COLUMN_RADIUS) {
                        double[] profile = new double[HALF_Z + 1];
                        for (int t = 0; t <= HALF_Z; t++) {
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    profile[t] += at(x + dx, y + dy, dir * t) / 9.0;
                                }
                            }
                        }
                        columns.add(new double[] {x, y});
                        columns.add(profile);
                    }
                }
            }
            double[] mean = new double[HALF_Z + 1];
            for (int c = 1; c < columns.size(); c += 2) {
                for (int t = 0; t <= HALF_Z; t++) {
                    mean[t] += columns.get(c)[t] * 2 / columns.size();
                }
            }
            double rough = Profiles.edgeBeforeValley(mean);
            if (Double.isNaN(rough)) {
                rough = Profiles.firstDrop(mean, HALF_Z - 5, 4); // no neighbour beyond: the body ends in soft tissue
            }
            if (Double.isNaN(rough)) {
                return null;
            }
            List<double[]> pts = new ArrayList<>();
            for (int c = 0; c < columns.size(); c += 2) {
                double edge = Profiles.steepestDescent(columns.get(c + 1), rough - WINDOW_MM, rough + WINDOW_MM);
                if (!Double.isNaN(edge)) {
                    pts.add(new double[] {columns.get(c)[0], columns.get(c)[1], dir * edge});
                }
            }
            return fitPlane(pts);
        }

        /** Mirror line of the bone projected over local z in [zLo, zHi]. */
        Mirror mirror(double zLo, double zHi, boolean wide) {
            int k0 = Math.max(-HALF_Z, (int) Math.floor(zLo)), k1 = Math.min(HALF_Z, (int) Math.ceil(zHi));
            float[] img = new float[nx * ny];
            for (int z = k0; z <= k1; z++) {
                for (int y = Y_FROM; y <= Y_TO; y++) {
                    for (int x = -HALF_X; x <= HALF_X; x++) {
                        img[(x + HALF_X) + nx * (y - Y_FROM)] += (float) boneWeight(at(x, y, z));
                    }
                }
            }
            Image full = new Image(img, nx, ny, 1.0, -HALF_X, Y_FROM);
            double theta = 0, offset = 0;
            if (wide) {
                Image half = full.downsampled();
                double[] best = half.search(Math.toRadians(-40), Math.toRadians(40), Math.toRadians(2), -10, 10, 1);
                theta = best[0];
                offset = best[1];
            }
            double[] coarse = full.search(theta - Math.toRadians(2), theta + Math.toRadians(2), Math.toRadians(0.5),
                offset - 1.5, offset + 1.5, 0.25);
            double[] fine = full.climb(coarse[0], coarse[1], Math.toRadians(0.1), 0.05);
            double[] refined = full.refine(fine[0], fine[1], Math.toRadians(0.1), 0.05);
            return new Mirror(refined[0], refined[1], full.score(refined[0], refined[1]) / full.selfScore());
        }

        /** The body centre on the mirror plane: midway between the walls and between the endplates. */
        Vec3 centre(Mirror m, Plane[] planes) {
            double c = Math.cos(m.theta), s = Math.sin(m.theta);
            // the plane's trace: through (offset, 0), posterior direction (-s, c)
            double x0 = m.offset, y0 = 0;
            double zMid = planes[0] != null && planes[1] != null
                ? (planes[0].z(x0, y0) + planes[1].z(x0, y0)) / 2 : 0;
            double[] profile = new double[45];
            double front = Double.NaN, back = Double.NaN;
            for (double side : new double[] {-4, 0, 4}) {
                double bx = x0 + side * c, by = y0 + side * s;
                for (int dir : new int[] {-1, 1}) {
                    for (int t = 0; t < profile.length; t++) {
                        profile[t] = sample(bx - dir * t * s, by + dir * t * c, zMid);
                    }
                    double edge = Profiles.firstDrop(profile, profile.length - 4, 3);
                    if (!Double.isNaN(edge)) {
                        if (dir < 0) {
                            front = Double.isNaN(front) ? edge : Math.max(front, edge);
                        } else {
                            back = Double.isNaN(back) ? edge : Math.max(back, edge);
                        }
                    }
                }
            }
            double along = Double.isNaN(front) || Double.isNaN(back) ? 0 : (back - front) / 2;
            double cx = x0 - along * s, cy = y0 + along * c;
            double cz = planes[0] != null && planes[1] != null
                ? (planes[0].z(cx, cy) + planes[1].z(cx, cy)) / 2 : zMid;
            return new Vec3(cx, cy, cz);
        }
    }

    /** Robust least-squares plane z = a x + b y + c (two passes: fit, drop outliers, fit). */
    static Plane fitPlane(List<double[]> pts) {
        Plane p = lsq(pts);
        if (p == null) {
            return null;
        }
        double[] res = new double[pts.size()];
        for (int i = 0; i < res.length; i++) {
            double[] q = pts.get(i);
            res[i] = Math.abs(q[2] - p.z(q[0], q[1]));
        }
        double[] sorted = res.clone();
        java.util.Arrays.sort(sorted);
        double limit = Math.max(1.0, 2.5 * 1.4826 * sorted[sorted.length / 2]);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < res.length; i++) {
            if (res[i] <= limit) {
                kept.add(pts.get(i));
            }
        }
        Plane q = lsq(kept);
        return q == null ? p : q;
    }

    private static Plane lsq(List<double[]> pts) {
        if (pts.size() < 6) {
            return null;
        }
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
        int n = pts.size();
        for (double[] q : pts) {
            sxx += q[0] * q[0];
            sxy += q[0] * q[1];
            syy += q[1] * q[1];
            sx += q[0];
            sy += q[1];
            sxz += q[0] * q[2];
            syz += q[1] * q[2];
            sz += q[2];
        }
        double[][] m = {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}};
        double[] r = {sxz, syz, sz};
        double[] abc = solve3(m, r);
        return abc == null ? null : new Plane(abc[0], abc[1], abc[2], n);
    }

    /** Cramer's rule for a 3x3 system; null when singular. */
    static double[] solve3(double[][] m, double[] r) {
        double det = det3(m);
        if (Math.abs(det) < 1e-9) {
            return null;
        }
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] t = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int row = 0; row < 3; row++) {
                t[row][c] = r[row];
            }
            out[c] = det3(t) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /** A 2-D image on a regular grid (mm), with the mirror score and its search. */
    static final class Image {
        final float[] v;
        final int w, h;
        final double step, x0, y0;

        /** The non-zero pixels: their coordinates (mm) and values, for the score's loop. */
        private final double[] nzX, nzY;
        private final float[] nzV;

        Image(float[] v, int w, int h, double step, double x0, double y0) {
            this.v = v;
            this.w = w;
            this.h = h;
            this.step = step;
            this.x0 = x0;
            this.y0 = y0;
            int n = 0;
            for (float a : v) {
                n += a != 0 ? 1 : 0;
            }
            nzX = new double[n];
            nzY = new double[n];
            nzV = new float[n];
            int q = 0;
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    if (v[i + w * j] != 0) {
                        nzX[q] = x0 + i * step;
                        nzY[q] = y0 + j * step;
                        nzV[q++] = v[i + w * j];
                    }
                }
            }
        }

        Image downsampled() {
            int w2 = (w + 1) / 2, h2 = (h + 1) / 2;
            float[] d = new float[w2 * h2];
            for (int y = 0; y < h2; y++) {
                for (int x = 0; x < w2; x++) {
                    float s = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int xx = 2 * x + dx, yy = 2 * y + dy;
                            if (xx < w && yy < h) {
                                s += v[xx + w * yy];
                                n++;
                            }
                        }
                    }
                    d[x + w2 * y] = s / n;
                }
            }
            return new Image(d, w2, h2, step * 2, x0 + step / 2, y0 + step / 2);
        }

        double at(double x, double y) {
            double i = (x - x0) / step, j = (y - y0) / step;
            if (!(i >= 0 && j >= 0 && i <= w - 1 && j <= h - 1)) {
                return 0;
            }
            int i0 = Math.min((int) i, w - 2), j0 = Math.min((int) j, h - 2);
            double fx = i - i0, fy = j - j0;
            int p = i0 + w * j0;
            double a = v[p] + fx * (v[p + 1] - v[p]);
            double b = v[p + w] + fx * (v[p + w + 1] - v[p + w]);
            return a + fy * (b - a);
        }

        /** Sum of v(p) v(mirror(p)) for the line through (offset, 0) with normal (cos t, sin t). */
        double score(double theta, double offset) {
            double c = Math.cos(theta), s = Math.sin(theta);
            double sum = 0;
            for (int q = 0; q < nzV.length; q++) {
                double x = nzX[q], y = nzY[q];
                double dist = (x - offset) * c + y * s;
                sum += nzV[q] * at(x - 2 * dist * c, y - 2 * dist * s);
            }
            return sum;
        }

        double selfScore() {
            double s = 0;
            for (float a : v) {
                s += (double) a * a;
            }
            return s == 0 ? 1 : s;
        }

        /** Grid search (the angles on all cores); returns {theta, offset}. */
        double[] search(double t0, double t1, double dt, double o0, double o1, double dOff) {
            int nt = (int) Math.floor((t1 - t0) / dt + 1e-9) + 1, no = (int) Math.floor((o1 - o0) / dOff + 1e-9) + 1;
            double[] scores = new double[nt * no];
            org.vertebroplan.volume.Parallel.forEach(org.vertebroplan.volume.Parallel.defaultThreads(), nt, a -> {
                for (int b = 0; b < no; b++) {
                    scores[a * no + b] = score(t0 + a * dt, o0 + b * dOff);
                }
            });
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return new double[] {t0 + (best / no) * dt, o0 + (best % no) * dOff};
        }

        /**
         * Hill climbing from (theta, offset) in steps of {@code dt} and {@code dOff}: moves to the best of
         * the four neighbours while one scores higher; returns {theta, offset}.
         */
        double[] climb(double theta, double offset, double dt, double dOff) {
            double best = score(theta, offset);
            for (int it = 0; it < 200; it++) {
                double[][] nb = {{theta + dt, offset}, {theta - dt, offset}, {theta, offset + dOff}, {theta, offset - dOff}};
                double[] move = null;
                for (double[] c : nb) {
                    double sc = score(c[0], c[1]);
                    if (sc > best) {
                        best = sc;
                        move = c;
                    }
                }
                if (move == null) {
                    break;
                }
                theta = move[0];
                offset = move[1];
            }
            return new double[] {theta, offset};
        }

        /** Parabolic refinement of a grid optimum, each coordinate in turn. */
        double[] refine(double t, double o, double dt, double dOff) {
            double c = score(t, o);
            double tl = score(t - dt, o), tr = score(t + dt, o);
            double ol = score(t, o - dOff), or = score(t, o + dOff);
            return new double[] {t + dt * Profiles.vertex(tl, c, tr), o + dOff * Profiles.vertex(ol, c, or)};
        }
    }
}
