package org.vertebroplan.rehearsal;

import java.util.List;

/**
 * An attempt scored against the reference plan: one entry per matched needle, the reference needles
 * the trainee did not place ({@code missing}, each scoring 0), the trainee's needles that match none
 * ({@code extra}), and the overall score (0 to 100, the mean over the reference needles).
 */
public record AttemptScore(List<NeedleScore> needles, List<String> missing, List<String> extra, double score) {

    public AttemptScore {
        needles = List.copyOf(needles);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }
}
