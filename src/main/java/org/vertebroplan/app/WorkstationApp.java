package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: shows the {@link Workstation} and opens the case given to
 * {@link GuiLauncher} (default: {@code sample-dicom/}); in screenshot mode it saves the window and
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
        Workstation w = Workstation.show(stage, CaseServices.CORE, loader, screenshot == null);
        if (screenshot == null) {
            w.viewModel().open(caseDir);
        } else {
            w.screenshot(caseDir, screenshot).thenAccept(code -> {
                exitCode = code;
                Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        loader.shutdownNow();
    }
}
