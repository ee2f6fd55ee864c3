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

    /**
     * The real chest CT ({@code ../shared/data/ct-real-2}) planned from scratch, with
     * {@code -Dapp.picture.realct=FILE}: the proposal for the lower thoracic body named T11 in the dialog,
     * the 3D view centred on the level (its bone at full resolution, the other bone dimmed, the skin shown),
     * the axial slice zoomed on the vertebra.
     */
    @Test
    void realCtPicture() throws Exception {
        String png = System.getProperty("app.picture.realct");
        Assumptions.assumeTrue(png != null, "no -Dapp.picture.realct");
        Path data = org.vertebroplan.TestData.require("ct-real-2");
        Workstation w = AppFx.fx(() -> AppFx.show(stage, CaseServices.CORE));
        AppFx.open(w, data);
        AppFx.fx(() -> {
            w.viewModel().crosshairProperty().set(AppRealCtPlanningTest.BODY);
            return w.planning().proposeNeedles(required -> java.util.Optional.of("T11"));
        }).get(120, TimeUnit.SECONDS);
        AppFx.settle(w, 120);
        AppFx.fx(() -> {
            SliceView axial = w.window().axial();
            double[] px = axial.viewModel().geometryProperty().get().pixelOf(AppRealCtPlanningTest.BODY);
            axial.viewModel().zoomAt(3, px[0], px[1]);
            w.planning().selectedNeedleProperty().set("left");
            return null;
        });
        save(w, png);
    }

    /** Once the plan is checked, its levels' bone built and everything drawn, the whole window as PNG. */
    private static void save(Workstation w, String png) throws Exception {
        AppFx.settle(w, 120);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(() -> !w.levels().buildingProperty().get()));
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> w.scene().snapshot(null)).get();
        PngWriter.write(img, Path.of(png));
    }
}
