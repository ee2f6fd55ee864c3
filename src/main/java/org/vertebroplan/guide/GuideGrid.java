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
        int nx = (int) Math.ceil((max[0] - min[0]) / spacingMm) + 1;
        int ny = (int) Math.ceil((max[1] - min[1]) / spacingMm) + 1;
        int nz = (int) Math.ceil((max[2] - min[2]) / spacingMm) + 1;
        long n = (long) nx * ny * nz;
        if (n > 60_000_000L) {
            throw new IllegalArgumentException(String.format("the guide would need a %d x %d x %d grid: markers and"
                + " entry points are too far apart for one base (or the voxel size is too small)", nx, ny, nz));
        }
        Vec3 corner = originLps.plus(along.times(min[0])).plus(left.times(min[1])).plus(above.times(min[2]));
        return new GuideGrid(nx, ny, nz, spacingMm, Affine3.fromColumns(along.times(spacingMm),
            left.times(spacingMm), above.times(spacingMm), corner));
    }

    int size() {
        return nx * ny * nz;
    }
}
