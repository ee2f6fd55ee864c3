package org.vertebroplan.app;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The workstation window. */
public final class WorkstationApp extends Application {

    private static volatile Path caseDir;
    private static volatile Path screenshot;
    private static volatile int exitCode;

    static void configure(Path caseDirectory, Path screenshotFile) {
        caseDir = caseDirectory;
        screenshot = screenshotFile;
    }

    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("VertebroPlan");
        stage.setScene(new Scene(new BorderPane(new Label("VertebroPlan")), 1280, 800));
        stage.show();
    }
}
