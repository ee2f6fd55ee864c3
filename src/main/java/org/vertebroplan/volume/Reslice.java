package org.vertebroplan.volume;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * Resamples a CT on another grid: a box of {@code nx x ny x nz} voxels whose voxel (i, j, k) lies at
 * {@code gridToLps(i, j, k)} in the CT's LPS. The result keeps its own coordinates: its
 * {@code ijkToLps} is {@code ijkToFrame}, so a caller that reslices in a vertebra's frame gets a
 * volume whose "LPS" are that frame's local millimetres (docs/architecture.md, "Vertebra frame").
 *
 * <p>How: one affine from the new voxel to the CT's fractional voxel (CT lpsToIjk composed with the
 * grid's map), stepped along i without allocation; trilinear interpolation; slabs of k in parallel.
 * Outside the CT the value is {@code outsideHu}.
 *
 * <p>Limits: no anti-aliasing; meant for grids as fine as the CT or finer.
 */
public final class Reslice {

    private Reslice() {
    }

    /**
     * @param ct         the CT
     * @param ijkToFrame voxel (i, j, k) of the new grid to the coordinates the result will carry
     * @param frameToLps those coordinates to the CT's LPS
     */
    public static Volume of(Volume ct, int nx, int ny, int nz, Affine3 ijkToFrame, Affine3 frameToLps,
                            short outsideHu) {
        long count = (long) nx * ny * nz;
        if (nx <= 0 || ny <= 0 || nz <= 0 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("reslice grid " + nx + "x" + ny + "x" + nz + " is not possible");
        }
        Affine3 toCt = ct.lpsToIjk().compose(frameToLps).compose(ijkToFrame);
        Vec3 o = toCt.translation();
        Vec3 di = toCt.column(0), dj = toCt.column(1), dk = toCt.column(2);
        short[] out = new short[(int) count];
        short[] hu = ct.voxels();
        int cx = ct.nx(), cy = ct.ny(), cz = ct.nz(), sy = cx, sz = cx * cy;
        Parallel.forEach(Parallel.defaultThreads(), nz, k -> {
            for (int j = 0; j < ny; j++) {
                double x = o.x() + dj.x() * j + dk.x() * k;
                double y = o.y() + dj.y() * j + dk.y() * k;
                double z = o.z() + dj.z() * j + dk.z() * k;
                int base = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    if (x >= 0 && y >= 0 && z >= 0 && x < cx - 1 && y < cy - 1 && z < cz - 1) {
                        // inside: trilinear on the array directly
                        int i0 = (int) x, j0 = (int) y, k0 = (int) z;
                        double fx = x - i0, fy = y - j0, fz = z - k0;
                        int p = i0 + sy * j0 + sz * k0;
                        double c00 = hu[p] + fx * (hu[p + 1] - hu[p]);
                        double c10 = hu[p + sy] + fx * (hu[p + sy + 1] - hu[p + sy]);
                        double c01 = hu[p + sz] + fx * (hu[p + sz + 1] - hu[p + sz]);
                        double c11 = hu[p + sy + sz] + fx * (hu[p + sy + sz + 1] - hu[p + sy + sz]);
                        double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
                        out[base + i] = (short) Math.round(c0 + fz * (c1 - c0));
                    } else {
                        out[base + i] = (short) Math.round(ct.sampleIjk(x, y, z, outsideHu));
                    }
                    x += di.x();
                    y += di.y();
                    z += di.z();
                }
            }
        });
        return new Volume(nx, ny, nz, out, ijkToFrame);
    }
}
