package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;

/**
 * Makes the documentation's pictures of the workstation on a real case folder (e.g. one written by
 * {@code vertebroplan phantom}); runs only with {@code -Dapp.picture.case=DIR -Dapp.picture.png=FILE}.
 * {@code -Dapp.picture.skin=false} hides the skin; {@code -Dapp.picture.medialMm=7} first moves the
 * left needle that far towards the midline (to show an unsafe verdict) with the crosshair on its target.
 * {@link #turnedPicture} makes the picture of the angle frames on the phantom turned in memory
 * ({@link TurnedCase}; no case folder needed), with {@code -Dapp.picture.turned=FILE}: checked, the left
 * needle selected, so the Plan tab shows its angles in the measured vertebra frame beside the
 * patient-frame ones, the level's measured rotation and tilts, and the views along and across it.
 */
@ExtendWith(ApplicationExtension.class)
class AppPhantomPictureTool {

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
            Thread t = new Thread(r, "picture-loader");
            t.setDaemon(true);
            t.start();
        }, false)).get();
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(Path.of(dir))).get().get(300, TimeUnit.SECONDS);
        double medial = Double.parseDouble(System.getProperty("app.picture.medialMm", "0"));
        WaitForAsyncUtils.asyncFx(() -> {
            w.viewModel().skinVisibleProperty().set(!"false".equals(System.getProperty("app.picture.skin")));
            if (medial != 0) {
                Needle n = w.viewModel().planProperty().get().needle("left");
                Vec3 by = new Vec3(-medial, 0, 0);
                w.planning().edit("Needle left moved " + medial + " mm towards the midline", p -> PlanEdits.moveTarget(PlanEdits.moveEntry(p, "left",
                    n.entryLps().plus(by)), "left", n.targetLps().plus(by)));
                w.viewModel().crosshairProperty().set(n.targetLps().plus(by));
            }
        }).get();
        save(w, png);
    }

    @Test
    void turnedPicture() throws Exception {
        String png = System.getProperty("app.picture.turned");
        Assumptions.assumeTrue(png != null, "no -Dapp.picture.turned");
        Path dir = TurnedCase.write(java.nio.file.Files.createTempDirectory("turned-case"));
        Workstation w = AppFx.fx(() -> AppFx.show(stage, TurnedCase.services()));
        AppFx.open(w, dir);
        AppFx.fx(() -> {
            w.viewModel().skinVisibleProperty().set(false);
            w.planning().selectedNeedleProperty().set("left");
            return null;
        });
        save(w, png);
    }

    /** Once the plan is checked and drawn, the whole window as PNG. */
    private static void save(Workstation w, String png) throws Exception {
        AppFx.settle(w, 120);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> w.scene().snapshot(null)).get();
        PngWriter.write(img, Path.of(png));
    }
}
