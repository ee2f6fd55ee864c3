package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * A dense blob found in the CT that may be a radiopaque skin marker.
 *
 * @param lps          sub-voxel centroid (HU-weighted above the threshold), LPS mm
 * @param peakHu       the highest HU in the blob
 * @param diameterMm   diameter of the sphere with the blob's volume
 * @param voxels       number of voxels above the threshold
 * @param extentMm     largest extent of the blob's bounding box, mm
 * @param skinDistanceMm distance from the centroid to the nearest air voxel (HU below the air
 *                     threshold) found in the search radius, or +infinity when none was found
 * @param rejection    null for an accepted marker, else why it was rejected (shown to the user)
 */
public record MarkerCandidate(Vec3 lps, int peakHu, double diameterMm, int voxels, double extentMm,
                              double skinDistanceMm, String rejection) {

    public boolean accepted() {
        return rejection == null;
    }
}
