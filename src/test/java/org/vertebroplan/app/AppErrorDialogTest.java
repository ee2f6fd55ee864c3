package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A failed load in interactive mode: an error dialog with the reason, and the window stays usable. */
@ExtendWith(ApplicationExtension.class)
class AppErrorDialogTest {

    @TempDir
    Path tmp;
    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    private List<DialogPane> dialogs() throws InterruptedException, ExecutionException {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
            .map(w -> w.getScene() == null ? null : w.getScene().getRoot())
            .filter(DialogPane.class::isInstance).map(DialogPane.class::cast).toList()).get();
    }

    @Test
    void missingFolderShowsADialogTwice() throws Exception {
        Workstation w = WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, SyntheticCase.services(),
            Runnable::run, true)).get();
        Path missing = tmp.resolve("missing");
        for (int attempt = 1; attempt <= 2; attempt++) {
            WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(missing).exceptionally(e -> null)).get()
                .get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            List<DialogPane> panes = dialogs();
            assertEquals(attempt, panes.size(), "one more dialog per failed attempt");
            assertTrue(panes.get(0).getContentText().contains("case folder not found"), panes.get(0).getContentText());
        }
        Node placeholder = w.window().viewport().lookup("#placeholder");
        assertTrue(placeholder.isVisible());
        assertTrue(((Label) placeholder).getText().contains("File > Open"));
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(win -> win != stage).toList()
            .forEach(Window::hide)).get();
    }

    @Test
    void aFailedOpenKeepsTheCaseOnScreen() throws Exception {
        Workstation w = WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, SyntheticCase.services(),
            Runnable::run, false)).get();
        LoadedCase shown = SyntheticCase.loaded();
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().show(shown)).get();
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(tmp.resolve("missing")).exceptionally(e -> null)).get()
            .get(10, TimeUnit.SECONDS);
        assertSame(shown, w.viewModel().getLoadedCase());
        assertEquals("", w.viewModel().placeholderProperty().get());
        assertTrue(w.viewModel().statusProperty().get().startsWith("Error: case folder not found"));
    }
}
