package org.vertebroplan.app;

import java.nio.file.Path;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptScore;

/**
 * A finished rehearsal: the case, the reference plan (now shown), the attempt as saved (the
 * trainee's needles, shots, dose, time, breaches on the way), its score on the CT, the shots taken
 * before the entry was found, and the attempt file (null with {@code saveError} when it could not be
 * written).
 */
public record RehearsalOutcome(LoadedCase loaded, org.vertebroplan.plan.Plan reference, Path planFile, Attempt attempt,
                               AttemptScore score, int shotsBeforeEntry, Path file, String saveError) {
}
