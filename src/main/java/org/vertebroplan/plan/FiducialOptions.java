package org.vertebroplan.plan;

/**
 * Tuning of {@link FiducialDetector}. The defaults fit metal beads of 1-6 mm on the skin.
 *
 * @param thresholdHu     voxels at or above this are metal candidates (beads are > 2000 HU)
 * @param minDiameterMm   smaller blobs are noise or streak speckle
 * @param maxDiameterMm   larger blobs are implants, couch parts or contrast pools
 * @param maxExtentMm     the longest side of a blob's bounding box (rejects rods, wires, box markers)
 * @param airHu           HU below which a voxel counts as air outside the body
 * @param maxSkinDistanceMm a marker's centroid lies within this distance of air (on the skin)
 * @param boneHu          HU above which a voxel counts as bone, for the "inside bone" rejection
 */
public record FiducialOptions(int thresholdHu, double minDiameterMm, double maxDiameterMm, double maxExtentMm,
                              int airHu, double maxSkinDistanceMm, int boneHu) {

    public static FiducialOptions defaults() {
        return new FiducialOptions(2000, 1.2, 8.0, 12.0, -500, 8.0, 300);
    }
}
