package org.vertebroplan.rehearsal;

import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Side;

/**
 * One reference needle against the trainee's needle matched to it.
 *
 * @param referenceId    the needle's id in the reference plan
 * @param attemptId      the matched needle's id in the attempt
 * @param matchedBy      "id", "side and level" or "side"
 * @param entryErrorMm   distance between the entry points
 * @param targetErrorMm  distance between the targets (tips)
 * @param angleErrorDeg  angle between the two directions (entry to target)
 * @param depthErrorMm   attempt depth minus reference depth (positive: the trainee went deeper)
 * @param safety         the safety check of the trainee's needle on the CT, or null without the CT
 * @param score          0 to 100, see {@link Scorer}
 */
public record NeedleScore(String referenceId, String attemptId, String matchedBy, Side side, String level,
                          double entryErrorMm, double targetErrorMm, double angleErrorDeg, double depthErrorMm,
                          NeedleSafety safety, double score) {
}
