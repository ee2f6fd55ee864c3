package org.vertebroplan.plan;

/**
 * Tuning of {@link SafetyAnalyzer}.
 *
 * @param stepMm            sampling step along the needle
 * @param ringPoints        points sampled on the needle surface around each axis sample
 * @param minBreachRunMm    a stretch outside bone at least this long after the needle is fully in bone
 *                          is a breach (shorter ones are partial-volume noise)
 * @param canalWarningMm    a needle surface closer than this to the canal is a warning
 * @param needleGapWarningMm two needle surfaces closer than this are a warning
 * @param segmentation      how the level is segmented
 */
public record SafetyOptions(double stepMm, int ringPoints, double minBreachRunMm, double canalWarningMm,
                            double needleGapWarningMm, SegmentationOptions segmentation) {

    public static SafetyOptions defaults() {
        return new SafetyOptions(0.25, 8, 1.0, 2.0, 1.0, SegmentationOptions.defaults());
    }
}
