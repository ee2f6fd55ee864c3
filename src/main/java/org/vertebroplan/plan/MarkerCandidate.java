package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * A dense blob found in the CT that may be a radiopaque skin marker, with what the detector measured
 * on it (see {@link FiducialDetector} for how) and, unless it was accepted, why it was rejected.
 *
 * @param lps            sub-voxel centre of the metal (occupancy-weighted centroid), LPS mm
 * @param peakHu         the highest HU in the blob
 * @param diameterMm     diameter of the sphere with the blob's metal volume (HU integral over the local
 *                       background, divided by the bead's contrast), mm
 * @param voxels         number of voxels of the blob at its detection threshold
 * @param extentMm       largest extent of the blob's bounding box at its detection threshold, mm
 * @param skinDistanceMm distance from the centre to the nearest voxel of air outside the patient, mm; +infinity
 *                       when none lies within the search radius (or the candidate was not measured that far)
 * @param contrastHu     how far the peak voxel stands above what it would be without the blob (the CT
 *                       beside the blob at the same height over the skin)
 * @param spread         metal in the voxels around the blob's two brightest over the metal in those two
 *                       (about 0 for a noise voxel or pair, about 1 or more for a bead)
 * @param elongation     longest over middle principal spread of the metal, sampling allowance removed
 *                       (1 for a sphere)
 * @param density        the brightest voxel's metal occupancy over the least a bead of the measured metal
 *                       volume gives it (1 or more for a bead, about 0.3 or less for plastic or bone)
 * @param tissueFraction fraction of a shell just outside the blob that is soft tissue (between the air and
 *                       bone levels): the skin a bead lies on
 * @param boneFraction   fraction of that shell that is bone (or anything as dense: couch, implants)
 * @param outward        unit LPS direction from the centre towards the air around it (the skin's outward
 *                       normal for a bead on the skin), or null when no air surrounds it
 * @param rejection      null for an accepted marker, else why it was rejected (shown to the user)
 */
public record MarkerCandidate(Vec3 lps, int peakHu, double diameterMm, int voxels, double extentMm,
                              double skinDistanceMm, double contrastHu, double spread, double elongation,
                              double density, double tissueFraction, double boneFraction, Vec3 outward,
                              String rejection) {

    public boolean accepted() {
        return rejection == null;
    }

    /** This candidate rejected for {@code reason}. */
    public MarkerCandidate rejected(String reason) {
        return new MarkerCandidate(lps, peakHu, diameterMm, voxels, extentMm, skinDistanceMm, contrastHu, spread,
            elongation, density, tissueFraction, boneFraction, outward, reason);
    }
}
