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
    static final int COLUMN_RADIUS = 7;
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
            FrameGrid g = FrameGrid.of(ct, f);
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
}
