package org.vertebroplan.plan;

import java.util.Arrays;
import java.util.function.Function;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The wall of the spinal canal as a cloud of sub-voxel points with outward normals, in a vertebra's
 * local millimetres, and the signed distance to it (negative inside the canal).
 *
 * <p>How: every canal voxel of the segmentation next to a non-canal voxel across a face in the
 * slice plane gives one point on that face's line: walking from the canal voxel outward, the CT
 * number rises from the canal's content to the wall's peak; the point is where it crosses half-way
 * (the partial-volume edge of the wall), or the voxel face where there is no wall (an open foramen).
 * Faces along the canal's axis give none: the canal is a tube that goes on above and below the
 * level. The signed distance of a point is its distance to the nearest wall point, negative inside the
 * canal: where the canal is labelled and the point is more than a voxel from the wall, the labels
 * say which; near the wall, and above or below the labelled canal (the tube goes on), the side of the
 * nearest point's normal. A uniform grid of cells makes the nearest-point query local.
 *
 * <p>Limits: the distance is exact to the point cloud, whose points lie about a voxel apart along
 * the wall: for a point at distance d the excess is about s^2 / (8 d) (hundredths of a mm beyond a
 * millimetre); at the wall itself the sign, not the size, matters.
 */
public final class CanalSurface {

    private static final double CELL_MM = 2;

    /** No canal. */
    static final CanalSurface EMPTY = new CanalSurface(new float[0], new float[0], 0, q -> false, 0, 0, 0);

    /** Which voxels of a grid are canal. */
    @FunctionalInterface
    interface Mask {
        boolean canal(int i, int j, int k);
    }

    /**
     * The wall of the canal voxels of {@code grid} (whose coordinates are the frame's millimetres): one
     * point per canal voxel face in the slice plane that borders non-canal, placed where {@code ct}
     * (sampled in the same coordinates) crosses half-way from {@code contentHu} to the wall's peak.
     */
    static CanalSurface of(Volume grid, Mask mask, Function<Vec3, Double> ct, double contentHu) {
        double s = grid.spacingMm()[0];
        float[] xyz = new float[3 * 4096];
        float[] nrm = new float[3 * 4096];
        int n = 0;
        int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        double zMin = Double.POSITIVE_INFINITY, zMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    if (!mask.canal(i, j, k)) {
                        continue;
                    }
                    Vec3 c = grid.lpsOf(i, j, k);
                    zMin = Math.min(zMin, c.z());
                    zMax = Math.max(zMax, c.z());
                    for (int[] d : dirs) {
                        int ii = i + d[0], jj = j + d[1];
                        if (ii >= 0 && jj >= 0 && ii < grid.nx() && jj < grid.ny() && mask.canal(ii, jj, k)) {
                            continue;
                        }
                        Vec3 e = grid.ijkToLps().applyVector(new Vec3(d[0], d[1], 0)).normalized();
                        double t = wallCrossing(c, e, contentHu, s, ct);
                        if (n == xyz.length / 3) {
                            xyz = Arrays.copyOf(xyz, xyz.length * 2);
                            nrm = Arrays.copyOf(nrm, nrm.length * 2);
                        }
                        Vec3 p = c.plus(e.times(t));
                        xyz[3 * n] = (float) p.x();
                        xyz[3 * n + 1] = (float) p.y();
                        xyz[3 * n + 2] = (float) p.z();
                        nrm[3 * n] = (float) e.x();
                        nrm[3 * n + 1] = (float) e.y();
                        nrm[3 * n + 2] = (float) e.z();
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        return new CanalSurface(xyz, nrm, n, q -> {
            Vec3 ijk = grid.lpsToIjk().apply(q);
            int i = (int) Math.round(ijk.x()), j = (int) Math.round(ijk.y()), k = (int) Math.round(ijk.z());
            return grid.contains(i, j, k) && mask.canal(i, j, k);
        }, zMin, zMax, s);
    }

    /**
     * Distance from a canal voxel centre along {@code e} to the wall: where the CT number crosses
     * half-way from the canal's content to the wall's peak; the voxel face when no wall rises there.
     */
    private static double wallCrossing(Vec3 c, Vec3 e, double contentHu, double s, Function<Vec3, Double> ct) {
        double step = 0.2;
        int n = (int) Math.round(3.0 / step);
        double[] p = new double[n + 1];
        double peak = -Double.MAX_VALUE;
        int peakAt = 0;
        for (int t = 0; t <= n; t++) {
            p[t] = ct.apply(c.plus(e.times(t * step)));
            if (p[t] > peak) {
                peak = p[t];
                peakAt = t;
            } else if (p[t] < peak - 100) {
                break;
            }
        }
        double base = Math.min(contentHu, p[0]);
        if (peak - base < 150) {
            return s / 2;
        }
        double half = (base + peak) / 2;
        for (int t = 1; t <= peakAt; t++) {
            if (p[t] >= half && p[t - 1] < half) {
                return step * (t - 1 + (half - p[t - 1]) / (p[t] - p[t - 1]));
            }
        }
        return p[0] >= half ? 0 : s / 2;
    }

    private final float[] xyz;
    private final float[] normals;
    private final int count;
    private final double minX, minY, minZ;
    private final int cx, cy, cz;
    private final int[] cellStart;
    private final int[] order;
    private final java.util.function.Predicate<Vec3> labelledInside;
    private final double labelledZMin, labelledZMax, trustMm;

    /**
     * @param labelledInside the segmentation's answer to "is this point in the canal", trusted more than
     *                       {@code trustMm} from the wall and within [zMin, zMax] (where the canal is
     *                       labelled); elsewhere the nearest wall point's normal decides
     */
    CanalSurface(float[] xyz, float[] normals, int count, java.util.function.Predicate<Vec3> labelledInside,
                 double zMin, double zMax, double trustMm) {
        this.xyz = xyz;
        this.normals = normals;
        this.count = count;
        this.labelledInside = labelledInside;
        this.labelledZMin = zMin;
        this.labelledZMax = zMax;
        this.trustMm = trustMm;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], xyz[3 * i + a]);
                hi[a] = Math.max(hi[a], xyz[3 * i + a]);
            }
        }
        if (count == 0) {
            lo = new double[3];
            hi = new double[3];
        }
        minX = lo[0];
        minY = lo[1];
        minZ = lo[2];
        cx = (int) ((hi[0] - lo[0]) / CELL_MM) + 1;
        cy = (int) ((hi[1] - lo[1]) / CELL_MM) + 1;
        cz = (int) ((hi[2] - lo[2]) / CELL_MM) + 1;
        int cells = cx * cy * cz;
        int[] counts = new int[cells + 1];
        int[] cellOf = new int[count];
        for (int i = 0; i < count; i++) {
            cellOf[i] = cell(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            counts[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            counts[c + 1] += counts[c];
        }
        cellStart = counts;
        order = new int[count];
        int[] fill = Arrays.copyOf(counts, cells);
        for (int i = 0; i < count; i++) {
            order[fill[cellOf[i]]++] = i;
        }
    }

    private int cell(double x, double y, double z) {
        int i = clamp((int) ((x - minX) / CELL_MM), cx), j = clamp((int) ((y - minY) / CELL_MM), cy);
        int k = clamp((int) ((z - minZ) / CELL_MM), cz);
        return i + cx * (j + cy * k);
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() {
        return count;
    }

    /** Wall point {@code i} (local mm). */
    public Vec3 point(int i) {
        return new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }

    /**
     * Signed distance (mm) from a local point to the canal wall: positive outside the canal, negative
     * inside; +infinity when there is no canal.
     */
    public double signedDistance(Vec3 p) {
        if (count == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int best = nearest(p.x(), p.y(), p.z());
        double dx = p.x() - xyz[3 * best], dy = p.y() - xyz[3 * best + 1], dz = p.z() - xyz[3 * best + 2];
        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        boolean inside;
        if (d > trustMm && p.z() >= labelledZMin && p.z() <= labelledZMax) {
            inside = labelledInside.test(p);
        } else {
            inside = dx * normals[3 * best] + dy * normals[3 * best + 1] + dz * normals[3 * best + 2] < 0;
        }
        return inside ? -d : d;
    }

    /** Index of the wall point nearest to (x, y, z), searching cells in growing shells. */
    private int nearest(double x, double y, double z) {
        double fx = (x - minX) / CELL_MM, fy = (y - minY) / CELL_MM, fz = (z - minZ) / CELL_MM;
        int ci = (int) Math.floor(fx), cj = (int) Math.floor(fy), ck = (int) Math.floor(fz);
        // distance from the point to the grid's box, in cells: the first shell that can hold points
        int start = Math.max(0, Math.max(Math.max(-ci, ci - (cx - 1)), Math.max(Math.max(-cj, cj - (cy - 1)),
            Math.max(-ck, ck - (cz - 1)))));
        int maxShell = start + Math.max(cx, Math.max(cy, cz)) + 1;
        double best2 = Double.MAX_VALUE;
        int best = -1;
        for (int shell = start; shell <= maxShell; shell++) {
            for (int k = ck - shell; k <= ck + shell; k++) {
                if (k < 0 || k >= cz) {
                    continue;
                }
                for (int j = cj - shell; j <= cj + shell; j++) {
                    if (j < 0 || j >= cy) {
                        continue;
                    }
                    boolean faceJK = Math.abs(k - ck) == shell || Math.abs(j - cj) == shell;
                    for (int i = ci - shell; i <= ci + shell; i++) {
                        if (i < 0 || i >= cx) {
                            continue;
                        }
                        if (!faceJK && Math.abs(i - ci) != shell) {
                            i = ci + shell - 1; // skip the inside of the shell
                            continue;
                        }
                        int c = i + cx * (j + cy * k);
                        for (int q = cellStart[c]; q < cellStart[c + 1]; q++) {
                            int pi = order[q];
                            double dx = x - xyz[3 * pi], dy = y - xyz[3 * pi + 1], dz = z - xyz[3 * pi + 2];
                            double d2 = dx * dx + dy * dy + dz * dz;
                            if (d2 < best2) {
                                best2 = d2;
                                best = pi;
                            }
                        }
                    }
                }
            }
            // every point beyond this shell is at least (shell) cells away from the point's own cell
            if (best >= 0 && Math.sqrt(best2) <= shell * CELL_MM) {
                break;
            }
        }
        return best;
    }
}
