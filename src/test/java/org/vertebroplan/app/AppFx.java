package org.vertebroplan.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** What the workstation's TestFX tests share: starting it, running on the FX thread, waiting for it. */
final class AppFx {

    private AppFx() {
    }

    /** Background work on a new daemon thread per task (as the app's executor, without a pool to close). */
    static Executor daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /**
     * The workstation on a test's stage, without dialogs, its background work on daemon threads, with user
     * files (recent cases, autosaves, plans folder) of its own in a new temporary folder.
     */
    static Workstation show(Stage stage, CaseServices services) {
        return Workstation.show(stage, services, daemonThreads("test-background"), false, freshUserFiles());
    }

    /** User files in a new temporary folder. */
    static UserFiles freshUserFiles() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("vertebroplan-user");
            return new UserFiles(dir.resolve("settings"), dir.resolve("plans"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs on the FX thread and waits (at most 30 s) for the result. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** Opens a case folder and waits until it is shown and checked. */
    static void open(Workstation w, java.nio.file.Path caseDir) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(caseDir)).get().get(120, TimeUnit.SECONDS);
        settle(w, 120);
    }

    /** The plan on screen. */
    static org.vertebroplan.plan.Plan plan(Workstation w) throws Exception {
        return fx(() -> w.viewModel().planProperty().get());
    }

    /** Waits until the FX events are handled and no planning work (proposal, safety check) is pending. */
    static void settle(Workstation w, int seconds) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(w.planning()::settled));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
