package org.vertebroplan.volume;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * A CT volume: Hounsfield units as a flat {@code short[]} with dimensions and the voxel-to-patient
 * map {@code ijkToLps} (DICOM LPS, millimetres). Voxel (i, j, k) is stored at
 * {@code i + nx * (j + ny * k)}: i runs along the DICOM row direction, j along the column direction,
 * k along the slice normal (row x column), see docs/architecture.md.
 *
 * <p>Immutable by contract: the array is not copied on construction (volumes are large), so callers
 * hand over ownership and must not modify it afterwards; {@link #voxels()} returns the live array for
 * fast read-only loops.
 */
public final class Volume {

    private final int nx;
    private final int ny;
    private final int nz;
    private final short[] hu;
    private final Affine3 ijkToLps;
    private final Affine3 lpsToIjk;

    public Volume(int nx, int ny, int nz, short[] hu, Affine3 ijkToLps) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if ((long) nx * ny * nz != hu.length) {
            throw new IllegalArgumentException("voxel array has " + hu.length + " values, dimensions need "
                + (long) nx * ny * nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.hu = hu;
        this.ijkToLps = ijkToLps;
        this.lpsToIjk = ijkToLps.inverse();
    }

    /**
     * A volume on an axis-aligned grid: row direction +x (L), column direction +y (P), slices along +z.
     */
    public static Volume axisAligned(int nx, int ny, int nz, short[] hu, Vec3 originLps, double si, double sj,
                                     double sk) {
        return new Volume(nx, ny, nz, hu,
            Affine3.fromColumns(Vec3.X.times(si), Vec3.Y.times(sj), Vec3.Z.times(sk), originLps));
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public long voxelCount() {
        return hu.length;
    }

    /** The live voxel array (read-only by contract). */
    public short[] voxels() {
        return hu;
    }

    public Affine3 ijkToLps() {
        return ijkToLps;
    }

    public Affine3 lpsToIjk() {
        return lpsToIjk;
    }

    /** Voxel spacing in mm along i, j, k. */
    public double[] spacingMm() {
        return new double[] {ijkToLps.column(0).norm(), ijkToLps.column(1).norm(), ijkToLps.column(2).norm()};
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public short get(int i, int j, int k) {
        return hu[i + nx * (j + ny * k)];
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    public Vec3 lpsOf(double i, double j, double k) {
        return ijkToLps.apply(i, j, k);
    }

    /**
     * Trilinear HU at an LPS point; {@code outside} where the point lies outside the voxel grid.
     */
    public double sample(Vec3 lps, double outside) {
        Vec3 p = lpsToIjk.apply(lps);
        return sampleIjk(p.x(), p.y(), p.z(), outside);
    }

    /**
     * Trilinear HU at fractional voxel coordinates (i, j, k); {@code outside} beyond the voxel grid.
     * For hot loops that step through the volume in voxel coordinates without allocating.
     */
    public double sampleIjk(double x, double y, double z, double outside) {
        if (!(x >= 0 && y >= 0 && z >= 0 && x <= nx - 1 && y <= ny - 1 && z <= nz - 1)) {
            return outside;
        }
        int i0 = Math.min((int) x, Math.max(nx - 2, 0));
        int j0 = Math.min((int) y, Math.max(ny - 2, 0));
        int k0 = Math.min((int) z, Math.max(nz - 2, 0));
        int i1 = Math.min(i0 + 1, nx - 1), j1 = Math.min(j0 + 1, ny - 1), k1 = Math.min(k0 + 1, nz - 1);
        double fx = x - i0, fy = y - j0, fz = z - k0;
        double c00 = get(i0, j0, k0) * (1 - fx) + get(i1, j0, k0) * fx;
        double c10 = get(i0, j1, k0) * (1 - fx) + get(i1, j1, k0) * fx;
        double c01 = get(i0, j0, k1) * (1 - fx) + get(i1, j0, k1) * fx;
        double c11 = get(i0, j1, k1) * (1 - fx) + get(i1, j1, k1) * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return c0 * (1 - fz) + c1 * fz;
    }

    /** The exact sum of all voxel values. */
    public long huSum() {
        long s = 0;
        for (short v : hu) {
            s += v;
        }
        return s;
    }

    /** The voxel axis (0 i, 1 j, 2 k) closest to the patient's cranio-caudal (LPS z) axis. */
    public int longitudinalAxis() {
        int best = 0;
        double bestZ = -1;
        for (int a = 0; a < 3; a++) {
            double z = Math.abs(ijkToLps().column(a).normalized().z());
            if (z > bestZ) {
                bestZ = z;
                best = a;
            }
        }
        return best;
    }
}
