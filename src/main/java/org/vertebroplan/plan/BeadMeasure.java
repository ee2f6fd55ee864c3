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
 * partial-volume edge) gets a background ({@link Background}): the CT beside the bead at the same height
 * over the skin. So a voxel on the air side of a bead lying on the skin is compared with air and one on
 * the skin side with skin. Its metal occupancy is f = (HU - background) / (bead HU - background), clamped to
 * at most 1; voxels with f below 3 % are left out (noise). The metal volume is the sum of f times the
 * voxel volume (an HU integral: partial volume spreads it over more voxels but does not change it), the
 * centre the f-weighted centroid, the shape the f-weighted covariance, the density the occupancy of the
 * brightest voxel over the least a ball of that volume gives it. The centre and radius are refined
 * three times; on thick slices the centre along their normal then comes from how the metal divides
 * between the slices ({@link #alongThickSlices}). A shell of 128 directions at three radii just outside the
 * edge gives the surroundings: the fractions of air, soft tissue and bone, and the direction in which the
 * tissue gives way to air (the skin's outward normal).
 *
 * <p>Limits: one bead at a time; a second dense object within a few millimetres disturbs the background,
 * and so does a skin that curves within a few millimetres. A bead lying wholly inside one thick slice
 * leaves no trace of where in that slice it is: it is placed where the centroid says, the slice's centre.
 */
record BeadMeasure(Vec3 centreLps, double metalMm3, double density, double elongation, double airFraction,
                   double bodyFraction, double boneFraction, Vec3 outward) {

    private static final double MIN_OCCUPANCY = 0.03;
    /** The share of a bead's metal that background noise may put into a slice, for the fit across slices. */
    private static final double SLAB_NOISE = 0.01;
    /** Skin, fat and muscle lie within this of 0 HU; the couch's plastic, bone and metal above it. */
    static final double SOFT_TISSUE_HU = 200;
    /** Half the shell's directions: each is used with its opposite. */
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
        // a ball of this metal volume fills its brightest voxel at least as much as if it were spread evenly
        // over eight (a voxel corner at its centre); blur and noise take some of that, bone and plastic far more
        double leastPeak = Math.min(1, m.sum / 8);
        double density = leastPeak > 0 ? m.top / leastPeak : 0;
        double elongation = m.sum > 0 ? elongation(m, toLps, toIjk, c) : 1;
        Vec3 centreLps = toLps.apply(c);
        return surroundings(v, toIjk, centreLps, Math.cbrt(3 * metal / (4 * Math.PI)), peakHu, o, metal, density,
            elongation);
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
        m.top = top;
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
     * match the measured ones (least squares over offsets within one slice, 0.005 mm steps) corrects the
     * centroid, which is pulled towards the centre of the slice holding more of the bead. When the bead lies
     * wholly inside one slice every offset inside it fits alike: then, as among all offsets that fit within
     * the noise, the one nearest the centroid.
     */
    private static double alongThickSlices(Moments m, double centre, double s, double r) {
        double total = 0;
        for (double x : m.slab) {
            total += x;
        }
        if (total <= 0 || r <= 0) {
            return 0;
        }
        int steps = (int) Math.round(s / 0.005);
        double[] error = new double[2 * steps + 1];
        double bestError = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 2 * steps; step++) {
            double t = (step - steps) * 0.005;
            double e = 0;
            for (int q = 0; q < m.slab.length; q++) {
                double mid = (m.slabBase + q - centre) * s;
                double predicted = capFraction((mid + s / 2 - t) / r) - capFraction((mid - s / 2 - t) / r);
                e += (m.slab[q] / total - predicted) * (m.slab[q] / total - predicted);
            }
            error[step] = e;
            bestError = Math.min(bestError, e);
        }
        // of the offsets that fit within the noise (SLAB_NOISE of the metal in each slice), the one nearest the
        // centroid: a speck of noise in the next slice must not pull a bead that lies inside one slice out of it
        double tolerance = bestError + SLAB_NOISE * SLAB_NOISE * m.slab.length;
        for (int d = 0; d <= steps; d++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                int step = steps + sign * d;
                if (error[step] <= tolerance) {
                    return (step - steps) * 0.005;
                }
            }
        }
        return 0;
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
     * (known outward normal n), the skin, fat and air around it are layers across n, so the value depends
     * only on the height along n: the mean of four samples at that height beside the bead, straight out
     * sideways in four directions (perpendicular to n) just beyond the bead's partial-volume edge. Opposite
     * samples cancel a small tilt of n, which would otherwise mix the layers at a sharp skin-air step.
     * Without a normal (no air around), the value straight out from the centre.
     */
    private static final class Background {
        private final Volume v;
        private final Affine3 toIjk;
        private final Vec3 centre;
        private final double r;
        private final Vec3 normal;
        private final Vec3[] sides;

        Background(Volume v, Affine3 toIjk, Vec3 centre, double r, Vec3 normal) {
            this.v = v;
            this.toIjk = toIjk;
            this.centre = centre;
            this.r = r;
            this.normal = normal;
            Vec3 n = normal != null ? normal : Vec3.Z;
            Vec3 side1 = n.cross(Math.abs(n.x()) < 0.9 ? Vec3.X : Vec3.Y).normalized();
            Vec3 side2 = n.cross(side1);
            sides = new Vec3[] {side1, side1.times(-1), side2, side2.times(-1)};
        }

        double at(Vec3 d) {
            if (normal == null) {
                return d.norm() > 1e-9 ? sample(Vec3.ZERO, d.normalized()) : around(Vec3.ZERO);
            }
            return around(normal.times(d.dot(normal)));
        }

        /** The mean of the four sideways samples from {@code from} that lie in the volume (NaN if none). */
        private double around(Vec3 from) {
            double sum = 0;
            int n = 0;
            for (Vec3 u : sides) {
                double value = sample(from, u);
                if (!Double.isNaN(value)) {
                    sum += value;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
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
        double voxelAlong = voxelAlong(toIjk, major, 1);
        double longest = Math.sqrt(Math.max(0, eigen[0]));
        double middle = Math.max(Math.sqrt(Math.max(0, eigen[1])), 0.2);
        return Math.max(1, Math.max(longest - 0.5 * voxelAlong, middle) / middle);
    }

    /**
     * The peak voxel {@code (i, j, k)} of a blob: how far it stands above what it would be without the
     * blob ({@link Background}), and how much metal lies around the blob's two brightest voxels (the peak
     * and the brightest of its 26 neighbours): the summed excess of their other 26 neighbours over what
     * those would be without the blob, over the excess of the two (the spread). A real bead that fills much
     * of a voxel is wider than the voxel, so it spills into the neighbours (1.4 or more for blurred beads of
     * 1.5 mm and up); a noise voxel or a pair of them has nothing around it (about 0, give or take the noise
     * and the skin's texture: up to about 0.6 on thick slices). In bone the background is too uneven to tell.
     *
     * @param r the blob's radius, mm
     */
    static Peak peak(Volume v, int i, int j, int k, double r, FiducialOptions o) {
        Vec3 peak = v.lpsOf(i, j, k);
        Background bg = new Background(v, v.lpsToIjk(), peak, r, new Shell(v, peak, r, o).outward());
        int[] second = null;
        double secondExcess = Double.NEGATIVE_INFINITY;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if ((di != 0 || dj != 0 || dk != 0) && v.contains(i + di, j + dj, k + dk)) {
                        double e = excess(v, bg, i, j, k, di, dj, dk);
                        if (e > secondExcess) {
                            secondExcess = e;
                            second = new int[] {di, dj, dk};
                        }
                    }
                }
            }
        }
        double peakExcess = excess(v, bg, i, j, k, 0, 0, 0);
        double core = peakExcess + Math.max(0, secondExcess);
        if (!(core > 0) || second == null) {
            return new Peak(peakExcess, 0);
        }
        double around = 0;
        boolean[] seen = new boolean[125];
        for (int[] centre : new int[][] {{0, 0, 0}, second}) {
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int oi = centre[0] + di, oj = centre[1] + dj, ok = centre[2] + dk;
                        int key = (oi + 2) + 5 * ((oj + 2) + 5 * (ok + 2));
                        boolean isCore = oi == 0 && oj == 0 && ok == 0
                            || oi == second[0] && oj == second[1] && ok == second[2];
                        if (!isCore && !seen[key] && v.contains(i + oi, j + oj, k + ok)) {
                            seen[key] = true;
                            around += excess(v, bg, i, j, k, oi, oj, ok);
                        }
                    }
                }
            }
        }
        return new Peak(peakExcess, around / core);
    }

    /**
     * A blob's brightest voxel: its excess over what it would be without the blob, and the spread of
     * the metal around it ({@link #peak}).
     */
    record Peak(double excessHu, double spread) {
    }

    /** The excess of voxel (i + di, j + dj, k + dk) over its background. */
    private static double excess(Volume v, Background bg, int i, int j, int k, int di, int dj, int dk) {
        double b = bg.at(v.ijkToLps().applyVector(new Vec3(di, dj, dk)));
        return Double.isNaN(b) ? 0 : v.get(i + di, j + dj, k + dk) - b;
    }

    private static BeadMeasure surroundings(Volume v, Affine3 toIjk, Vec3 centre, double r, int peakHu,
                                            FiducialOptions o, double metal, double density,
                                            double elongation) {
        Shell s = new Shell(v, centre, r, o);
        double total = Math.max(1, s.n);
        return new BeadMeasure(centre, metal, density, elongation, s.air / total,
            s.body / total, s.bone / total, s.outward());
    }

    /** The CT on a shell of {@link #SHELL} directions at two radii just outside a bead of radius r. */
    private static final class Shell {
        int air, body, bone, n;
        /** Sums for the outward normal: directions weighted by how much tissue (not air) lies there. */
        double sx, sy, sz, sw;
        int m;
        double tx, ty, tz;

        Shell(Volume v, Vec3 centre, double r, FiducialOptions o) {
            Affine3 toIjk = v.lpsToIjk();
            for (Vec3 w : SHELL) {
                for (int ring = 0; ring < 3; ring++) {
                    // u and -u together: a shell cut by the volume's edge stays symmetric, so the moment does not tilt
                    double[] values = new double[2];
                    Vec3[] dirs = {w, w.times(-1)};
                    for (int side = 0; side < 2; side++) {
                        double radius = r + 1 + 1.5 * voxelAlong(toIjk, dirs[side], 1) + 2 * ring;
                        values[side] = v.sample(centre.plusScaled(dirs[side], radius), Double.NaN);
                    }
                    for (int side = 0; side < 2; side++) {
                        double value = values[side];
                        if (Double.isNaN(value)) {
                            continue;
                        }
                        if (!Double.isNaN(values[1 - side])) {
                            // tissue-ness: 0 for air, 1 for soft tissue and above
                            double t = Math.max(0, Math.min(1, (value + 1000) / 1000));
                            Vec3 u = dirs[side];
                            m++;
                            sw += t;
                            tx += t * u.x();
                            ty += t * u.y();
                            tz += t * u.z();
                            sx += u.x();
                            sy += u.y();
                            sz += u.z();
                        }
                        if (ring == 2) {
                            continue;
                        }
                        n++;
                        if (value < o.airHu()) {
                            air++;
                        } else if (value > o.boneHu()) {
                            bone++;
                        } else if (Math.abs(value) <= SOFT_TISSUE_HU) {
                            body++;
                        }
                    }
                }
            }
        }

        /**
         * The direction in which the tissue gives way to air, null without air on the shell: minus the
         * first moment of the tissue-ness over the shell (for a flat skin cutting a sphere, exactly its normal
         * whatever the height of the cut).
         */
        Vec3 outward() {
            if (air == 0 || m == 0) {
                return null;
            }
            double mean = sw / m;
            Vec3 d = new Vec3(mean * sx - tx, mean * sy - ty, mean * sz - tz);
            return d.norm() > 1e-9 ? d.normalized() : null;
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
        double top;
        double[] slab;
        int slabBase;

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
        }
    }
}
