package org.vertebroplan.phantom;

import org.vertebroplan.geom.Vec3;

/**
 * The canonical sampling grid of the phantom in LPS: voxel (a, b, c) has its centre at
 * {@code originLps + (a * dx, b * dy, c * dz)}, a along +x (left), b along +y (posterior), c along +z
 * (superior). {@link #DEFAULT} covers the whole body outline, the back skin with its markers and the
 * table top, and L2 with the endplates of L1 and L3: 416 x 292 x 70 voxels of 0.75 x 0.75 x 1 mm.
 */
public record PhantomGrid(int nx, int ny, int nz, double dx, double dy, double dz, Vec3 originLps) {

    public static final PhantomGrid DEFAULT = centred(416, 292, 70, 0.75, 0.75, 1.0, -128);

    public PhantomGrid {
        if (nx <= 0 || ny <= 0 || nz <= 0 || !(dx > 0 && dy > 0 && dz > 0)) {
            throw new IllegalArgumentException("bad phantom grid");
        }
    }

    /**
     * A grid centred left-right on the midline and cranio-caudally on the L2 body, starting
     * {@code -vMin} mm anterior of the body centre.
     */
    public static PhantomGrid centred(int nx, int ny, int nz, double dx, double dy, double dz, double vMin) {
        Vec3 c = PhantomAnatomy.CENTRE_LPS;
        return new PhantomGrid(nx, ny, nz, dx, dy, dz,
            new Vec3(c.x() - (nx - 1) * dx / 2, c.y() + vMin, c.z() - (nz - 1) * dz / 2));
    }

    public Vec3 lps(double a, double b, double c) {
        return new Vec3(originLps.x() + a * dx, originLps.y() + b * dy, originLps.z() + c * dz);
    }

    /** LPS of the far corner voxel centre. */
    public Vec3 maxLps() {
        return lps(nx - 1, ny - 1, nz - 1);
    }

    /** The mean voxel size, used as the partial-volume edge width. */
    public double meanSpacing() {
        return (dx + dy + dz) / 3;
    }
}
