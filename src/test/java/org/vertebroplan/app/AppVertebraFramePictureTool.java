package org.vertebroplan.app;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Makes the documentation's picture of the angle frames: the workstation on the phantom turned in
 * memory ({@link TurnedCase}), checked, the left needle selected, so the Plan tab shows its angles in
 * the measured vertebra frame with the patient-frame angles beside them and the level's measured
 * rotation and tilts, and the views along and across the needle. Runs only with
 * {@code -Dapp.picture.png=FILE}.
 */
@ExtendWith(ApplicationExtension.class)
class AppVertebraFramePictureTool {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void picture() throws Exception {
        String png = System.getProperty("app.picture.png");
        Assumptions.assumeTrue(png != null, "no -Dapp.picture.png");
        Path dir = TurnedCase.write(Files.createTempDirectory("turned-case"));
        Workstation w = AppFx.fx(() -> AppFx.show(stage, TurnedCase.services()));
        AppFx.open(w, dir);
        AppFx.fx(() -> {
            w.viewModel().skinVisibleProperty().set(false);
            w.planning().selectedNeedleProperty().set("left");
            return null;
        });
        AppFx.settle(w, 120);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = AppFx.fx(() -> w.scene().snapshot(null));
        PngWriter.write(img, Path.of(png));
    }
}
