package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a status text set by others (the guide, a loading task) is coloured: by its words (no toolkit). */
class AppStatusWordsTest {

    @Test
    void failuresAreRedWarningsOrangeTheRestPlain() {
        for (String failure : new String[] {"Error: case folder not found: /x", "Not applied: not a number",
            "Not saved: /d is the case's DICOM folder", "Guide not generated: Name the level first", "Could not save the plan",
            "Proposing needles failed: no vertebra", "Safety check failed: out of memory"}) {
            assertEquals(WorkstationViewModel.Severity.ERROR, WorkstationViewModel.classify(failure), failure);
        }
        for (String warning : new String[] {"Loaded x in 1.0 s  |  Import warning: resampled", "Name the level first"}) {
            assertEquals(WorkstationViewModel.Severity.WARNING, WorkstationViewModel.classify(warning), warning);
        }
        for (String info : new String[] {"Loaded x in 1.0 s", "Undone: Target of right moved", "Guide generated in 3 s",
            "Proposed 2 needles for level T11: check and adjust them", "Nothing to undo"}) {
            assertEquals(WorkstationViewModel.Severity.INFO, WorkstationViewModel.classify(info), info);
        }
    }
}
