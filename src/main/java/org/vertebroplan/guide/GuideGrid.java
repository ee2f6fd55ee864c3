package org.vertebroplan.guide;

import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * The isotropic grid the base is designed on, aligned with the marker frame: i along the marker line
 * (cranial), j to the patient's left, k out of the back (above the skin). {@code ijkToLps} maps voxel
 * centres to LPS; the grid only covers the guide's footprint and height, so a 0.3 mm grid stays small.
 */
record GuideGrid(int nx, int ny, int nz, double spacingMm, Affine3 ijkToLps) {

    static GuideGrid covering(Vec3 originLps, Vec3 along, Vec3 left, Vec3 above, double[] min, double[] max,
                              double spacingMm) {
        // in double first: far-apart points must not overflow the counts into small or negative numbers
        double fx = Math.ceil((max[0] - min[0]) / spacingMm) + 1;
        double fy = Math.ceil((max[1] - min[1]) / spacingMm) + 1;
        double fz = Math.ceil((max[2] - min[2]) / spacingMm) + 1;
        if (!(fx * fy * fz <= 60_000_000.0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the guide would need a %.0f x %.0f"
                + " x %.0f grid: markers and entry points are too far apart for one base (or the voxel size is too"
                + " small)", fx, fy, fz));
        }
        int nx = (int) fx, ny = (int) fy, nz = (int) fz;
        Vec3 corner = originLps.plus(along.times(min[0])).plus(left.times(min[1])).plus(above.times(min[2]));
        return new GuideGrid(nx, ny, nz, spacingMm, Affine3.fromColumns(along.times(spacingMm),
            left.times(spacingMm), above.times(spacingMm), corner));
    }

    int size() {
        return nx * ny * nz;
    }
}
