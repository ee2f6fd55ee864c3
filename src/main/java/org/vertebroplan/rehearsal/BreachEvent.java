package org.vertebroplan.rehearsal;

import java.util.Objects;

/**
 * A breach the safety check found on the way, while the trainee moved a needle (it may have been
 * corrected before the end): when, which needle, how deep it was, the wall it left through and the
 * check's words. Recorded by the workstation's rehearsal mode; reported at the end, not scored (the
 * score judges the needles where they end).
 *
 * @param atSeconds seconds from the start of the attempt
 * @param needleId  the trainee's needle (its id in the attempt's plan)
 * @param depthMm   the needle's depth beyond the skin when it was found
 * @param wall      the breached wall ({@code plan.BreachWall}'s JSON name: medial, lateral, ...; "canal"
 *                  when the needle reaches into the spinal canal without a named wall), never null
 * @param reason    the safety check's sentence
 */
public record BreachEvent(double atSeconds, String needleId, double depthMm, String wall, String reason) {

    public BreachEvent {
        Objects.requireNonNull(needleId, "breach needle id");
        Objects.requireNonNull(wall, "breach wall");
        reason = reason == null ? "" : reason;
        if (!(atSeconds >= 0) || !Double.isFinite(atSeconds) || !(depthMm >= 0) || !Double.isFinite(depthMm)) {
            throw new IllegalArgumentException("a breach's time and depth must be finite numbers >= 0");
        }
    }
}
