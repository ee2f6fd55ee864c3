package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Volume;

/**
 * The whole workstation in screenshot mode on a synthetic case folder in a temp dir: background
 * loading through the case services, plan.json, drawing, PNG of the whole window, exit codes.
 * Set {@code -Dapp.screenshot.copy=FILE.png} to keep the picture.
 */
@ExtendWith(ApplicationExtension.class)
class AppScreenshotTest {

    @TempDir
    Path tmp;
    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    private static final Executor BACKGROUND = r -> {
        Thread t = new Thread(r, "test-loader");
        t.setDaemon(true);
        t.start();
    };

    private Workstation workstation(CaseServices services) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Workstation.show(stage, services, BACKGROUND, false)).get();
    }

    private int screenshot(Workstation w, Path caseDir, Path png) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> w.screenshot(caseDir, png)).get().get(120, TimeUnit.SECONDS);
    }

    /** The bone drawn in the screenshot's 3D view: reported as skipped (never passed) without a GL pipeline. */
    @Test
    void theScreenshotShowsTheBoneIn3d() throws Exception {
        assumeTrue(Boolean.getBoolean("expect3d"), "3D pixels are only checked with a GL pipeline (Xvfb)");
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Path png = tmp.resolve("shot.png");
        assertEquals(0, screenshot(workstation(SyntheticCase.services()), caseDir, png));
        BufferedImage img = ImageIO.read(png.toFile());
        int ivory = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                ivory += Pixels.ivory(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        assertTrue(ivory > 1000, "bone pixels in the window: " + ivory);
    }

    @Test
    void savesTheLoadedCaseAsPng() throws Exception {
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Path png = tmp.resolve("shot.png");
        Workstation w = workstation(SyntheticCase.services());
        assertEquals(0, screenshot(w, caseDir, png));

        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 1024 && img.getHeight() >= 700, img.getWidth() + "x" + img.getHeight());
        assertEquals(Workstation.WIDTH, img.getWidth());
        assertEquals(Workstation.HEIGHT, img.getHeight());
        assertEquals(2, ((TableView<?>) w.window().lookup("#needles")).getItems().size());
        assertTrue(((Label) w.window().lookup("#case-info")).getText().contains("120 x 100 x 60 voxels"));
        assertTrue(w.viewModel().statusProperty().get().startsWith("Screenshot saved"));
        String keep = System.getProperty("app.screenshot.copy");
        if (keep != null && !keep.isBlank()) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void missingCaseExitsWithBadInputAndWritesNothing() throws Exception {
        Path png = tmp.resolve("shot.png");
        Workstation w = workstation(SyntheticCase.services());
        assertEquals(3, screenshot(w, tmp.resolve("no-such-case"), png));
        assertFalse(Files.exists(png));
        assertTrue(w.viewModel().placeholderProperty().get().contains("not found"));
        assertEquals(0, w.viewModel().progressProperty().get());
    }

    @Test
    void invalidPlanIsBadInput() throws Exception {
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Files.writeString(caseDir.resolve("plan.json"), "{\"format\": \"vertebroplan-plan\", \"version\": 1, \"caseId\": \"x\", \"needles\": [],"
            + " \"fiducials\": [{\"id\": \"M1\", \"lps\": \"here\"}]}");
        Workstation w = workstation(SyntheticCase.services());
        assertEquals(3, screenshot(w, caseDir, tmp.resolve("shot.png")));
        assertTrue(w.viewModel().errorProperty().get().contains("lps"), w.viewModel().errorProperty().get());
    }

    @Test
    void internalFailureExitsWithOneAndTheWindowStaysUsable() throws Exception {
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        CaseServices broken = new CaseServices() {
            @Override
            public Volume loadVolume(Path dicomDir, ProgressListener progress) {
                throw new UnsupportedOperationException("DICOM import is not implemented yet");
            }

            @Override
            public Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
                throw new AssertionError("not reached");
            }
        };
        Workstation w = workstation(broken);
        assertEquals(1, screenshot(w, caseDir, tmp.resolve("shot.png")));
        assertFalse(w.viewModel().busyProperty().get());
        assertTrue(w.viewModel().statusProperty().get().contains("not implemented"));
    }

    @Test
    void unwritableOutputIsBadInput() throws Exception {
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Workstation w = workstation(SyntheticCase.services());
        assertEquals(3, screenshot(w, caseDir, tmp.resolve("missing-folder").resolve("shot.png")));
    }

}
