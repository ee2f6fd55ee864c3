package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Shape3D;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.VertebraFrame;

/**
 * Levels, verdicts and the needle views in the whole workstation on a phantom case written by
 * {@code PhantomCase} (level L2, two safe needles): the level list, rename and undo with the robot,
 * removal only after confirmation, a proposal that creates a level named in the dialog, the guide
 * refused while the level has no label, selecting a level centres the views, a check that fails (or a
 * needle outside the body) is never shown green, and the views along and across the selected needle
 * draw it where it is (pixels), with the canal, and follow an edit.
 */
@ExtendWith(ApplicationExtension.class)
class AppLevelsTest {

    @TempDir
    static Path shared;
    static Path caseDir;
    static Plan truth;

    Workstation w;
    PlanningViewModel planning;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void writePhantom() throws Exception {
        PhantomCase.Result r = PhantomCase.write(shared.resolve("phantom"), PhantomOptions.of(3, PhantomPosition.HFP));
        caseDir = shared.resolve("phantom");
        truth = PlanJson.load(r.planFile());
    }

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, CaseServices.CORE);
        planning = w.planning();
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return AppFx.fx(c);
    }

    private void run(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open() throws Exception {
        AppFx.open(w, caseDir);
    }

    private void settle() throws Exception {
        AppFx.settle(w, 120);
    }

    private Plan plan() throws Exception {
        return AppFx.plan(w);
    }

    private String text(String id) throws Exception {
        return fx(() -> ((Label) w.window().lookup("#" + id)).getText());
    }

    private List<String> levelRows() throws Exception {
        return fx(() -> List.copyOf(((ListView<?>) w.window().lookup("#levels")).getItems().stream()
            .map(Object::toString).toList()));
    }

    private List<String> labels() throws Exception {
        return plan().levels().stream().map(PlanLevel::label).toList();
    }

    private javafx.scene.paint.Color needleColour(String id) throws Exception {
        return fx(() -> ((PhongMaterial) ((Shape3D) w.window().viewport().find("#needle-" + id)).getMaterial())
            .getDiffuseColor());
    }

    private Node dialogButton(ButtonType type) {
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        return pane.lookupButton(type);
    }

    @Test
    void levelsAreListedRenamedWithTheRobotAndUndone() throws Exception {
        open();
        assertEquals(List.of("L2  ·  2 needles"), levelRows());
        assertTrue(text("level-frame").startsWith("L2 measured: axial rotation"), text("level-frame"));
        robot.doubleClickOn("#level-label").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
            .write("L3").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("L3"), labels());
        assertEquals("L3", plan().needle("left").level());
        assertEquals(List.of("L3  ·  2 needles"), levelRows());
        assertTrue(text("verdicts").contains("(L3, transpedicular)") || text("verdicts").equals("Checking..."));
        // a label is required and unique: an empty one is refused with the reason
        robot.doubleClickOn("#level-label").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
            .type(KeyCode.BACK_SPACE).clickOn("#rename-level");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("L3"), labels());
        assertTrue(fx(planning.messageProperty()::get).contains("type the level's label"));
        run(planning::undo);
        assertEquals(List.of("L2"), labels());
        assertEquals("L2", plan().needle("left").level());
        assertEquals(List.of("L2  ·  2 needles"), levelRows());
        assertFalse(fx(planning.dirtyProperty()::get));
    }

    @Test
    void aLevelIsRemovedWithItsNeedlesOnlyAfterConfirmation() throws Exception {
        open();
        robot.clickOn("#remove-level");
        robot.clickOn(dialogButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(truth.needles().size(), plan().needles().size(), "cancelled: nothing removed");
        assertEquals(List.of("L2"), labels());
        robot.clickOn("#remove-level");
        robot.clickOn(dialogButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(plan().levels().isEmpty());
        assertTrue(plan().needles().isEmpty());
        assertEquals(List.of(), levelRows());
        run(planning::undo);
        assertEquals(List.of("L2"), labels());
        assertEquals(2, plan().needles().size());
        // a level without needles goes without asking
        assertTrue(fx(() -> planning.addLevel("L1")));
        assertEquals(1, (int) fx(planning.selectedLevelProperty()::get), "the new level is selected");
        assertTrue(fx(() -> planning.removeLevel(1, () -> {
            throw new AssertionError("asked for an empty level");
        })));
        assertEquals(List.of("L2"), labels());
    }

    @Test
    void proposeCreatesTheLevelNamedInTheDialogAndTheGuideWaitsForALabel() throws Exception {
        open();
        // start from a plan without levels or needles, the crosshair in the L2 body
        run(() -> planning.removeLevel(0, () -> true));
        run(() -> w.viewModel().crosshairProperty().set(truth.needle("left").targetLps()
            .lerp(truth.needle("right").targetLps(), 0.5)));
        // proposed with the label left empty: an unnamed level (allowed while it is the only one)
        robot.clickOn("#propose");
        waitForLevelDialog(robot);
        robot.clickOn(dialogButton(ButtonType.OK));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !plan().needles().isEmpty()));
        assertEquals(1, plan().levels().size());
        assertNull(plan().levels().get(0).label());
        assertEquals(List.of("left", "right"), plan().needles().stream().map(Needle::id).toList());

        // the Guide tab refuses to make a guide for an unnamed level, and says why
        run(() -> ((TabPane) w.window().lookup("#side-tabs")).getSelectionModel().select(1));
        assertTrue(text("guide-level-warning").startsWith("Name the level first"), text("guide-level-warning"));
        assertTrue(fx(() -> w.window().lookup("#guide-level-warning").isVisible()));
        assertTrue(fx(() -> w.window().lookup("#generate-guide").isDisabled()));
        assertFalse(fx(w.guide()::generate).get(10, TimeUnit.SECONDS));
        assertTrue(fx(w.guide().messageProperty()::get).contains("Name the level first"));
        assertNull(fx(w.guide().guideProperty()::get), "no guide was made");
        run(() -> ((TabPane) w.window().lookup("#side-tabs")).getSelectionModel().select(0));

        // named afterwards in the Levels section: the guide can be made
        robot.clickOn("#level-label").write("L2").clickOn("#rename-level");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("L2"), labels());
        assertEquals("", fx(w.guide().levelWarningProperty()::get));
        assertFalse(fx(() -> w.window().lookup("#generate-guide").isDisabled()));

        // again from scratch, this time named in the dialog: the proposal creates the labelled level
        run(planning::undo);
        run(planning::undo);
        assertTrue(plan().levels().isEmpty());
        robot.clickOn("#propose");
        waitForLevelDialog(robot);
        robot.clickOn("#new-level-label").write("L2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !plan().needles().isEmpty()));
        assertEquals(List.of("L2"), labels());
        for (Needle n : plan().needles()) {
            assertEquals("L2", n.level());
        }
        assertEquals(List.of("L2  ·  2 needles"), levelRows());
        settle();
        assertEquals(NeedleSafety.Verdict.SAFE, fx(() -> planning.safetyProperty().get().get("left")).verdict());
        // proposing again at the same vertebra updates that level's needles, with the level there
        // found by its measured centre (an empty level selected elsewhere does not take them)
        assertTrue(fx(() -> planning.addLevel("L1")));
        assertTrue(fx(planning::proposeNeedles).get(60, TimeUnit.SECONDS), fx(planning.messageProperty()::get));
        assertEquals(List.of("L2", "L1"), labels());
        assertEquals(2, plan().needles().size());
        assertTrue(plan().needles().stream().allMatch(n -> "L2".equals(n.level())));
    }

    @Test
    void selectingALevelCentresTheViewsOnItsMeasuredVertebra() throws Exception {
        open();
        assertTrue(fx(() -> planning.addLevel("L1")));
        VertebraFrame measured = fx(() -> planning.measuredFrame(0));
        run(() -> w.viewModel().crosshairProperty().set(new Vec3(0, 0, 0)));
        robot.clickOn(robot.lookup("#levels .list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, (int) fx(planning.selectedLevelProperty()::get));
        assertEquals(measured.centreLps(), fx(w.viewModel().crosshairProperty()::get));
        assertTrue(fx(w.window().viewport()::lookingAt).distance(measured.centreLps()) < 1e-6, "the 3D view turns about it");
        assertEquals(measured.centreLps().z(), fx(() -> w.window().axial().viewModel().geometryProperty().get()
            .normalPositionOf(w.viewModel().crosshairProperty().get())), 1e-9);
    }

    @Test
    void aNeedleOutsideTheBodyOrACheckThatFailsIsNeverGreen() throws Exception {
        open();
        assertTrue(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("safe")));
        // the left needle moved 120 mm to the patient's left, into the air beside the body
        Needle left = plan().needle("left");
        Vec3 by = new Vec3(120, 0, 0);
        assertTrue(fx(() -> planning.edit("far", p -> PlanEdits.moveTarget(PlanEdits.moveEntry(p, "left",
            left.entryLps().plus(by)), "left", left.targetLps().plus(by)))));
        settle();
        NeedleSafety far = fx(() -> planning.safetyProperty().get().get("left"));
        assertEquals(NeedleSafety.Verdict.UNSAFE, far.verdict(), far.reasons().toString());
        assertTrue(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("unsafe")));
        assertFalse(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("safe")));
        assertEquals(Viewport3DView.UNSAFE_NEEDLE_COLOR, needleColour("left"));
        run(planning::undo);
        settle();
        assertTrue(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("safe")));

        // a check that fails outright: every needle "not checked", red, never green
        run(() -> planning.setSafetyChecker((ct, needles) -> {
            throw new IllegalStateException("out of memory (test)");
        }));
        assertTrue(fx(() -> planning.setWorkingLength("left", 125)));
        settle();
        String shown = text("verdicts");
        assertTrue(shown.contains("left: NOT CHECKED (unsafe)") && shown.contains("right: NOT CHECKED (unsafe)"), shown);
        assertTrue(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("unsafe")));
        assertFalse(fx(() -> w.window().lookup("#verdicts").getStyleClass().contains("safe")));
        assertEquals(Viewport3DView.UNSAFE_NEEDLE_COLOR, needleColour("left"));
        assertEquals(Viewport3DView.UNSAFE_NEEDLE_COLOR, needleColour("right"));
        assertTrue(fx(planning.messageProperty()::get).contains("Safety check failed: out of memory (test)"));
        // without a measured vertebra the angles fall back to the patient frame, and say so
        assertTrue(text("angle-frame").contains("patient frame (vertebra not measured yet)"), text("angle-frame"));
        run(() -> planning.setSafetyChecker(LiveSafetyCheck.CORE));
    }

    /** Bluish pixels (the left needle's colour, also translucent over grey): blue well above red. */
    private static boolean bluish(int argb) {
        int r = argb >> 16 & 0xFF;
        int b = argb & 0xFF;
        return b > 120 && b - r > 60;
    }

    private static boolean bluishNear(PixelReader pr, int w, int h, double x, double y, int reach) {
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                int px = (int) Math.round(x) + dx;
                int py = (int) Math.round(y) + dy;
                if (px >= 0 && py >= 0 && px < w && py < h && bluish(pr.getArgb(px, py))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many of 20 points along the followed needle's projection in the along view have its colour. */
    private int needlePixelsAlong() throws Exception {
        SliceView v = w.window().along();
        WritableImage img = fx(() -> v.snapshot(null, null));
        SliceViewModel.NeedleMark m = fx(() -> v.viewModel().needleMarks().stream()
            .filter(SliceViewModel.NeedleMark::followed).findFirst().orElseThrow());
        Point2D e = fx(() -> v.toViewPoint(m.entry()[0], m.entry()[1]));
        Point2D t = fx(() -> v.toViewPoint(m.target()[0], m.target()[1]));
        int hits = 0;
        for (int i = 0; i < 20; i++) {
            Point2D p = e.interpolate(t, 0.1 + 0.8 * i / 19.0);
            hits += bluishNear(img.getPixelReader(), (int) img.getWidth(), (int) img.getHeight(), p.getX(), p.getY(), 1)
                ? 1 : 0;
        }
        return hits;
    }

    @Test
    void theViewsAlongAndAcrossTheNeedleShowItWhereItIsAndFollowAnEdit() throws Exception {
        open();
        run(() -> planning.selectedNeedleProperty().set("left"));
        SliceView along = w.window().along();
        SliceView across = w.window().across();
        // orientation letters: along like an axial slice of the vertebra, across seen from the entry
        assertEquals("L", fx(() -> ((Label) along.lookup("#label-right")).getText()));
        assertTrue(fx(() -> ((Label) along.lookup("#label-bottom")).getText()).startsWith("P"));
        assertEquals("L", fx(() -> ((Label) across.lookup("#label-left")).getText()));
        assertTrue(fx(() -> ((Label) across.lookup("#label-top")).getText()).startsWith("S"));

        // along: the needle is drawn over its whole length
        assertTrue(needlePixelsAlong() >= 18, "needle pixels along: " + needlePixelsAlong());
        // and the canal of the level is tinted
        WritableImage a = fx(() -> along.snapshot(null, null));
        int canal = 0;
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                int p = a.getPixelReader().getArgb(x, y);
                int r = p >> 16 & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p & 0xFF;
                canal += b > g + 40 && r > g + 20 ? 1 : 0;
            }
        }
        assertTrue(canal > 200, "canal pixels: " + canal);

        // across: a circle of the needle's diameter around where it crosses the plane, the CT inside it
        SliceViewModel.NeedleMark m = fx(() -> across.viewModel().needleMarks().stream()
            .filter(SliceViewModel.NeedleMark::followed).findFirst().orElseThrow());
        Needle left = plan().needle("left");
        double scale = fx(() -> across.toViewPoint(1, 0).getX() - across.toViewPoint(0, 0).getX());
        double radius = left.diameterMm() / 2 / fx(() -> across.viewModel().geometryProperty().get().pixelMm()) * scale;
        Point2D c = fx(() -> across.toViewPoint(m.crossing()[0], m.crossing()[1]));
        WritableImage x = fx(() -> across.snapshot(null, null));
        int onCircle = 0;
        for (int i = 0; i < 24; i++) {
            double ang = 2 * Math.PI * i / 24;
            onCircle += bluishNear(x.getPixelReader(), (int) x.getWidth(), (int) x.getHeight(),
                c.getX() + radius * Math.cos(ang), c.getY() + radius * Math.sin(ang), 1) ? 1 : 0;
        }
        assertTrue(onCircle >= 22, "circle pixels: " + onCircle);
        assertFalse(bluish(x.getPixelReader().getArgb((int) c.getX(), (int) c.getY())), "inside the circle: the CT");
        assertTrue(radius > 5, "the circle is drawn to scale: " + radius + " px");
        assertTrue(fx(() -> across.viewModel().titleProperty().get()).startsWith("Across left at canal front"),
            fx(() -> across.viewModel().titleProperty().get()));

        // a drag preview from another view moves the needle: both views follow at once
        SliceGeometry before = fx(() -> along.viewModel().geometryProperty().get());
        Vec3 moved = left.targetLps().plus(new Vec3(-3, 0, 4));
        run(() -> planning.preview(p -> PlanEdits.moveTarget(p, "left", moved)));
        assertFalse(before.equals(fx(() -> along.viewModel().geometryProperty().get())), "the plane follows");
        assertTrue(needlePixelsAlong() >= 18, "needle pixels along after the move: " + needlePixelsAlong());
        double[] crossing = fx(() -> across.viewModel().needleMarks().stream()
            .filter(SliceViewModel.NeedleMark::followed).findFirst().orElseThrow().crossing());
        SliceGeometry g = fx(() -> across.viewModel().geometryProperty().get());
        assertEquals((g.width() - 1) / 2.0, crossing[0], 1e-6, "across: the moved needle is still at the centre");
        run(() -> planning.finishDrag("moved"));

        // a needle into the canal: its breach is marked in the view along it, on the medial wall
        Vec3 medial = new Vec3(-7, 0, 0);
        run(() -> planning.edit("medial", p -> PlanEdits.moveTarget(PlanEdits.moveEntry(p, "left",
            left.entryLps().plus(medial)), "left", left.targetLps().plus(medial))));
        settle();
        List<SliceViewModel.BreachMark> breaches = fx(() -> along.viewModel().breachMarks());
        assertEquals(1, breaches.size());
        assertEquals("medial", breaches.get(0).wall());
        String verdicts = text("verdicts");
        assertTrue(verdicts.contains("breach: medial wall"), verdicts);
        assertTrue(verdicts.contains("pedicle ") && verdicts.contains("transpedicular"), verdicts);

        // clicking in the along view moves the shared crosshair onto its plane
        Point2D mid = fx(() -> along.canvas().localToScreen(along.canvas().getWidth() / 2, along.canvas().getHeight() / 2));
        robot.clickOn(mid);
        WaitForAsyncUtils.waitForFxEvents();
        SliceGeometry ag = fx(() -> along.viewModel().geometryProperty().get());
        Vec3 cross = fx(w.viewModel().crosshairProperty()::get);
        assertEquals(ag.normalMin(), ag.normalPositionOf(cross), 1e-6);
        assertTrue(fx(() -> along.viewModel().crosshairPixel()) != null);
        assertTrue(fx(() -> ((Button) w.window().lookup("#propose")).isVisible()));
    }

    /** Waits until the new-level dialog shows (its field exists before its window is shown). */
    private static void waitForLevelDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#new-level-label").tryQuery()
            .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
            .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
