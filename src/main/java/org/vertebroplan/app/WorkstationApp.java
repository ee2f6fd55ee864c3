package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: shows the {@link Workstation} and opens the case or plan file given to
 * {@link GuiLauncher} (default: the bundled sample case); in screenshot mode it saves the window and
 * exits with the code that {@link GuiLauncher#launch} returns.
 */
public final class WorkstationApp extends Application {

    private static volatile Path caseDir;
    private static volatile Path screenshot;
    private static volatile int exitCode;

    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "case-loader");
        t.setDaemon(true);
        return t;
    });

    static void configure(Path caseDirectory, Path screenshotFile) {
        caseDir = caseDirectory;
        screenshot = screenshotFile;
        exitCode = 0;
    }

    static int exitCode() {
        return exitCode;
    }

    static void setExitCode(int code) {
        exitCode = code;
    }

    @Override
    public void start(Stage stage) {
        java.io.InputStream icon = WorkstationApp.class.getResourceAsStream("vertebroplan.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon));
        }
        Workstation w = Workstation.show(stage, CaseServices.CORE, loader, screenshot == null);
        // an error nobody caught is in the crash log: the status bar says so, and where
        org.vertebroplan.io.CrashLog.installed().ifPresent(log -> log.addListener((error, file) -> Platform.runLater(() ->
            w.viewModel().report("Internal error: " + error + (file == null ? "" : " (details in " + file + ")"),
                WorkstationViewModel.Severity.ERROR))));
        if (screenshot == null) {
            UserFiles.Autosaved left = caseDir == null ? w.files().autosaves().stream().findFirst().orElse(null) : null;
            if (left != null && askRecovery(stage, left)) {
                w.autosave().recoverNextWithoutAsking();
                String uid = left.forCase().seriesUid();
                w.viewModel().open(left.forCase().location(), uid.isEmpty() ? null : uid);
            } else if (caseDir != null && java.nio.file.Files.isRegularFile(caseDir)) {
                w.window().openPlan(caseDir); // a plan file (a double-click on one)
            } else {
                w.viewModel().open(caseDir);
            }
        } else {
            w.screenshot(caseDir, screenshot).thenAccept(code -> {
                exitCode = code;
                Platform.exit();
            });
        }
    }

    /** After a crash: offers to open the case whose plan has unsaved changes kept by the autosave. */
    private static boolean askRecovery(Stage stage, UserFiles.Autosaved a) {
        javafx.scene.control.ButtonType open = new javafx.scene.control.ButtonType("Open and recover",
            javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType later = new javafx.scene.control.ButtonType("Not now",
            javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
            "VertebroPlan closed without saving the plan of " + a.forCase().label() + " (" + a.forCase().caseDir()
                + "), last changed " + Autosave.when(a.time()) + ". Open that case and recover the plan?", open, later);
        alert.setHeaderText("Unsaved plan found");
        alert.initOwner(stage);
        return alert.showAndWait().orElse(later) == open;
    }

    @Override
    public void stop() {
        loader.shutdownNow();
    }
}
