package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.shape.Cylinder;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;

/**
 * Scene-graph geometry of the 3D viewport, checked without rendering (runs under Monocle too): the
 * orientation cue for each standard view, needles from entry to target, markers at their LPS points.
 */
@ExtendWith(ApplicationExtension.class)
class AppViewportGeometryTest {

    WorkstationViewModel vm;
    CameraViewModel cam;
    Viewport3DView view;

    @Start
    void start(Stage stage) {
        vm = new WorkstationViewModel(SyntheticCase.services(), Runnable::run);
        cam = new CameraViewModel();
        view = new Viewport3DView(vm, cam);
        vm.show(SyntheticCase.loaded());
        stage.setScene(new Scene(view, 640, 480));
        stage.show();
    }

    private Point2D cue(ViewDirection d, String axis) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> cam.look(d));
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> view.cue().screenDirection(axis)).get();
    }

    private static void assertDirection(double x, double y, Point2D p, String what) {
        assertEquals(x, p.getX(), 1e-6, what + " x");
        assertEquals(y, p.getY(), 1e-6, what + " y");
    }

    @Test
    void cueShowsPatientAxesForEachStandardView() throws Exception {
        // screen x to the right, y down
        assertDirection(1, 0, cue(ViewDirection.ANTERIOR, "L"), "anterior view: left on the right");
        assertDirection(0, -1, cue(ViewDirection.ANTERIOR, "S"), "anterior view: head up");
        assertDirection(-1, 0, cue(ViewDirection.POSTERIOR, "L"), "posterior view: left on the left");
        assertDirection(0, -1, cue(ViewDirection.POSTERIOR, "S"), "posterior view: head up");
        assertDirection(-1, 0, cue(ViewDirection.LEFT, "A"), "left view: anterior on the left");
        assertDirection(1, 0, cue(ViewDirection.RIGHT, "A"), "right view: anterior on the right");
        assertDirection(0, 0, cue(ViewDirection.LEFT, "L"), "left view looks along the L axis");
        assertDirection(0, -1, cue(ViewDirection.SUPERIOR, "P"), "superior view: posterior up");
        assertDirection(0, 0, cue(ViewDirection.SUPERIOR, "S"), "superior view looks down the S axis");
        assertDirection(1, 0, cue(ViewDirection.SUPERIOR, "L"), "superior view: left on the right");
        assertDirection(0, 1, cue(ViewDirection.INFERIOR, "P"), "inferior view: posterior down");
    }

    @Test
    void cueFollowsOrbiting() throws Exception {
        cue(ViewDirection.ANTERIOR, "L");
        WaitForAsyncUtils.asyncFx(() -> cam.orbit(300, 0)); // 90 degrees: camera moves to the patient's right
        WaitForAsyncUtils.waitForFxEvents();
        Point2D a = WaitForAsyncUtils.asyncFx(() -> view.cue().screenDirection("A")).get();
        assertDirection(1, 0, a, "after orbiting to the right side, anterior is on the right");
    }

    @Test
    void needlesRunFromEntryToTarget() {
        for (Needle n : SyntheticCase.plan().needles()) {
            Cylinder c = (Cylinder) view.find("#needle-" + n.id());
            double h = c.getHeight();
            assertEquals(n.geometry().depthMm(), h, 1e-9);
            Point3D top = c.localToParent(0, -h / 2, 0);
            Point3D bottom = c.localToParent(0, h / 2, 0);
            Point3D entry = SceneAxes.toScene(n.entryLps());
            Point3D target = SceneAxes.toScene(n.targetLps());
            boolean forward = bottom.distance(target) < 1e-6 && top.distance(entry) < 1e-6;
            boolean reverse = bottom.distance(entry) < 1e-6 && top.distance(target) < 1e-6;
            assertTrue(forward || reverse, n.id() + ": " + top + " / " + bottom);
            assertEquals(1.525, c.getRadius(), 1e-9);
        }
    }

    @Test
    void markersSitAtTheirLpsPointsAndSkinFollowsTheToggle() throws Exception {
        for (Fiducial m : SyntheticCase.MARKERS) {
            Node s = view.find("#marker-" + m.id());
            Point3D expected = SceneAxes.toScene(m.lps());
            assertEquals(expected, new Point3D(s.getTranslateX(), s.getTranslateY(), s.getTranslateZ()));
        }
        Node skin = view.find("#skin");
        assertTrue(skin.isVisible());
        WaitForAsyncUtils.asyncFx(() -> vm.skinVisibleProperty().set(false)).get();
        assertFalse(skin.isVisible());
    }

    @Test
    void clickOnTheBoneMovesTheCrosshairToTheSurfacePoint() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
            javafx.application.Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D),
            "3D picking needs SCENE3D (not available under Monocle)");
        WaitForAsyncUtils.asyncFx(() -> {
            cam.look(ViewDirection.ANTERIOR);
            vm.crosshairProperty().set(new Vec3(30, 30, 30));
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        // the view is framed on the skin centre (0, 0, 0): the central ray runs along +y (posteriorly)
        // and first meets the vertebral body sphere (centre (0, -8, 0), radius 13) at (0, -21, 0)
        javafx.geometry.Bounds b = view.subScene().localToScreen(view.subScene().getBoundsInLocal());
        new org.testfx.api.FxRobot().clickOn(new Point2D(b.getCenterX(), b.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        Vec3 p = vm.crosshairProperty().get();
        assertEquals(0, p.x(), 0.6);
        assertEquals(-21, p.y(), 0.6);
        assertEquals(0, p.z(), 0.6);
    }
}
