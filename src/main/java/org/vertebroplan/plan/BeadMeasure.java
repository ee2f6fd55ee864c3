package org.vertebroplan.plan;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * What a candidate bead looks like once partial volume is accounted for: its metal volume, centre, shape
 * and surroundings. Used by {@link FiducialDetector}; everything is in LPS millimetres whatever the
 * slice orientation, voxel sizes only enter as "the voxel size along this direction".
 *
 * <p>How: around the current centre, each voxel within the bead's radius plus about one voxel (the
 * partial-volume edge) gets a background: the CT sampled straight outward from the centre, just beyond
 * that edge. So a voxel on the air side of a bead lying on the skin is compared with air and one on the
 * skin side with skin. Its metal occupancy is f = (HU - background) / (bead HU - background), clamped to
 * at most 1; voxels with f below 3 % are left out (noise). The metal volume is the sum of f times the
 * voxel volume (an HU integral: partial volume spreads it over more voxels but does not change it), the
 * centre the f-weighted centroid, the shape the f-weighted covariance. The centre and radius are refined
 * three times. A shell of 64 directions at two radii just outside the edge gives the surroundings: the
 * highest value (for the contrast), the fractions of air, body and bone, and the direction of the air.
 *
 * <p>Limits: one bead at a time; a second dense object within a few millimetres disturbs the background.
 * A bead lying wholly inside one thick slice leaves no trace of where in that slice it is: the centre
 * along the slice normal is then the slice's centre.
 */
record BeadMeasure(Vec3 centreLps, double metalMm3, double peakFraction, double density, double elongation,
                   double contrastHu, double airFraction, double bodyFraction, double boneFraction, Vec3 outward) {

    private static final double MIN_OCCUPANCY = 0.03;
    private static final Vec3[] SHELL = fibonacciSphere(64);

    double diameterMm() {
        return Math.cbrt(6 * metalMm3 / Math.PI);
    }

    double radiusMm() {
        return diameterMm() / 2;
    }

    /**
     * Measures the bead whose voxels start around {@code startIjk}.
     *
     * @param radiusMm first guess of its radius
     * @param peakHu   its brightest voxel
     */
    static BeadMeasure of(Volume v, Vec3 startIjk, double radiusMm, int peakHu, FiducialOptions o) {
        Affine3 toLps = v.ijkToLps();
        Affine3 toIjk = v.lpsToIjk();
        double[] sp = v.spacingMm();
        double voxelMm3 = Math.abs(toLps.determinant());
        double ref = Math.max(o.beadHu(), peakHu);
        Vec3 c = startIjk;
        double r = radiusMm;
        Moments m = null;
        for (int iteration = 0; iteration < 3; iteration++) {
            Vec3 normal = new Shell(v, toLps.apply(c), r, o).outward();
            m = moments(v, toLps, toIjk, sp, c, r, ref, normal);
            if (m.sum <= 0) {
                break;
            }
            c = new Vec3(c.x() + m.mi / m.sum, c.y() + m.mj / m.sum, c.z() + m.mk / m.sum);
            r = Math.max(0.5, Math.min(o.maxDiameterMm(), Math.cbrt(3 * m.sum * voxelMm3 / (4 * Math.PI))));
        }
        m = moments(v, toLps, toIjk, sp, c, r, ref, new Shell(v, toLps.apply(c), r, o).outward());
        int thick = thickAxis(sp);
        if (thick >= 0 && m.sum > 0) {
            double[] ijk = {c.x(), c.y(), c.z()};
            ijk[thick] += alongThickSlices(m, ijk[thick], sp[thick], Math.cbrt(3 * m.sum * voxelMm3 / (4 * Math.PI)))
                / sp[thick];
            c = new Vec3(ijk[0], ijk[1], ijk[2]);
        }
        double metal = m.sum * voxelMm3;
        double peakFraction = m.sum > 0 ? (m.top1 + m.top2) / m.sum : 1;
        double density = m.halfCount > 0 ? m.halfSum / m.halfCount : 0;
        double elongation = m.sum > 0 ? elongation(m, toLps, toIjk, c) : 1;
        Vec3 centreLps = toLps.apply(c);
        return surroundings(v, toIjk, centreLps, Math.cbrt(3 * metal / (4 * Math.PI)), peakHu, o, metal, peakFraction,
            density, elongation);
    }

    /**
     * Occupancy sums around centre {@code c} (voxel coordinates) for a bead of radius {@code r} mm lying on a
     * surface with outward normal {@code normal} (null: unknown).
     */
    private static Moments moments(Volume v, Affine3 toLps, Affine3 toIjk, double[] sp, Vec3 c, double r, double ref,
                                   Vec3 normal) {
        double maxSp = Math.max(sp[0], Math.max(sp[1], sp[2]));
        double reach = r + 0.5 + maxSp;
        int i0 = Math.max(0, (int) Math.floor(c.x() - reach / sp[0]));
        int i1 = Math.min(v.nx() - 1, (int) Math.ceil(c.x() + reach / sp[0]));
        int j0 = Math.max(0, (int) Math.floor(c.y() - reach / sp[1]));
        int j1 = Math.min(v.ny() - 1, (int) Math.ceil(c.y() + reach / sp[1]));
        int k0 = Math.max(0, (int) Math.floor(c.z() - reach / sp[2]));
        int k1 = Math.min(v.nz() - 1, (int) Math.ceil(c.z() + reach / sp[2]));
        Vec3 centreLps = toLps.apply(c);
        Background bg = new Background(v, toIjk, centreLps, r, normal);
        Moments m = new Moments();
        int thick = thickAxis(sp);
        int[] lo = {i0, j0, k0};
        int[] hi = {i1, j1, k1};
        if (thick >= 0) {
            m.slabBase = lo[thick];
            m.slab = new double[hi[thick] - lo[thick] + 1];
        }
        double[] f = new double[(i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1)];
        int n = 0;
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++, n++) {
                    double di = i - c.x(), dj = j - c.y(), dk = k - c.z();
                    Vec3 d = toLps.applyVector(new Vec3(di, dj, dk));
                    double dist = d.norm();
                    double inner = r + 0.5 + voxelAlong(toIjk, d, maxSp);
                    if (dist > inner) {
                        continue;
                    }
                    double b = bg.at(d);
                    double occupancy = Math.min(1, (v.get(i, j, k) - b) / (ref - b));
                    if (!(occupancy >= MIN_OCCUPANCY)) {
                        continue;
                    }
                    f[n] = occupancy;
                    m.add(occupancy, di, dj, dk);
                    if (thick >= 0) {
                        m.slab[(thick == 0 ? i : thick == 1 ? j : k) - m.slabBase] += occupancy;
                    }
                }
            }
        }
        double top = 0;
        for (double x : f) {
            top = Math.max(top, x);
        }
        for (double x : f) {
            if (x >= 0.5 * top && x > 0) {
                m.halfSum += x;
                m.halfCount++;
            }
        }
        return m;
    }

    /** The voxel axis whose spacing is at least 1.5 times the finest (thick slices), or -1. */
    static int thickAxis(double[] sp) {
        double finest = Math.min(sp[0], Math.min(sp[1], sp[2]));
        int axis = sp[0] >= sp[1] && sp[0] >= sp[2] ? 0 : sp[1] >= sp[2] ? 1 : 2;
        return sp[axis] >= 1.5 * finest ? axis : -1;
    }

    /**
     * Where a bead of radius {@code r} lies across thick slices, relative to {@code centre} (its index
     * along the thick axis), in mm: each slice integrates the bead over its thickness {@code s}, so its share
     * of the metal is the share of the sphere between its two faces. The offset whose predicted shares
     * match the measured ones best (least squares over offsets within one slice, 0.005 mm steps) corrects the
     * centroid, which is pulled towards the centre of the slice holding more of the bead. When the bead lies
     * wholly inside one slice every offset inside it fits alike: then the one nearest the centroid.
     */
    private static double alongThickSlices(Moments m, double centre, double s, double r) {
        double total = 0;
        for (double x : m.slab) {
            total += x;
        }
        if (total <= 0 || r <= 0) {
            return 0;
        }
        double best = 0, bestError = Double.POSITIVE_INFINITY;
        int steps = (int) Math.round(s / 0.005);
        for (int step = 0; step <= 2 * steps; step++) {
            // 0, +d, -d, +2d, ...: the first of equal errors is the one nearest the centroid
            double t = (step % 2 == 0 ? -1 : 1) * ((step + 1) / 2) * 0.005;
            double error = 0;
            for (int q = 0; q < m.slab.length; q++) {
                double mid = (m.slabBase + q - centre) * s;
                double predicted = capFraction((mid + s / 2 - t) / r) - capFraction((mid - s / 2 - t) / r);
                error += (m.slab[q] / total - predicted) * (m.slab[q] / total - predicted);
            }
            if (error < bestError - 1e-9) {
                bestError = error;
                best = t;
            }
        }
        return best;
    }

    /** The fraction of a unit ball below height x. */
    private static double capFraction(double x) {
        if (x <= -1) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return (x + 1) * (x + 1) * (2 - x) / 4;
    }

    /** The size of a voxel along LPS direction {@code d} (mm): one step of the fastest-changing voxel index. */
    private static double voxelAlong(Affine3 toIjk, Vec3 d, double fallback) {
        double norm = d.norm();
        if (norm < 1e-9) {
            return fallback;
        }
        Vec3 u = toIjk.applyVector(d.times(1 / norm));
        return 1 / Math.max(Math.abs(u.x()), Math.max(Math.abs(u.y()), Math.abs(u.z())));
    }

    /**
     * What the CT would show without the bead at an offset from its centre. For a bead on the skin
     * (known outward normal n), the value at the same height along n, beside the bead: sampled straight
     * out sideways (perpendicular to n) just beyond the bead's partial-volume edge, so that a voxel at the
     * height of the air above the skin gets air and one at the height of the skin gets skin, whatever its
     * direction from the centre. Without a normal, the value straight out from the centre.
     */
    private static final class Background {
        private final Volume v;
        private final Affine3 toIjk;
        private final Vec3 centre;
        private final double r;
        private final Vec3 normal;
        private final Vec3 side1;
        private final Vec3 side2;

        Background(Volume v, Affine3 toIjk, Vec3 centre, double r, Vec3 normal) {
            this.v = v;
            this.toIjk = toIjk;
            this.centre = centre;
            this.r = r;
            this.normal = normal;
            if (normal != null) {
                Vec3 any = Math.abs(normal.x()) < 0.9 ? Vec3.X : Vec3.Y;
                side1 = normal.cross(any).normalized();
                side2 = normal.cross(side1);
            } else {
                side1 = Vec3.X;
                side2 = Vec3.Y;
            }
        }

        double at(Vec3 d) {
            if (normal == null) {
                return d.norm() > 1e-9 ? sample(Vec3.ZERO, d.normalized()) : around(Vec3.ZERO);
            }
            double h = d.dot(normal);
            Vec3 height = normal.times(h);
            Vec3 t = d.minus(height);
            return t.norm() > 1e-6 ? sample(height, t.normalized()) : around(height);
        }

        /** The mean of four samples around {@code from}, sideways. */
        private double around(Vec3 from) {
            return (sample(from, side1) + sample(from, side1.times(-1)) + sample(from, side2)
                + sample(from, side2.times(-1))) / 4;
        }

        /** The CT at centre + from + u * (r + 1 mm + 1.5 voxels along u), u a unit direction. */
        private double sample(Vec3 from, Vec3 u) {
            double radius = r + 1 + 1.5 * voxelAlong(toIjk, u, 1);
            Vec3 p = toIjk.apply(centre.plus(from).plusScaled(u, radius));
            return v.sampleIjk(p.x(), p.y(), p.z(), Double.NaN);
        }
    }

    /**
     * Longest over middle principal spread (standard deviation) of the metal, the longest first reduced by
     * half the voxel size along its direction: a bead straddling two thick slices spreads over them by up
     * to half a slice whatever its size, a rod spreads by its length. The shortest spread is left out: a
     * bead inside one thick slice is flat, not elongated.
     */
    private static double elongation(Moments m, Affine3 toLps, Affine3 toIjk, Vec3 c) {
        double[] cov = new double[6];
        double[] mean = {m.mi / m.sum, m.mj / m.sum, m.mk / m.sum};
        double[][] second = {{m.ii, m.ij, m.ik}, {m.ij, m.jj, m.jk}, {m.ik, m.jk, m.kk}};
        double[][] a = new double[3][3];
        for (int r = 0; r < 3; r++) {
            Vec3 col = toLps.column(r);
            a[0][r] = col.x();
            a[1][r] = col.y();
            a[2][r] = col.z();
        }
        double[][] ijkCov = new double[3][3];
        for (int p = 0; p < 3; p++) {
            for (int q = 0; q < 3; q++) {
                ijkCov[p][q] = second[p][q] / m.sum - mean[p] * mean[q];
            }
        }
        double[][] mm = new double[3][3];
        for (int p = 0; p < 3; p++) {
            for (int q = 0; q < 3; q++) {
                double s = 0;
                for (int x = 0; x < 3; x++) {
                    for (int y = 0; y < 3; y++) {
                        s += a[p][x] * ijkCov[x][y] * a[q][y];
                    }
                }
                mm[p][q] = s;
            }
        }
        cov[0] = mm[0][0];
        cov[1] = mm[1][1];
        cov[2] = mm[2][2];
        cov[3] = mm[0][1];
        cov[4] = mm[0][2];
        cov[5] = mm[1][2];
        double[] eigen = SymmetricEigen.values(cov);
        Vec3 major = SymmetricEigen.vector(cov, eigen[0]);
        Vec3 majorIjk = toIjk.applyVector(major);
        double voxelAlong = 1 / Math.max(Math.abs(majorIjk.x()), Math.max(Math.abs(majorIjk.y()), Math.abs(majorIjk.z())));
        double longest = Math.sqrt(Math.max(0, eigen[0]));
        double middle = Math.max(Math.sqrt(Math.max(0, eigen[1])), 0.2);
        return Math.max(1, Math.max(longest - 0.5 * voxelAlong, middle) / middle);
    }

    /**
     * How much a blob's peak stands out of the shell just outside radius {@code r} around {@code centre}:
     * the cheap first look at a faint blob, before it is measured.
     */
    static double contrast(Volume v, Vec3 centre, double r, int peakHu, FiducialOptions o) {
        return new Shell(v, centre, r, o).contrast(peakHu);
    }

    /** The median of the shell just outside radius {@code r} around {@code centre}: the local background. */
    static double background(Volume v, Vec3 centre, double r, FiducialOptions o) {
        return new Shell(v, centre, r, o).median();
    }

    private static BeadMeasure surroundings(Volume v, Affine3 toIjk, Vec3 centre, double r, int peakHu,
                                            FiducialOptions o, double metal, double peakFraction, double density,
                                            double elongation) {
        Shell s = new Shell(v, centre, r, o);
        double total = Math.max(1, s.n);
        return new BeadMeasure(centre, metal, peakFraction, density, elongation, s.contrast(peakHu), s.air / total,
            s.body / total, s.bone / total, s.outward());
    }

    /** The CT on a shell of {@link #SHELL} directions at two radii just outside a bead of radius r. */
    private static final class Shell {
        double highest = Double.NEGATIVE_INFINITY;
        final double[] values = new double[2 * SHELL.length];
        int air, body, bone, n;
        double ox, oy, oz;

        Shell(Volume v, Vec3 centre, double r, FiducialOptions o) {
            Affine3 toIjk = v.lpsToIjk();
            for (Vec3 u : SHELL) {
                Vec3 uIjk = toIjk.applyVector(u);
                double voxelAlong = 1 / Math.max(Math.abs(uIjk.x()), Math.max(Math.abs(uIjk.y()), Math.abs(uIjk.z())));
                double r1 = r + 1 + 1.5 * voxelAlong;
                for (double radius : new double[] {r1, r1 + 2}) {
                    double value = v.sample(centre.plusScaled(u, radius), Double.NaN);
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    values[n++] = value;
                    highest = Math.max(highest, value);
                    if (value < o.airHu()) {
                        air++;
                        ox += u.x();
                        oy += u.y();
                        oz += u.z();
                    } else {
                        body++;
                        if (value > o.boneHu()) {
                            bone++;
                        }
                    }
                }
            }
        }

        double median() {
            if (n == 0) {
                return 0;
            }
            double[] sorted = java.util.Arrays.copyOf(values, n);
            java.util.Arrays.sort(sorted);
            return sorted[n / 2];
        }

        double contrast(int peakHu) {
            return n == 0 ? 0 : peakHu - highest;
        }

        Vec3 outward() {
            return air > 0 && (ox != 0 || oy != 0 || oz != 0) ? new Vec3(ox, oy, oz).normalized() : null;
        }
    }

    /** {@code n} unit vectors spread evenly over the sphere. */
    private static Vec3[] fibonacciSphere(int n) {
        Vec3[] out = new Vec3[n];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double z = 1 - (2 * i + 1.0) / n;
            double rho = Math.sqrt(1 - z * z);
            out[i] = new Vec3(rho * Math.cos(golden * i), rho * Math.sin(golden * i), z);
        }
        return out;
    }

    /** Eigenvalues and eigenvectors of a symmetric 3 x 3 matrix given as {xx, yy, zz, xy, xz, yz}. */
    static final class SymmetricEigen {

        private SymmetricEigen() {
        }

        /** The eigenvalues, largest first (the closed form for symmetric 3 x 3 matrices). */
        static double[] values(double[] a) {
            double p1 = a[3] * a[3] + a[4] * a[4] + a[5] * a[5];
            double q = (a[0] + a[1] + a[2]) / 3;
            if (p1 < 1e-18) {
                double[] d = {a[0], a[1], a[2]};
                java.util.Arrays.sort(d);
                return new double[] {d[2], d[1], d[0]};
            }
            double p2 = (a[0] - q) * (a[0] - q) + (a[1] - q) * (a[1] - q) + (a[2] - q) * (a[2] - q) + 2 * p1;
            double p = Math.sqrt(p2 / 6);
            double b0 = (a[0] - q) / p, b1 = (a[1] - q) / p, b2 = (a[2] - q) / p;
            double b3 = a[3] / p, b4 = a[4] / p, b5 = a[5] / p;
            double det = b0 * (b1 * b2 - b5 * b5) - b3 * (b3 * b2 - b5 * b4) + b4 * (b3 * b5 - b1 * b4);
            double phi = Math.acos(Math.max(-1, Math.min(1, det / 2))) / 3;
            double e1 = q + 2 * p * Math.cos(phi);
            double e3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
            return new double[] {e1, 3 * q - e1 - e3, e3};
        }

        /** A unit eigenvector for eigenvalue {@code lambda}: the longest cross product of two rows of A - lambda I. */
        static Vec3 vector(double[] a, double lambda) {
            Vec3 r0 = new Vec3(a[0] - lambda, a[3], a[4]);
            Vec3 r1 = new Vec3(a[3], a[1] - lambda, a[5]);
            Vec3 r2 = new Vec3(a[4], a[5], a[2] - lambda);
            Vec3 best = r0.cross(r1);
            for (Vec3 c : new Vec3[] {r0.cross(r2), r1.cross(r2)}) {
                if (c.norm() > best.norm()) {
                    best = c;
                }
            }
            return best.norm() > 1e-12 ? best.normalized() : Vec3.X;
        }
    }

    /** Occupancy-weighted sums, offsets in voxel units from the current centre. */
    private static final class Moments {
        double sum, mi, mj, mk, ii, jj, kk, ij, ik, jk;
        double top1, top2;
        double halfSum;
        double[] slab;
        int slabBase;
        int halfCount;

        void add(double f, double di, double dj, double dk) {
            sum += f;
            mi += f * di;
            mj += f * dj;
            mk += f * dk;
            ii += f * di * di;
            jj += f * dj * dj;
            kk += f * dk * dk;
            ij += f * di * dj;
            ik += f * di * dk;
            jk += f * dj * dk;
            if (f > top1) {
                top2 = top1;
                top1 = f;
            } else if (f > top2) {
                top2 = f;
            }
        }
    }
}
