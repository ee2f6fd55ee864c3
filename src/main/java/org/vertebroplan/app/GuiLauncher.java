package org.vertebroplan.app;

import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the JavaFX workstation from the non-FX {@code Main}; returns the process exit code once the
 * window closes (or once a screenshot was written in {@code --screenshot} mode).
 */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    public static int launch(Path caseDir, Path screenshot) {
        WorkstationApp.configure(caseDir, screenshot);
        Application.launch(WorkstationApp.class);
        return WorkstationApp.exitCode();
    }
}
