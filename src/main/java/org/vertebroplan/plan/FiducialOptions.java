package org.vertebroplan.plan;

/**
 * Tuning of {@link FiducialDetector}. The defaults fit metal beads of 1.5-4 mm taped on the skin, about
 * 20-50 mm apart in a line along the spine, on thin or thick (3 mm) slices.
 *
 * <p>The first four find candidates, the next eleven judge each one (a failed rule gives the reason shown
 * to the user), the last one judges how three of them lie together.
 *
 * @param thresholdHu     voxels at or above this are metal: every blob of them is a candidate (beads are
 *                        > 2000 HU where partial volume leaves them whole)
 * @param minPeakHu       a blob near the skin that never reaches {@code thresholdHu} (a small bead blurred
 *                        by partial volume, e.g. 1.5 mm on 3 mm slices) is looked at when its peak reaches
 *                        this
 * @param minContrastHu   ... and its peak stands at least this far above what lies beside it at the same
 *                        height over the skin (what the voxel would be without the bead)
 * @param beadHu          nominal CT number of a bead, the full-occupancy level used to turn the HU integral
 *                        over a blob into a metal volume; a brighter peak is used instead
 * @param minDiameterMm   the diameter of the sphere with the candidate's metal volume must reach this
 *                        ("too small": speckle)
 * @param maxDiameterMm   ... and stay below this ("too large": implants, couch parts, contrast)
 * @param maxExtentMm     the longest side of a blob's bounding box at its threshold (rods, wires, streaks)
 * @param maxElongation   longest over middle principal spread of the metal, once the longest is allowed half
 *                        a voxel of sampling spread along it (rods, wires, streak pieces)
 * @param minSpread       the metal around a blob's two brightest voxels must reach this fraction of the metal
 *                        in them; less is an isolated noise voxel (or pair), which a real bead, wider than a
 *                        voxel wherever it fills one, never is (metal blobs only: noise voxels are bright)
 * @param minDensity      the brightest voxel's metal occupancy over the least that a ball of the measured
 *                        metal volume gives its brightest voxel (spread evenly over eight voxels, or 1 for a
 *                        ball larger than that) must reach this; plastic (the couch), bone chips and
 *                        calcifications, bright but not metal, stay far below (about 0.3), beads reach 0.6 or
 *                        more even when blurred
 * @param airHu           HU below which a voxel is air
 * @param maxSkinDistanceMm air outside the patient (connected to the volume's side faces, not lung or bowel
 *                        gas) must lie within this distance of the bead's surface (it sits on the skin)
 * @param minBodyFraction ... and at least this fraction of a shell just outside the bead must be soft tissue
 *                        (within 200 HU of water: skin, fat, muscle): it lies on the skin, not in the air on a
 *                        blanket or on the couch (whose plastic is denser)
 * @param boneHu          HU above which a voxel is bone
 * @param maxBoneFraction a candidate whose surrounding shell is more than this fraction bone (or anything as
 *                        dense: the couch) is inside bone or lies on the couch, not on the skin
 * @param pattern         how the three markers lie relative to each other
 */
public record FiducialOptions(int thresholdHu, int minPeakHu, int minContrastHu, int beadHu,
                              double minDiameterMm, double maxDiameterMm, double maxExtentMm, double maxElongation,
                              double minSpread, double minDensity,
                              int airHu, double maxSkinDistanceMm, double minBodyFraction, int boneHu,
                              double maxBoneFraction, Pattern pattern) {

    /**
     * The three-marker pattern: beads in a line along the spine with similar spacing. Candidates
     * M1, M2, M3 in order along their line, with spacings d1 = |M1 M2| and d2 = |M2 M3|.
     *
     * @param minSpacingMm    each spacing at least this
     * @param maxSpacingMm    each spacing at most this
     * @param minSpacingRatio the shorter spacing over the longer one at least this
     * @param maxBendDeg      the angle between M1 -> M2 and M2 -> M3 at most this (near-collinear)
     * @param maxLineTiltDeg  the angle between the line M1 M3 and the cranio-caudal axis at most this
     */
    public record Pattern(double minSpacingMm, double maxSpacingMm, double minSpacingRatio, double maxBendDeg,
                          double maxLineTiltDeg) {

        public static Pattern defaults() {
            return new Pattern(15, 60, 0.5, 20, 45);
        }
    }

    public static FiducialOptions defaults() {
        return new FiducialOptions(2000, 250, 300, 3000,
            1.3, 6.0, 12.0, 2.0,
            0.9, 0.45,
            -500, 3.0, 0.25, 300,
            0.15, Pattern.defaults());
    }
}
