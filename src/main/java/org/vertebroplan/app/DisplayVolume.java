package org.vertebroplan.app;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A coarser copy of a CT for display surfaces that need no fine detail (the semi-transparent skin).
 *
 * <p>How: each axis gets an integer factor so that its spacing becomes at least
 * {@code minSpacingMm}; every output voxel is the mean HU of its block of input voxels (a partial
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

    /** The per-axis factors that bring each spacing to at least {@code minSpacingMm}. */
    static int[] factors(Volume v, double minSpacingMm) {
        double[] s = v.spacingMm();
        int[] f = new int[3];
        for (int a = 0; a < 3; a++) {
            f[a] = Math.max(1, (int) Math.floor(minSpacingMm / s[a] + 1e-9));
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

    /** One 1D min or max over three neighbours along an axis (the border repeats its edge voxel). */
    private static short[] pass(short[] in, int nx, int ny, int nz, int axis, boolean max) {
        short[] out = new short[in.length];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int n = axis == 0 ? nx : axis == 1 ? ny : nz;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = i + nx * (j + ny * k);
                    int pos = axis == 0 ? i : axis == 1 ? j : k;
                    short c = in[idx];
                    short lo = pos > 0 ? in[idx - stride] : c;
                    short hi = pos < n - 1 ? in[idx + stride] : c;
                    out[idx] = max ? (short) Math.max(c, Math.max(lo, hi)) : (short) Math.min(c, Math.min(lo, hi));
                }
            }
        }
        return out;
    }

    /** The block-mean copy (the input itself when every factor is 1). */
    static Volume downsample(Volume v, double minSpacingMm) {
        int[] f = factors(v, minSpacingMm);
        if (f[0] == 1 && f[1] == 1 && f[2] == 1) {
            return v;
        }
        int nx = (v.nx() + f[0] - 1) / f[0];
        int ny = (v.ny() + f[1] - 1) / f[1];
        int nz = (v.nz() + f[2] - 1) / f[2];
        short[] out = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    long sum = 0;
                    int count = 0;
                    for (int kk = k * f[2]; kk < Math.min(v.nz(), (k + 1) * f[2]); kk++) {
                        for (int jj = j * f[1]; jj < Math.min(v.ny(), (j + 1) * f[1]); jj++) {
                            for (int ii = i * f[0]; ii < Math.min(v.nx(), (i + 1) * f[0]); ii++) {
                                sum += v.get(ii, jj, kk);
                                count++;
                            }
                        }
                    }
                    out[i + nx * (j + ny * k)] = (short) Math.round((double) sum / count);
                }
            }
        }
        Affine3 m = v.ijkToLps();
        Vec3 origin = v.lpsOf((f[0] - 1) / 2.0, (f[1] - 1) / 2.0, (f[2] - 1) / 2.0);
        Affine3 coarse = Affine3.fromColumns(m.column(0).times(f[0]), m.column(1).times(f[1]),
            m.column(2).times(f[2]), origin);
        return new Volume(nx, ny, nz, out, coarse);
    }
}
