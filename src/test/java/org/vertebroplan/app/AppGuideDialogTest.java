package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A guide that cannot be built, in interactive mode: the reason in the status line and in a dialog. */
@ExtendWith(ApplicationExtension.class)
class AppGuideDialogTest {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void aTooShortNeedleStopsGenerationWithADialog() throws Exception {
        Workstation w = WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, SyntheticCase.services(),
            Runnable::run, true)).get();
        WaitForAsyncUtils.asyncFx(() -> {
            w.viewModel().show(SyntheticCase.loaded());
            w.planning().setWorkingLength("left", 50);
        }).get();
        boolean ok = WaitForAsyncUtils.asyncFx(() -> w.guide().generate()).get().get(30, TimeUnit.SECONDS);
        assertFalse(ok);
        WaitForAsyncUtils.waitForFxEvents();
        List<DialogPane> panes = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
            .map(win -> win.getScene() == null ? null : win.getScene().getRoot())
            .filter(DialogPane.class::isInstance).map(DialogPane.class::cast).toList()).get();
        assertEquals(1, panes.size());
        String text = panes.get(0).getContentText();
        assertTrue(text.contains("needle left") && text.contains("working length"), text);
        String status = w.viewModel().statusProperty().get();
        assertTrue(status.startsWith("Guide not generated: needle left"), status);
        assertNull(w.guide().guideProperty().get());
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(win -> win != stage).toList()
            .forEach(Window::hide)).get();
    }
}
