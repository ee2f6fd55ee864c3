package org.vertebroplan.plan;

import java.util.List;
import org.vertebroplan.geom.Vec3;

/**
 * The safety verdict on one planned needle.
 *
 * @param id              the needle's id in the plan
 * @param canalDistanceMm smallest distance from the needle to the spinal canal's wall: positive, the
 *                        gap between the needle's surface and the canal; negative, how deep the needle
 *                        reaches into the canal (the deepest point of the needle inside it); NaN when no
 *                        canal was found
 * @param breach          the needle leaves the vertebra's bone between the pedicle and the target
 * @param breachAtLps     where the first breach starts, or null
 * @param breachWall      the wall it leaves through, or null
 * @param targetInBody    the tip lies in the vertebral body, in front of its posterior wall
 * @param pedicleWidthMm  the narrowest width of the bone across the needle where it passes the
 *                        pedicle (the isthmus), NaN when not measured
 * @param frame           the frame of the needle's vertebra, or null when it could not be measured
 * @param verdict         safe, warning or unsafe
 * @param reasons         why, in words for the surgeon (empty when safe)
 */
public record NeedleSafety(String id, double canalDistanceMm, boolean breach, Vec3 breachAtLps, BreachWall breachWall,
                           boolean targetInBody, double pedicleWidthMm, VertebraFrame frame, Verdict verdict,
                           List<String> reasons) {

    public NeedleSafety {
        reasons = List.copyOf(reasons);
    }

    /** The overall judgement, ordered from best to worst. */
    public enum Verdict {
        SAFE, WARNING, UNSAFE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The worse of two verdicts. */
        public Verdict and(Verdict other) {
            return ordinal() >= other.ordinal() ? this : other;
        }
    }

    /** A verdict for a needle that could not be checked: never safe. */
    public static NeedleSafety notChecked(String id, String why) {
        return new NeedleSafety(id, Double.NaN, false, null, null, false, Double.NaN, null, Verdict.UNSAFE,
            List.of("not checked: " + why));
    }
}
