package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Reslice;
import org.vertebroplan.volume.Volume;

import static org.vertebroplan.plan.VertebraFrameFinder.COLUMN_RADIUS;
import static org.vertebroplan.plan.VertebraFrameFinder.WINDOW_MM;
import static org.vertebroplan.plan.VertebraFrameFinder.boneWeight;
import static org.vertebroplan.plan.VertebraFrameFinder.fitPlane;

/**
 * For {@link VertebraFrameFinder}: the CT resampled at 1 mm in a box around the current frame's centre
 * (local x +-40, y -40..50, z +-32 mm) and smoothed ([1 2 1] per axis), with the measurements made on it:
 * the endplate planes, the mirror line of the bone projected along the superior axis, and the body centre.
 */
final class FrameGrid {
    static final int HALF_X = 40, Y_FROM = -40, Y_TO = 50, HALF_Z = 32;

    final int nx = 2 * HALF_X + 1, ny = Y_TO - Y_FROM + 1, nz = 2 * HALF_Z + 1;
    final float[] v;

    private FrameGrid(float[] v) {
        this.v = v;
    }

    static FrameGrid of(Volume ct, VertebraFrame f) {
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
        return new FrameGrid(b);
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
    VertebraFrameFinder.Plane endplate(int dir) {
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
    VertebraFrameFinder.Mirror mirror(double zLo, double zHi, boolean wide) {
        int k0 = Math.max(-HALF_Z, (int) Math.floor(zLo)), k1 = Math.min(HALF_Z, (int) Math.ceil(zHi));
        float[] img = new float[nx * ny];
        for (int z = k0; z <= k1; z++) {
            for (int y = Y_FROM; y <= Y_TO; y++) {
                for (int x = -HALF_X; x <= HALF_X; x++) {
                    img[(x + HALF_X) + nx * (y - Y_FROM)] += (float) boneWeight(at(x, y, z));
                }
            }
        }
        MirrorImage full = new MirrorImage(img, nx, ny, 1.0, -HALF_X, Y_FROM);
        double theta = 0, offset = 0;
        if (wide) {
            MirrorImage half = full.downsampled();
            double[] best = half.search(Math.toRadians(-40), Math.toRadians(40), Math.toRadians(2), -10, 10, 1);
            theta = best[0];
            offset = best[1];
        }
        double[] coarse = full.search(theta - Math.toRadians(2), theta + Math.toRadians(2), Math.toRadians(0.5),
            offset - 1.5, offset + 1.5, 0.25);
        double[] fine = full.climb(coarse[0], coarse[1], Math.toRadians(0.1), 0.05);
        double[] refined = full.refine(fine[0], fine[1], Math.toRadians(0.1), 0.05);
        return new VertebraFrameFinder.Mirror(refined[0], refined[1], full.score(refined[0], refined[1]) / full.selfScore());
    }

    /** The body centre on the mirror plane: midway between the walls and between the endplates. */
    Vec3 centre(VertebraFrameFinder.Mirror m, VertebraFrameFinder.Plane[] planes) {
        double c = Math.cos(m.theta()), s = Math.sin(m.theta());
        // the plane's trace: through (offset, 0), posterior direction (-s, c)
        double x0 = m.offset(), y0 = 0;
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
