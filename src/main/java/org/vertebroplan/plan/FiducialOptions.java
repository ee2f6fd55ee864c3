package org.vertebroplan.plan;

/**
 * Tuning of {@link FiducialDetector}. The defaults fit metal beads of 1.5-4 mm taped on the skin, about
 * 20-50 mm apart in a line along the spine, on thin or thick (3 mm) slices.
 *
 * <p>The first four find candidates, the next twelve judge each one (a failed rule gives the reason shown
 * to the user), the last one judges how three of them lie together.
 *
 * @param thresholdHu     voxels at or above this are metal: every blob of them is a candidate (beads are
 *                        > 2000 HU where partial volume leaves them whole)
 * @param minPeakHu       a blob near the skin that never reaches {@code thresholdHu} (a small bead blurred
 *                        by partial volume, e.g. 1.5 mm on 3 mm slices) is looked at when its peak reaches
 *                        this
 * @param minContrastHu   ... and it stands out of everything around it (its peak minus the highest value on
 *                        a shell just outside it) by at least this
 * @param beadHu          nominal CT number of a bead, the full-occupancy level used to turn the HU integral
 *                        over a blob into a metal volume; a brighter peak is used instead
 * @param minDiameterMm   the diameter of the sphere with the candidate's metal volume must reach this
 *                        ("too small": speckle)
 * @param maxDiameterMm   ... and stay below this ("too large": implants, couch parts, contrast)
 * @param maxExtentMm     the longest side of a blob's bounding box at its threshold (rods, wires, streaks)
 * @param maxElongation   longest over middle principal spread of the metal, once the longest is allowed half
 *                        a voxel of sampling spread along it (rods, wires, streak pieces)
 * @param minEdge         along every fine voxel axis, a neighbour of the peak voxel must climb at least this
 *                        fraction of the way from the background to the peak; less is an isolated noise voxel
 *                        or a pair of them, which a real bead, blurred by partial volume, never is
 * @param maxPeakFraction the two brightest voxels may hold at most this fraction of the metal volume; more is
 *                        a sharp-edged noise voxel (or pair), which a real bead's partial-volume edge never is
 * @param minDensity      metal volume over the volume of the voxels above half the peak occupancy (the mean
 *                        occupancy of the bright core); low for bone chips and calcifications, which are not
 *                        dense enough for metal even where they are bright
 * @param airHu           HU below which a voxel is air
 * @param maxSkinDistanceMm air outside the patient (connected to the volume's side faces, not lung or bowel
 *                        gas) must lie within this distance of the bead's surface (it sits on the skin)
 * @param minBodyFraction ... and at least this fraction of a shell just outside the bead must be body (it
 *                        touches the skin and does not float in the air on a blanket or the couch)
 * @param boneHu          HU above which a voxel is bone
 * @param maxBoneFraction a candidate whose surrounding shell is more than this fraction bone is inside bone
 * @param pattern         how the three markers lie relative to each other
 */
public record FiducialOptions(int thresholdHu, int minPeakHu, int minContrastHu, int beadHu,
                              double minDiameterMm, double maxDiameterMm, double maxExtentMm, double maxElongation,
                              double minEdge, double maxPeakFraction, double minDensity,
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
        return new FiducialOptions(2000, 250, 200, 3000,
            1.2, 6.0, 12.0, 2.0,
            0.2, 0.8, 0.2,
            -500, 3.0, 0.05, 300,
            0.5, Pattern.defaults());
    }
}
