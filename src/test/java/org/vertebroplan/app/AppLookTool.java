package org.vertebroplan.app;

import java.nio.file.Files;
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

/** Development aid: pictures of the window and the 3D view from every side (-Dapp.look.case=DIR -Dapp.look.out=DIR). */
@ExtendWith(ApplicationExtension.class)
class AppLookTool {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void look() throws Exception {
        String dir = System.getProperty("app.look.case");
        String out = System.getProperty("app.look.out");
        Assumptions.assumeTrue(dir != null && out != null);
        Files.createDirectories(Path.of(out));
        Workstation w = AppFx.fx(() -> AppFx.show(stage, CaseServices.CORE));
        long t0 = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(Path.of(dir))).get().get(300, TimeUnit.SECONDS);
        System.out.printf("LOOK loaded in %d ms (task %d ms)%n", (System.nanoTime() - t0) / 1_000_000,
            AppFx.fx(() -> w.viewModel().getLoadedCase().millis()));
        AppFx.settle(w, 120);
        String at = System.getProperty("app.look.propose");
        if (at != null) {
            String[] xyz = at.split(",");
            AppFx.fx(() -> {
                w.viewModel().crosshairProperty().set(new Vec3(Double.parseDouble(xyz[0]), Double.parseDouble(xyz[1]),
                    Double.parseDouble(xyz[2])));
                return null;
            });
            AppFx.fx(w.planning()::proposeNeedles).get(120, TimeUnit.SECONDS);
            AppFx.settle(w, 120);
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(() -> !w.levels().buildingProperty().get()));
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        AppFx.fx(() -> {
            LevelSurfaces.Shown sh = w.levels().shownProperty().get();
            System.out.printf("LOOK camera distance %.1f az %.1f el %.1f looking at %s%n", w.camera().distanceProperty().get(),
                w.camera().azimuthProperty().get(), w.camera().elevationProperty().get(), w.window().viewport().lookingAt());
            if (sh != null) {
                for (LevelSurfaces.Level l : sh.levels()) {
                    System.out.printf("LOOK level at %s: %d triangles, bounds %s%n", l.centreLps(), l.mesh().triangleCount(),
                        java.util.Arrays.toString(l.mesh().bounds()));
                }
                System.out.printf("LOOK context %d triangles%n", sh.context().triangleCount());
            }
            org.vertebroplan.volume.Volume v = w.viewModel().getLoadedCase().volume();
            System.out.printf("LOOK volume %d %d %d spacing %s%n", v.nx(), v.ny(), v.nz(), java.util.Arrays.toString(v.spacingMm()));
            return null;
        });
        save(AppFx.fx(() -> w.scene().snapshot(null)), Path.of(out, "window.png"));
        String radius = System.getProperty("app.look.radius");
        for (ViewDirection d : ViewDirection.values()) {
            AppFx.fx(() -> {
                if (radius != null) {
                    w.camera().frame(Double.parseDouble(radius));
                }
                w.camera().look(d);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            save(AppFx.fx(() -> w.window().viewport().subScene().snapshot(null, null)), Path.of(out, "3d-" + d.letter()
                + ".png"));
        }
    }

    private static void save(WritableImage img, Path png) throws Exception {
        PngWriter.write(img, png);
    }
}
