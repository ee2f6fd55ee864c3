package org.vertebroplan.plan;

/**
 * Tuning of {@link VertebraSegmentation}.
 *
 * @param barrierHu     voxels at or above this are bone walls (cortex); below it is soft tissue, canal or
 *                      cancellous interior
 * @param canalMaxHu    an enclosed region whose mean HU is below this is a canal candidate (CSF, cord,
 *                      epidural fat); cancellous bone is denser
 * @param minCanalAreaMm2 smallest cross-section of a canal candidate
 * @param maxCanalAreaMm2 largest cross-section of a canal candidate
 * @param halfWidthMm   half size of the square region analysed around the level, in the slice plane
 * @param halfHeightMm  how far up and down the body's endplates are searched for
 * @param closingMm     gaps in the cortex up to about twice this wide are bridged before the enclosure
 *                      test (morphological closing); 0 turns it off
 */
public record SegmentationOptions(int barrierHu, int canalMaxHu, double minCanalAreaMm2, double maxCanalAreaMm2,
                                  double halfWidthMm, double halfHeightMm, double closingMm) {

    public static SegmentationOptions defaults() {
        return new SegmentationOptions(200, 90, 20, 700, 60, 30, 1.5);
    }
}
