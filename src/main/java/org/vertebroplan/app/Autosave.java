package org.vertebroplan.app;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import org.vertebroplan.plan.Plan;

/**
 * Autosave and recovery of the plan (no nodes). While the plan has unsaved changes, it is written to the
 * user's settings folder ({@link UserFiles#autosave}) {@link #DELAY_MS} ms after the last change; once it is
 * saved, or its changes are discarded, that copy is removed. So a copy is left only when the program ends
 * without saving (a crash, a power cut). When a case is opened and such a copy of its plan exists (same
 * DICOM folder and series) and differs from the plan just read, {@link #setRecoverer the recoverer} is asked;
 * yes puts it back as one undoable edit ("Recovered ..."), which leaves the plan unsaved until the user saves
 * it; no removes the copy. Every case opened or saved goes to the top of the recent cases. FX thread only.
 */
final class Autosave {

    /** Pause after the last change before the plan is written. */
    static final int DELAY_MS = 1000;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(ZoneId.systemDefault());

    private final WorkstationViewModel main;
    private final PlanningViewModel planning;
    private final UserFiles files;
    private final PauseTransition pause;
    private Predicate<UserFiles.Autosaved> recoverer = a -> false;
    private boolean recoverNext;

    Autosave(WorkstationViewModel main, PlanningViewModel planning, UserFiles files, Duration delay) {
        this.main = main;
        this.planning = planning;
        this.files = files;
        pause = new PauseTransition(delay);
        pause.setOnFinished(e -> writeNow());
        main.planProperty().addListener((o, a, p) -> {
            if (planning.dirtyProperty().get()) {
                pause.playFromStart();
            }
        });
        planning.dirtyProperty().addListener((o, was, dirty) -> {
            if (!dirty) {
                pause.stop();
                UserFiles.Case c = currentCase();
                if (c != null) {
                    files.clearAutosave(c);
                }
            }
        });
        planning.setOnDiscard(() -> {
            pause.stop();
            UserFiles.Case c = currentCase();
            if (c != null) {
                files.clearAutosave(c);
            }
        });
        planning.planFileProperty().addListener((o, a, f) -> remember());
        main.loadedCaseProperty().addListener((o, a, c) -> {
            pause.stop();
            if (c != null) {
                remember();
                offerRecovery();
            }
        });
    }

    /** Asked whether to recover an autosaved plan when its case opens (default: no). */
    void setRecoverer(Predicate<UserFiles.Autosaved> ask) {
        recoverer = ask == null ? a -> false : ask;
    }

    /** The next case that opens recovers its autosaved plan without asking (the user chose it at start). */
    void recoverNextWithoutAsking() {
        recoverNext = true;
    }

    /** The case on screen as the user files know it (null without a case). */
    UserFiles.Case currentCase() {
        LoadedCase c = main.getLoadedCase();
        Plan p = main.planProperty().get();
        if (c == null || p == null) {
            return null;
        }
        return new UserFiles.Case(c.location().caseDir(), c.location().dicomDir(), p.seriesInstanceUid(),
            planning.planFileProperty().get(), p.caseId(), System.currentTimeMillis());
    }

    private void remember() {
        UserFiles.Case c = currentCase();
        if (c != null) {
            files.remember(c);
        }
    }

    /** Writes the plan now if it has unsaved changes (also when the pause ends). */
    void writeNow() {
        UserFiles.Case c = currentCase();
        if (c != null && planning.dirtyProperty().get()) {
            files.autosave(c, main.planProperty().get(), System.currentTimeMillis());
        }
    }

    private void offerRecovery() {
        UserFiles.Case c = currentCase();
        boolean noQuestion = recoverNext;
        recoverNext = false;
        UserFiles.Autosaved a = c == null ? null : files.autosaved(c).orElse(null);
        if (a == null) {
            return;
        }
        Plan shown = main.planProperty().get();
        if (a.plan().equals(shown)) {
            files.clearAutosave(c);
            return;
        }
        if (noQuestion || recoverer.test(a)) {
            planning.edit("Recovered the unsaved plan of " + WHEN.format(Instant.ofEpochMilli(a.time())), p -> a.plan());
        } else {
            files.clearAutosave(c);
            main.report("Autosaved changes of " + WHEN.format(Instant.ofEpochMilli(a.time())) + " discarded",
                WorkstationViewModel.Severity.INFO);
        }
    }

    /** How a time of an autosave reads. */
    static String when(long epochMs) {
        return WHEN.format(Instant.ofEpochMilli(epochMs));
    }
}
