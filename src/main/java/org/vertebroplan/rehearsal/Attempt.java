package org.vertebroplan.rehearsal;

import java.util.List;
import java.util.Objects;
import org.vertebroplan.plan.Plan;

/**
 * A trainee's rehearsal of a case: the needles as they placed them (a {@link Plan} on the same CT),
 * how (freehand or through the template), the C-arm shots they took, the simulated dose and the time
 * it took. Written beside the reference plan by the workstation and scored against it
 * ({@link Scorer}). The file is described in docs/rehearsal.md.
 *
 * @param trainee          a label the instructor chooses (never a patient's identity); may be null
 * @param startedAt        ISO-8601 date and time the attempt started, as text; may be null
 * @param durationSeconds  from the start to the last needle placed
 * @param doseMGy          the total simulated dose (the shots' doses add up to it)
 * @param referencePlan    the file name of the plan rehearsed against, relative to the attempt file; may be null
 * @param breaches         breaches the safety check found on the way (possibly corrected later), in order
 */
public record Attempt(Plan plan, AttemptMode mode, List<Shot> shots, double doseMGy, double durationSeconds,
                      String trainee, String startedAt, String referencePlan, List<BreachEvent> breaches) {

    /** Simulated dose of one fluoroscopy shot: 4.9 mGy over 16.7 shots in Hu et al. 2021. */
    public static final double DOSE_PER_SHOT_MGY = 0.3;

    public Attempt {
        Objects.requireNonNull(plan, "attempt plan");
        Objects.requireNonNull(mode, "attempt mode");
        shots = List.copyOf(shots == null ? List.of() : shots);
        breaches = List.copyOf(breaches == null ? List.of() : breaches);
        if (!(doseMGy >= 0) || !Double.isFinite(doseMGy)) {
            throw new IllegalArgumentException("the dose must be a finite number of mGy >= 0");
        }
        if (!(durationSeconds >= 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException("the duration must be a finite number of seconds >= 0");
        }
    }

    /** An attempt without breaches on the way. */
    public Attempt(Plan plan, AttemptMode mode, List<Shot> shots, double doseMGy, double durationSeconds,
                   String trainee, String startedAt, String referencePlan) {
        this(plan, mode, shots, doseMGy, durationSeconds, trainee, startedAt, referencePlan, List.of());
    }

    /** An attempt with the shots' own doses added up. */
    public static Attempt of(Plan plan, AttemptMode mode, List<Shot> shots, double durationSeconds) {
        double dose = shots.stream().mapToDouble(Shot::doseMGy).sum();
        return new Attempt(plan, mode, shots, dose, durationSeconds, null, null, null, List.of());
    }

    public Attempt withTrainee(String label) {
        return new Attempt(plan, mode, shots, doseMGy, durationSeconds, label, startedAt, referencePlan, breaches);
    }

    public Attempt withStartedAt(String iso8601) {
        return new Attempt(plan, mode, shots, doseMGy, durationSeconds, trainee, iso8601, referencePlan, breaches);
    }

    public Attempt withReferencePlan(String fileName) {
        return new Attempt(plan, mode, shots, doseMGy, durationSeconds, trainee, startedAt, fileName, breaches);
    }

    public Attempt withBreaches(List<BreachEvent> list) {
        return new Attempt(plan, mode, shots, doseMGy, durationSeconds, trainee, startedAt, referencePlan, list);
    }
}
