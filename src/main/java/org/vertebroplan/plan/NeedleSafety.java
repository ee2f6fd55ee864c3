package org.vertebroplan.plan;

import java.util.List;
import org.vertebroplan.geom.Vec3;

/**
 * The safety verdict on one planned needle.
 *
 * @param id              the needle's id in the plan
 * @param canalDistanceMm smallest distance from the needle surface to the spinal canal (negative: it
 *                        enters the canal); NaN when no canal was found
 * @param breach          the needle leaves bone between the pedicle and the target
 * @param breachAtLps     where the first breach starts, or null
 * @param breachWall      "medial", "lateral", "anterior" or null
 * @param targetInBody    the tip lies in the cancellous body, in front of the posterior wall
 * @param verdict         safe, warning or unsafe
 * @param reasons         why, in words for the surgeon (empty when safe)
 */
public record NeedleSafety(String id, double canalDistanceMm, boolean breach, Vec3 breachAtLps, String breachWall,
                           boolean targetInBody, Verdict verdict, List<String> reasons) {

    /** The overall judgement, ordered from best to worst. */
    public enum Verdict {
        SAFE, WARNING, UNSAFE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
