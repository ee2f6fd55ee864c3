package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;

/**
 * The slice views on the synthetic case: orientation labels, the voxel under a click, the linked
 * crosshair, slice stepping and the window presets (2D only, runs under Monocle too).
 */
@ExtendWith(ApplicationExtension.class)
class AppSliceViewTest {

    WorkstationViewModel vm;
    SliceView axial;
    SliceView coronal;
    SliceView sagittal;

    @Start
    void start(Stage stage) {
        vm = new WorkstationViewModel(SyntheticCase.services(), Runnable::run);
        axial = new SliceView(new SliceViewModel(SliceOrientation.AXIAL, vm));
        coronal = new SliceView(new SliceViewModel(SliceOrientation.CORONAL, vm));
        sagittal = new SliceView(new SliceViewModel(SliceOrientation.SAGITTAL, vm));
        GridPane grid = new GridPane();
        grid.add(axial, 0, 0);
        grid.add(coronal, 1, 0);
        grid.add(sagittal, 0, 1);
        for (SliceView v : new SliceView[] {axial, coronal, sagittal}) {
            v.setPrefSize(360, 300);
        }
        vm.show(SyntheticCase.loaded());
        stage.setScene(new Scene(grid, 720, 600));
        stage.show();
    }

    private static String label(SliceView v, String id) {
        return ((Label) v.lookup("#" + id)).getText();
    }

    @Test
    void orientationLabelsFollowRadiologicalConvention() {
        assertEquals("R", label(axial, "label-left"));
        assertEquals("L", label(axial, "label-right"));
        assertEquals("A", label(axial, "label-top"));
        assertEquals("P", label(axial, "label-bottom"));
        assertEquals("R", label(coronal, "label-left"));
        assertEquals("S", label(coronal, "label-top"));
        assertEquals("I", label(coronal, "label-bottom"));
        assertEquals("A", label(sagittal, "label-left"));
        assertEquals("P", label(sagittal, "label-right"));
        assertEquals("S", label(sagittal, "label-top"));
    }

    @Test
    void axialImageHasTheBoneVoxelsWhereTheyAre() {
        SliceGeometry g = axial.viewModel().geometryProperty().get();
        Image img = axial.viewModel().imageProperty().get();
        assertEquals(g.width(), (int) img.getWidth());
        // crosshair starts at the first needle's target (4, -12, 0): z = 0 plane
        assertEquals(0, vm.crosshairProperty().get().z(), 1e-9);
        double[] body = g.pixelOf(SyntheticCase.BODY_CENTER);
        double[] fat = g.pixelOf(new Vec3(30, 0, 0)); // soft tissue on the patient's left
        double[] air = g.pixelOf(new Vec3(45, 35, 0));
        int boneGrey = img.getPixelReader().getArgb((int) body[0], (int) body[1]) & 0xFF;
        int softGrey = img.getPixelReader().getArgb((int) fat[0], (int) fat[1]) & 0xFF;
        int airGrey = img.getPixelReader().getArgb((int) air[0], (int) air[1]) & 0xFF;
        assertEquals(WindowLevel.BONE.grey(500), boneGrey);
        assertEquals(WindowLevel.BONE.grey(40), softGrey);
        assertEquals(0, airGrey);
        assertTrue(fat[0] > g.width() / 2.0, "the patient's left is on the image's right");
    }

    @Test
    void clickMovesTheLinkedCrosshairToTheVoxelUnderTheMouse() {
        Vec3 target = new Vec3(-20, 10, 0); // patient's right, posterior, in the current axial plane
        SliceGeometry g = axial.viewModel().geometryProperty().get();
        double[] uv = g.pixelOf(target);
        Point2D local = axial.toViewPoint(uv[0], uv[1]);
        Point2D screen = axial.canvas().localToScreen(local);
        assertTrue(local.getX() < axial.getWidth() / 2, "the patient's right is on the left of the axial view");
        Image coronalBefore = coronal.viewModel().imageProperty().get();
        Image axialBefore = axial.viewModel().imageProperty().get();
        new FxRobot().clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        Vec3 p = vm.crosshairProperty().get();
        double tolerance = g.pixelMm() * 1.5; // one screen pixel is a little more than one image pixel
        assertEquals(target.x(), p.x(), tolerance);
        assertEquals(target.y(), p.y(), tolerance);
        assertEquals(0, p.z(), 1e-9, "a click keeps the slice");
        assertSame(axialBefore, axial.viewModel().imageProperty().get(), "same axial slice, not re-rendered");
        assertNotSame(coronalBefore, coronal.viewModel().imageProperty().get(), "coronal view moved to the new y");
        assertTrue(coronal.viewModel().titleProperty().get().contains(String.format(java.util.Locale.ROOT, "y = %.1f", p.y())),
            coronal.viewModel().titleProperty().get());
        assertTrue(vm.crosshairInfoProperty().get().endsWith(" 40 HU"), vm.crosshairInfoProperty().get());
    }

    @Test
    void wheelStepsOneSliceAndStopsAtTheVolumeEdge() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> axial.viewModel().scroll(3)).get();
        assertEquals(3 * SyntheticCase.SZ, vm.crosshairProperty().get().z(), 1e-9);
        WaitForAsyncUtils.asyncFx(() -> axial.viewModel().scroll(1000)).get();
        assertEquals(SyntheticCase.ORIGIN.z() + (SyntheticCase.NZ - 1) * SyntheticCase.SZ,
            vm.crosshairProperty().get().z(), 1e-9);
        WaitForAsyncUtils.asyncFx(() -> sagittal.viewModel().scroll(-2)).get();
        assertEquals(4 - 2 * SyntheticCase.SXY, vm.crosshairProperty().get().x(), 1e-9, "sagittal steps along x");
    }

    @Test
    void softTissueWindowBrightensMuscle() throws Exception {
        SliceGeometry g = axial.viewModel().geometryProperty().get();
        double[] fat = g.pixelOf(new Vec3(30, 0, 0));
        WaitForAsyncUtils.asyncFx(() -> vm.windowProperty().set(WindowLevel.SOFT_TISSUE)).get();
        Image img = axial.viewModel().imageProperty().get();
        assertEquals(WindowLevel.SOFT_TISSUE.grey(40), img.getPixelReader().getArgb((int) fat[0], (int) fat[1]) & 0xFF);
        assertEquals(128, WindowLevel.SOFT_TISSUE.grey(40), 1);
    }

    @Test
    void needlesAndNearbyMarkersAreProjectedOntoTheSlice() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> vm.crosshairProperty().set(new Vec3(0, 0, 1))).get();
        SliceViewModel a = axial.viewModel();
        SliceGeometry g = a.geometryProperty().get();
        java.util.List<SliceViewModel.NeedleMark> needles = a.needleMarks();
        assertEquals(2, needles.size());
        SliceViewModel.NeedleMark left = needles.get(0);
        assertTrue(left.left());
        // left needle (28, 26, 2) -> (4, -12, 0) crosses z = 1 half-way, at (16, 7)
        org.junit.jupiter.api.Assertions.assertArrayEquals(g.pixelOf(new Vec3(16, 7, 1)), left.crossing(), 1e-9);
        assertTrue(left.entry()[0] > g.width() / 2.0, "left needle drawn on the patient's left (image right)");
        assertEquals(java.util.List.of("M2"), a.markerMarks().stream().map(SliceViewModel.MarkerMark::id).toList());
        WaitForAsyncUtils.asyncFx(() -> vm.crosshairProperty().set(new Vec3(0, 0, 5))).get();
        assertEquals(null, a.needleMarks().get(0).crossing(), "z = 5 is above the needle");
        assertTrue(a.markerMarks().isEmpty());
        // the coronal plane y = 7 meets the left needle at the same point (16, 7, 1)
        WaitForAsyncUtils.asyncFx(() -> vm.crosshairProperty().set(new Vec3(0, 7, 1))).get();
        SliceViewModel c = coronal.viewModel();
        org.junit.jupiter.api.Assertions.assertArrayEquals(c.geometryProperty().get().pixelOf(new Vec3(16, 7, 1)),
            c.needleMarks().get(0).crossing(), 1e-9);
    }

    @Test
    void rightDragMakesACustomWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> axial.viewModel().adjustWindow(10, -5)).get();
        WindowLevel w = vm.windowProperty().get();
        assertEquals(WindowLevel.BONE.widthHu() + 40, w.widthHu(), 1e-9);
        assertEquals(WindowLevel.BONE.centerHu() - 10, w.centerHu(), 1e-9);
        WaitForAsyncUtils.asyncFx(() -> axial.viewModel().adjustWindow(-10000, 0)).get();
        assertEquals(1, vm.windowProperty().get().widthHu(), 1e-9, "width stays positive");
    }

    /** The LPS point under a screen point of a slice view. */
    private static Vec3 under(SliceView v, Point2D screen) {
        Point2D local = v.canvas().screenToLocal(screen);
        double[] uv = v.toImagePixel(local.getX(), local.getY());
        return v.viewModel().lpsAt(uv[0], uv[1]);
    }

    @Test
    void wheelZoomsAboutThePointerAndMiddleDragPansAndFitShowsAllAgain() throws Exception {
        FxRobot robot = new FxRobot();
        SliceGeometry g = axial.viewModel().geometryProperty().get();
        // a point off the centre: the body's centre, left of and above the view's middle
        Point2D screen = axial.canvas().localToScreen(axial.toViewPoint(g.pixelOf(SyntheticCase.BODY_CENTER)[0],
            g.pixelOf(SyntheticCase.BODY_CENTER)[1]));
        Vec3 before = under(axial, screen);
        double scaleBefore = axial.scale();
        double barBefore = axial.scaleBarMm();
        Vec3 crosshair = vm.crosshairProperty().get();
        robot.moveTo(screen).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double zoom = axial.viewModel().zoomProperty().get().zoom();
        assertTrue(zoom > 1.5, "zoomed in: " + zoom);
        assertEquals(scaleBefore * zoom, axial.scale(), 1e-9);
        Vec3 after = under(axial, screen);
        assertTrue(after.distance(before) < 2 * g.pixelMm(), "the point under the pointer stays there: " + before + " " + after);
        assertEquals(crosshair, vm.crosshairProperty().get(), "zooming moves no slice");
        assertTrue(axial.scaleBarMm() < barBefore, "the scale bar shortens in mm: " + barBefore + " -> " + axial.scaleBarMm());
        // the scale bar is between 40 and 100 screen pixels long
        double barPx = axial.scaleBarMm() / (g.pixelMm() / axial.scale());
        assertTrue(barPx >= 40 && barPx <= 100, "bar " + barPx + " px");

        // a middle drag pans: the image point under the pointer follows it
        Point2D to = new Point2D(screen.getX() + 30, screen.getY() + 20);
        robot.moveTo(screen).press(MouseButton.MIDDLE).moveTo(to).release(MouseButton.MIDDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(under(axial, to).distance(before) < 3 * g.pixelMm(), "dragged along: " + under(axial, to));
        assertEquals(crosshair, vm.crosshairProperty().get(), "panning moves no crosshair");

        robot.clickOn("#fit-axial");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(SliceZoom.FIT, axial.viewModel().zoomProperty().get());
        assertEquals(scaleBefore, axial.scale(), 1e-9);
    }

    @Test
    void shiftWheelStepsSlicesAndThePointerIsReadOutInTheStatusBar() throws Exception {
        FxRobot robot = new FxRobot();
        Point2D centre = axial.canvas().localToScreen(axial.canvas().getWidth() / 2, axial.canvas().getHeight() / 2);
        double z = vm.crosshairProperty().get().z();
        robot.moveTo(centre).press(javafx.scene.input.KeyCode.SHIFT).scroll(2, javafx.geometry.VerticalDirection.UP)
            .release(javafx.scene.input.KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(SliceZoom.FIT, axial.viewModel().zoomProperty().get(), "Shift + wheel does not zoom");
        assertEquals(2 * SyntheticCase.SZ, Math.abs(vm.crosshairProperty().get().z() - z), 1e-9, "two slices");
        robot.moveTo(axial.canvas().localToScreen(axial.toViewPoint(g().pixelOf(SyntheticCase.BODY_CENTER)[0],
            g().pixelOf(SyntheticCase.BODY_CENTER)[1])));
        WaitForAsyncUtils.waitForFxEvents();
        String cursor = vm.cursorInfoProperty().get();
        assertTrue(cursor.startsWith("Cursor LPS ") && cursor.endsWith(" 500 HU"), cursor);
    }

    private SliceGeometry g() {
        return axial.viewModel().geometryProperty().get();
    }
}
