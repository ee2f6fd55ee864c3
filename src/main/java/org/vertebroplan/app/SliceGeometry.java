package org.vertebroplan.app;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The pixel grid of one slice view of a volume: square pixels on a plane given by three orthonormal
 * LPS directions, {@code right} (increasing screen x), {@code down} (increasing screen y) and
 * {@code normal} (perpendicular to both; the coordinate the slice position is measured along). Pixel (u, v)
 * (pixel centres at integers) lies at
 * {@code right * (rightMin + u * pixelMm) + down * (downMin + v * pixelMm) + normal * position}.
 *
 * <p>{@link #of} covers the LPS bounding box of the volume's voxel centres on the plane of a standard
 * {@link SliceOrientation}. Because the grid is built in LPS, not in voxel indices, any
 * {@code ijkToLps} (feet-first, prone, flipped rows, oblique) is displayed in the same radiological
 * orientation. Its pixel size is the smallest voxel spacing, enlarged if needed so that no side
 * exceeds {@link #MAX_SIDE} pixels. {@link #around} is a square window on any (oblique) plane, as
 * the views that follow a needle use; an oblique plane is just another sampling basis.
 *
 * @param right       LPS unit direction of increasing screen x
 * @param down        LPS unit direction of increasing screen y
 * @param normal      LPS unit normal of the plane
 * @param rightMin    LPS coordinate along {@code right} of pixel column 0
 * @param downMin     LPS coordinate along {@code down} of pixel row 0
 * @param normalMin   smallest LPS coordinate of the volume along the normal
 * @param normalMax   largest LPS coordinate of the volume along the normal
 * @param normalStep  voxel spacing along the normal (for stepping through slices)
 * @param pixelMm     pixel size in mm
 * @param width       pixel columns
 * @param height      pixel rows
 */
public record SliceGeometry(Vec3 right, Vec3 down, Vec3 normal, double rightMin, double downMin, double normalMin,
                            double normalMax, double normalStep, double pixelMm, int width, int height) {

    /** Largest image side in pixels. */
    public static final int MAX_SIDE = 1024;

    /** The grid of a volume seen in an orientation. */
    public static SliceGeometry of(Volume volume, SliceOrientation o) {
        double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] d = {Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] n = {Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) {
            Vec3 p = volume.lpsOf((c & 1) * (volume.nx() - 1), ((c >> 1) & 1) * (volume.ny() - 1),
                ((c >> 2) & 1) * (volume.nz() - 1));
            widen(r, p.dot(o.right()));
            widen(d, p.dot(o.down()));
            widen(n, p.dot(o.normal()));
        }
        double[] s = volume.spacingMm();
        double pixel = Math.min(s[0], Math.min(s[1], s[2]));
        double extent = Math.max(r[1] - r[0], d[1] - d[0]);
        pixel = Math.max(pixel, extent / (MAX_SIDE - 1));
        int w = (int) Math.floor((r[1] - r[0]) / pixel + 1e-6) + 1;
        int h = (int) Math.floor((d[1] - d[0]) / pixel + 1e-6) + 1;
        double step = 0;
        for (int a = 0; a < 3; a++) {
            step = Math.max(step, Math.abs(volume.ijkToLps().column(a).dot(o.normal())));
        }
        return new SliceGeometry(o.right(), o.down(), o.normal(), r[0], d[0], n[0], n[1], step, pixel, w, h);
    }

    /**
     * A square window of side {@code 2 * halfSizeMm} centred on {@code centreLps} in the plane through it
     * spanned by {@code right} and {@code down} (unit, orthogonal; the normal is right x down), with
     * {@code pixelMm} pixels; the slice position range is the centre's alone (stepped by {@code normalStep}).
     */
    public static SliceGeometry around(Vec3 right, Vec3 down, Vec3 centreLps, double halfSizeMm, double pixelMm,
                                       double normalStep) {
        Vec3 normal = right.cross(down).normalized();
        int side = (int) Math.ceil(2 * halfSizeMm / pixelMm) + 1;
        double half = (side - 1) * pixelMm / 2;
        double n = centreLps.dot(normal);
        return new SliceGeometry(right, down, normal, centreLps.dot(right) - half, centreLps.dot(down) - half, n, n,
            normalStep, pixelMm, side, side);
    }

    /** The LPS point of pixel (u, v) on the plane through {@code onPlane} (parallel to this slice). */
    public Vec3 lpsAt(double u, double v, Vec3 onPlane) {
        return lpsAt(u, v, normalPositionOf(onPlane));
    }

    private static void widen(double[] range, double v) {
        range[0] = Math.min(range[0], v);
        range[1] = Math.max(range[1], v);
    }

    /** The LPS point of pixel (u, v) on the plane at the given normal position. */
    public Vec3 lpsAt(double u, double v, double normalPosition) {
        return right.times(rightMin + u * pixelMm).plus(down.times(downMin + v * pixelMm))
            .plus(normal.times(normalPosition));
    }

    /** Pixel coordinates {u, v} of an LPS point projected on the plane. */
    public double[] pixelOf(Vec3 lps) {
        return new double[] {(lps.dot(right) - rightMin) / pixelMm, (lps.dot(down) - downMin) / pixelMm};
    }

    /** The slice position (LPS coordinate along the normal) of a point. */
    public double normalPositionOf(Vec3 lps) {
        return lps.dot(normal);
    }

    /** Clamps a slice position into the volume. */
    public double clampNormal(double position) {
        return Math.max(normalMin, Math.min(normalMax, position));
    }
}
