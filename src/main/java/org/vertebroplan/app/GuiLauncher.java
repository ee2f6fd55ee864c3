package org.vertebroplan.app;

import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the JavaFX workstation from the non-FX {@code Main}; returns the process exit code once the
 * window closes (or once a screenshot was written in {@code --screenshot} mode): 0 ok, 3 bad input
 * (missing case, unreadable data, unwritable PNG), 1 internal error (including no display).
 */
public final class GuiLauncher {

    private static final System.Logger LOG = System.getLogger(GuiLauncher.class.getName());

    private GuiLauncher() {
    }

    public static int launch(Path caseDir, Path screenshot) {
        WorkstationApp.configure(caseDir, screenshot);
        try {
            Application.launch(WorkstationApp.class);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start the window: " + e.getMessage());
            WorkstationApp.setExitCode(WorkstationViewModel.EXIT_INTERNAL);
        }
        return WorkstationApp.exitCode();
    }
}
