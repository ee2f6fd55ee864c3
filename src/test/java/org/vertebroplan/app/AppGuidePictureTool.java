package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Makes the documentation's picture of the Guide tab: opens a case folder (e.g. one written by
 * {@code vertebroplan phantom}), generates the guide, shows the Guide tab and saves the window as PNG.
 * Runs only with {@code -Dapp.picture.case=DIR -Dapp.picture.png=FILE}.
 */
@ExtendWith(ApplicationExtension.class)
class AppGuidePictureTool {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void picture() throws Exception {
        String dir = System.getProperty("app.picture.case");
        String png = System.getProperty("app.picture.png");
        Assumptions.assumeTrue(dir != null && png != null, "no -Dapp.picture.case / -Dapp.picture.png");
        Workstation w = WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, CaseServices.CORE, r -> {
            Thread t = new Thread(r, "picture-background");
            t.setDaemon(true);
            t.start();
        }, false)).get();
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(Path.of(dir))).get().get(300, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
            () -> WaitForAsyncUtils.asyncFx(w.planning()::settled).get());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(() -> !w.levels().buildingProperty().get()));
        boolean ok = WaitForAsyncUtils.asyncFx(() -> {
            ((TabPane) w.window().lookup("#side-tabs")).getSelectionModel().select(1);
            return w.guide().generate();
        }).get().get(300, TimeUnit.SECONDS);
        Assumptions.assumeTrue(ok, "the guide could not be generated");
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> w.scene().snapshot(null)).get();
        PngWriter.write(img, Path.of(png));
    }
}
