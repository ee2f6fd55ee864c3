package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/**
 * Proves that the 3D viewport really renders (pixels of the bone colour in a snapshot of the
 * SubScene) and that what it draws has the patient's sides where the orientation cue and the
 * conventions say. Needs a GL pipeline (Xvfb + Mesa, {@code -Dexpect3d=true}); skipped under Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class ViewportRenderTest {

    WorkstationViewModel vm;
    CameraViewModel cam;
    Viewport3DView view;

    @Start
    void start(Stage stage) {
        vm = new WorkstationViewModel(SyntheticCase.services(), Runnable::run);
        cam = new CameraViewModel();
        view = new Viewport3DView(vm, cam);
        stage.setScene(new Scene(view, 640, 480));
        stage.show();
    }

    @BeforeEach
    void needs3d() {
        assumeTrue(Boolean.getBoolean("expect3d"), "3D rendering is only checked with a GL pipeline (Xvfb)");
        assertTrue(Platform.isSupported(ConditionalFeature.SCENE3D), "expect3d is set but SCENE3D is unsupported");
    }

    private void show(LoadedCase c) {
        WaitForAsyncUtils.asyncFx(() -> {
            vm.show(c);
            vm.skinVisibleProperty().set(false);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private double[] render(ViewDirection d) throws InterruptedException, ExecutionException {
        WaitForAsyncUtils.asyncFx(() -> cam.look(d));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> view.subScene().snapshot(null, null)).get();
        assertEquals(640, img.getWidth());
        return Pixels.ivoryStats(img);
    }

    /**
     * The synthetic volume with the given bone mesh and a (hidden) skin box centred on the origin,
     * which the view frames: the scene centre is LPS (0, 0, 0).
     */
    private static LoadedCase caseWithBone(Mesh bone) {
        Mesh skin = TestMeshes.box(new Vec3(-40, -35, -28), new Vec3(40, 35, 28));
        return new LoadedCase(new CaseLocation(Path.of("t"), Path.of("t"), Optional.empty()), SyntheticCase.volume(),
            bone, skin, FxMeshMapper.toTriangleMesh(bone), FxMeshMapper.toTriangleMesh(skin), CaseLoadTask.emptyPlan("t"), 1);
    }

    @Test
    void rendersTheBoneMeshInIvory() throws Exception {
        show(SyntheticCase.loaded());
        double[] shown = render(ViewDirection.POSTERIOR);
        assertTrue(shown[0] > 3000, "ivory pixels: " + shown[0]);
        WaitForAsyncUtils.asyncFx(() -> view.find("#bone").setVisible(false));
        double[] hidden = render(ViewDirection.POSTERIOR);
        assertTrue(hidden[0] < 50, "ivory pixels without the bone: " + hidden[0]);
    }

    @Test
    void anteriorViewShowsThePatientsLeftOnTheViewersRight() throws Exception {
        // a block on the patient's left (+x) and superior (+z) of the scene centre (0, 0, 0)
        show(caseWithBone(TestMeshes.box(new Vec3(15, -5, 10), new Vec3(30, 5, 20))));
        double[] a = render(ViewDirection.ANTERIOR);
        assertTrue(a[0] > 500, "visible: " + a[0]);
        assertTrue(a[1] > 320 + 40, "left on the right from the front, x = " + a[1]);
        assertTrue(a[2] < 240 - 20, "superior up, y = " + a[2]);
        double[] p = render(ViewDirection.POSTERIOR);
        assertTrue(p[1] < 320 - 40, "left on the left from the back, x = " + p[1]);
        assertTrue(p[2] < 240 - 20, "superior up, y = " + p[2]);
    }

    @Test
    void everyViewAgreesWithTheOrientationCue() throws Exception {
        show(caseWithBone(TestMeshes.box(new Vec3(20, 10, 15), new Vec3(32, 22, 27))));
        for (ViewDirection d : ViewDirection.values()) {
            double[] s = render(d);
            assertTrue(s[0] > 300, d + " visible: " + s[0]);
            Point2D expected = new Point2D(0, 0);
            for (String axis : new String[] {"L", "P", "S"}) {
                expected = expected.add(WaitForAsyncUtils.asyncFx(() -> view.cue().screenDirection(axis)).get());
            }
            // the block sits at +L +P +S: its image must lie on the side the cue points to
            assertEquals(Math.signum(Math.round(expected.getX())), Math.signum(Math.round((s[1] - 320) / 30)),
                d + ": x " + s[1] + " vs cue " + expected);
            assertEquals(Math.signum(Math.round(expected.getY())), Math.signum(Math.round((s[2] - 240) / 30)),
                d + ": y " + s[2] + " vs cue " + expected);
        }
    }

    @Test
    void triangleWindingMatchesJavaFxFrontFaces() throws Exception {
        // one square facing anteriorly (-y): CCW seen from the front; back faces are culled
        Mesh quad = new Mesh(new float[] {-10, -20, -10, 10, -20, -10, 10, -20, 10, -10, -20, 10},
            new int[] {0, 1, 2, 0, 2, 3});
        show(caseWithBone(quad));
        double[] front = render(ViewDirection.ANTERIOR);
        double[] back = render(ViewDirection.POSTERIOR);
        assertTrue(front[0] > 1000, "seen from outside: " + front[0] + " inside " + back[0]);
        assertTrue(back[0] < 20, "seen from inside (culled): " + back[0]);
    }

    /**
     * The skin is see-through without washing out what lies under it: over the bone, with the skin shown,
     * each pixel stays within 12 % (its alpha) of the bone's own colour and stays ivory. (A straight colour
     * with alpha in JavaFX's pipeline adds the lit skin in full: the bone went flat white.)
     */
    @Test
    void theSkinKeepsTheBoneColourTrue() throws Exception {
        show(caseWithBone(TestMeshes.box(new Vec3(-15, -10, -10), new Vec3(15, 10, 10))));
        WaitForAsyncUtils.asyncFx(() -> cam.look(ViewDirection.POSTERIOR));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage bare = WaitForAsyncUtils.asyncFx(() -> view.subScene().snapshot(null, null)).get();
        WaitForAsyncUtils.asyncFx(() -> vm.skinVisibleProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage skinned = WaitForAsyncUtils.asyncFx(() -> view.subScene().snapshot(null, null)).get();
        int bone = 0;
        int changed = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int a = bare.getPixelReader().getArgb(x, y);
                if (!Pixels.ivory(a)) {
                    continue;
                }
                bone++;
                int b = skinned.getPixelReader().getArgb(x, y);
                changed += a != b ? 1 : 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF));
                    assertTrue(d <= 0.12 * 255 + 2, "channel " + shift + " moved by " + d + " at " + x + "," + y);
                }
                assertTrue(Pixels.ivory(b), String.format("still ivory at %d,%d: %08x", x, y, b));
            }
        }
        assertTrue(bone > 2000, "bone pixels " + bone);
        assertTrue(changed > bone / 2, "the skin is drawn over the bone: " + changed + " of " + bone);
    }
}
