package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;

/**
 * Planning in the whole workstation on a phantom case written by {@code PhantomCase} (real DICOM
 * import, surfaces, safety check, marker detection, proposal; known answers): the verdict follows an
 * edit, undo/redo, drags on a slice, marker placement, save round trip with unknown keys, the
 * unsaved-changes decision.
 */
@ExtendWith(ApplicationExtension.class)
class AppPlanningTest {

    @TempDir
    static Path shared;
    static Path caseDir;
    static Plan truth;

    Workstation w;
    PlanningViewModel planning;

    @BeforeAll
    static void writePhantom() throws Exception {
        PhantomCase.Result r = PhantomCase.write(shared.resolve("phantom"), PhantomOptions.of(3, PhantomPosition.HFP));
        caseDir = shared.resolve("phantom");
        truth = PlanJson.load(r.planFile());
        // an unknown key that must survive a save
        String text = Files.readString(r.planFile());
        Files.writeString(r.planFile(), text.replaceFirst("\\{", "{\"futureKey\": {\"kept\": [1, 2]},"));
    }

    @Start
    void start(Stage stage) throws Exception {
        w = AppFx.show(stage, CaseServices.CORE);
        planning = w.planning();
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return AppFx.fx(c);
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

    private NeedleSafety verdict(String id) throws Exception {
        return fx(() -> planning.safetyProperty().get().get(id));
    }

    @Test
    void theVerdictFollowsAnEditAndUndoRedo() throws Exception {
        open();
        assertEquals(NeedleSafety.Verdict.SAFE, verdict("left").verdict());
        assertEquals(NeedleSafety.Verdict.SAFE, verdict("right").verdict());
        assertTrue(fx(() -> ((Label) w.window().lookup("#verdicts")).getText()).contains("left: SAFE"));
        assertFalse(fx(planning.dirtyProperty()::get));

        // same angles (in the frame the panel uses) and depth from an entry 7 mm towards the midline: the
        // needle runs into the canal
        Needle left = plan().needle("left");
        org.vertebroplan.plan.AngleFrame frame = fx(() -> planning.angleFrameFor("left").frame());
        NeedleGeometry g = NeedleGeometry.of(left.side(), left.entryLps(), left.targetLps(), frame);
        assertTrue(fx(() -> planning.setByAngles("left", left.entryLps().plus(new Vec3(-7, 0, 0)), g.cranialDeg(),
            g.abductionDeg(), g.depthMm())));
        settle();
        Needle moved = plan().needle("left");
        assertTrue(moved.targetLps().distance(left.targetLps().plus(new Vec3(-7, 0, 0))) < 1e-6);
        Plan movedPlan = plan();
        NeedleSafety unsafe = verdict("left");
        assertEquals(NeedleSafety.Verdict.UNSAFE, unsafe.verdict(), unsafe.reasons().toString());
        assertTrue(unsafe.canalDistanceMm() < 0);
        String shown = fx(() -> ((Label) w.window().lookup("#verdicts")).getText());
        assertTrue(shown.contains("left: UNSAFE"), shown);
        // and the unsafe needle is red in 3D, the safe one keeps its side's colour
        assertEquals(Viewport3DView.UNSAFE_NEEDLE_COLOR, fx(() -> ((javafx.scene.paint.PhongMaterial)
            ((javafx.scene.shape.Shape3D) w.window().viewport().find("#needle-left")).getMaterial()).getDiffuseColor()));
        assertEquals(Viewport3DView.RIGHT_NEEDLE_COLOR, fx(() -> ((javafx.scene.paint.PhongMaterial)
            ((javafx.scene.shape.Shape3D) w.window().viewport().find("#needle-right")).getMaterial()).getDiffuseColor()));
        assertTrue(fx(planning.dirtyProperty()::get));
        assertTrue(fx(() -> w.window().getScene().getWindow() instanceof Stage s && s.getTitle().endsWith(" *")),
            "unsaved changes are shown in the title");
        // the breach is marked on the slices where the check found it
        List<SliceViewModel.BreachMark> breaches = fx(() -> w.window().axial().viewModel().breachMarks());
        assertEquals(1, breaches.size());
        assertEquals("left", breaches.get(0).id());
        assertEquals("medial", breaches.get(0).wall());

        fx(() -> {
            planning.undo();
            return null;
        });
        settle();
        assertEquals(left, plan().needle("left"));
        assertEquals(truthLevels(), plan().levels(), "the frame the angles were typed in is undone with them");
        assertEquals(NeedleSafety.Verdict.SAFE, verdict("left").verdict());
        assertEquals(Viewport3DView.LEFT_NEEDLE_COLOR, fx(() -> ((javafx.scene.paint.PhongMaterial)
            ((javafx.scene.shape.Shape3D) w.window().viewport().find("#needle-left")).getMaterial()).getDiffuseColor()));
        assertFalse(fx(planning.dirtyProperty()::get), "undone back to the file's plan");
        assertTrue(fx(planning.canRedoProperty()::get));

        // Ctrl+Y from the keyboard redoes
        new FxRobot().clickOn("#apply").press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        settle();
        assertEquals(movedPlan, plan());
        assertEquals(NeedleSafety.Verdict.UNSAFE, verdict("left").verdict());
    }

    private List<org.vertebroplan.plan.PlanLevel> truthLevels() throws Exception {
        return PlanJson.load(caseDir.resolve("plan.json")).levels();
    }

    @Test
    void typingAnAngleInThePanelRecomputesTheTargetFromTheSameEntry() throws Exception {
        open();
        Needle before = plan().needle("right");
        // the phantom's vertebra is measured by the check: its frame is the one the fields use
        PlanningViewModel.AngleFrameChoice shown = fx(() -> planning.angleFrameFor("right"));
        assertEquals(PlanningViewModel.AngleFrameChoice.Source.MEASURED, shown.source());
        org.vertebroplan.plan.AngleFrame f = shown.frame();
        NeedleGeometry g0 = NeedleGeometry.of(before.side(), before.entryLps(), before.targetLps(), f);
        fx(() -> {
            planning.selectedNeedleProperty().set("right");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxRobot robot = new FxRobot();
        robot.doubleClickOn("#abduction").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
            .write("25").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Needle after = plan().needle("right");
        NeedleGeometry g = NeedleGeometry.of(after.side(), after.entryLps(), after.targetLps(), f);
        assertEquals(before.entryLps(), after.entryLps());
        assertEquals(25, g.abductionDeg(), 1e-9);
        assertEquals(g0.cranialDeg(), g.cranialDeg(), 1e-9);
        assertEquals(g0.depthMm(), g.depthMm(), 1e-9);
        assertEquals(f, plan().levels().get(0).angleFrame(), "typing in the measured frame records it on the level");
        assertEquals(PlanningViewModel.AngleFrameChoice.Source.RECORDED, fx(() -> planning.angleFrameFor("right")).source());
        assertTrue(after.targetLps().x() > before.targetLps().x(), "more convergence: the right needle's tip moves"
            + " towards the patient's left");
        assertEquals("25.0", fx(() -> ((javafx.scene.control.TextField) w.window().lookup("#abduction")).getText()));
    }

    @Test
    void draggingTheEntryOnTheAxialSliceMovesItInThatPlane() throws Exception {
        open();
        SliceView axial = w.window().axial();
        Needle before = plan().needle("left");
        // show the slice through the entry so the handle is where the needle is
        fx(() -> {
            w.viewModel().crosshairProperty().set(before.entryLps());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Point2D from = fx(() -> {
            double[] px = axial.viewModel().geometryProperty().get().pixelOf(before.entryLps());
            return axial.canvas().localToScreen(axial.toViewPoint(px[0], px[1]));
        });
        Point2D to = from.add(-20, 0);
        new FxRobot().drag(from, MouseButton.PRIMARY).moveTo(from.add(-10, 0)).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Needle after = plan().needle("left");
        assertEquals(before.targetLps(), after.targetLps());
        assertEquals(before.entryLps().z(), after.entryLps().z(), 1e-9, "stays in its axial plane");
        double mmPerPixel = fx(() -> axial.viewModel().geometryProperty().get().pixelMm()
            / (axial.toViewPoint(1, 0).getX() - axial.toViewPoint(0, 0).getX()));
        // the axial view shows the patient's right on the left: dragging left moves the entry to -x
        assertEquals(-20 * mmPerPixel, after.entryLps().x() - before.entryLps().x(), 2 * mmPerPixel);
        assertEquals(before.entryLps().y(), after.entryLps().y(), 2 * mmPerPixel);
        fx(() -> {
            planning.undo();
            return null;
        });
        assertEquals(before, plan().needle("left"), "the whole drag is one undo step");
    }

    @Test
    void markersArePlacedMovedAndDeletedOnASlice() throws Exception {
        open();
        SliceView axial = w.window().axial();
        Fiducial m2 = plan().fiducials().get(1);
        fx(() -> {
            w.viewModel().crosshairProperty().set(m2.lps());
            planning.placingMarkersProperty().set(true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Vec3 spot = m2.lps().plus(new Vec3(15, -5, 0)); // away from the needle ends (grab radius 8 screen px)
        FxRobot robot = new FxRobot();
        robot.clickOn(screenPoint(axial, spot));
        WaitForAsyncUtils.waitForFxEvents();
        List<Fiducial> f = plan().fiducials();
        assertEquals(4, f.size());
        assertTrue(fx(() -> planning.markerWarningProperty().get()).contains("4 skin markers"));
        Fiducial added = f.stream().filter(x -> x.lps().distance(spot) < 1.5).findFirst().orElseThrow();
        assertEquals(m2.lps().z(), added.lps().z(), 1e-9, "placed on the shown slice");

        // Shift+click on the new marker deletes it
        robot.press(KeyCode.SHIFT).clickOn(screenPoint(axial, added.lps())).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(truthMarkers(), plan().fiducials().stream().map(Fiducial::id).toList());
        assertEquals("", fx(() -> planning.markerWarningProperty().get()));

        // drag M2 5 mm to the left
        fx(() -> {
            planning.placingMarkersProperty().set(false);
            return null;
        });
        Point2D p = screenPoint(axial, m2.lps());
        robot.drag(p, MouseButton.PRIMARY).moveTo(screenPoint(axial, m2.lps().plus(new Vec3(5, 0, 0))))
            .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Fiducial movedM2 = plan().fiducials().get(1);
        assertEquals("M2", movedM2.id());
        assertEquals(5, movedM2.lps().x() - m2.lps().x(), 1.0);
    }

    private static List<String> truthMarkers() {
        return List.of("M1", "M2", "M3");
    }

    private Point2D screenPoint(SliceView v, Vec3 lps) throws Exception {
        return fx(() -> {
            double[] px = v.viewModel().geometryProperty().get().pixelOf(lps);
            return v.canvas().localToScreen(v.toViewPoint(px[0], px[1]));
        });
    }

    @Test
    void detectionProposalAndSnapGiveTheKnownAnswers() throws Exception {
        open();
        // detection replaces hand-moved markers by the detected ones, within 1 mm of the truth
        fx(() -> planning.edit("clear", p -> PlanEdits.withMarkers(p, List.of())));
        assertFalse(fx(() -> planning.markerWarningProperty().get()).isEmpty());
        assertTrue(fx(planning::detectMarkers).get(60, TimeUnit.SECONDS));
        List<Fiducial> found = plan().fiducials();
        assertEquals(3, found.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(truth.fiducials().get(i).id(), found.get(i).id());
            assertTrue(found.get(i).lps().distance(truth.fiducials().get(i).lps()) < 1.0, found.get(i).toString());
        }
        // the proposal for the vertebra at the crosshair gives two safe converging needles
        fx(() -> {
            w.viewModel().crosshairProperty().set(truth.needle("left").targetLps()
                .lerp(truth.needle("right").targetLps(), 0.5));
            return null;
        });
        assertTrue(fx(planning::proposeNeedles).get(60, TimeUnit.SECONDS), fx(planning.messageProperty()::get));
        settle();
        for (String id : List.of("left", "right")) {
            Needle n = plan().needle(id);
            assertTrue(n.geometry().abductionDeg() > 0, id + " converges");
            assertEquals(NeedleSafety.Verdict.SAFE, verdict(id).verdict(), verdict(id).reasons().toString());
        }
        assertTrue(fx(() -> ((Label) w.window().lookup("#entry-from-markers")).getText()).contains("of M2"));
        // an entry pulled 30 mm into the body is put back on the skin along the same line
        Needle left = plan().needle("left");
        Vec3 inside = left.entryLps().plusScaled(left.direction(), 30);
        fx(() -> planning.edit("in", p -> PlanEdits.moveEntry(p, "left", inside)));
        assertTrue(fx(() -> planning.snapEntryToSkin("left")));
        assertTrue(plan().needle("left").entryLps().distance(left.entryLps()) < 1.0,
            plan().needle("left").entryLps() + " vs " + left.entryLps());
    }

    @Test
    void saveKeepsUnknownKeysAndTheUnsavedChoiceIsHonoured() throws Exception {
        open();
        fx(() -> planning.setWorkingLength("left", 110));
        assertTrue(fx(planning.dirtyProperty()::get));
        assertFalse(fx(() -> planning.confirmDiscard(() -> PlanningViewModel.UnsavedChoice.CANCEL)));
        assertTrue(fx(() -> planning.confirmDiscard(() -> PlanningViewModel.UnsavedChoice.DISCARD)));
        assertTrue(fx(planning.dirtyProperty()::get), "discarding does not change the plan");

        Path out = shared.resolve("saved").resolve("plan-copy.json");
        assertTrue(fx(() -> planning.saveAs(out)));
        assertFalse(fx(planning.dirtyProperty()::get));
        Plan saved = PlanJson.load(out);
        assertEquals(plan(), saved);
        assertEquals(110, saved.needle("left").workingLengthMm());
        assertEquals(Map.of("kept", List.of(1, 2)), saved.extras().get("futureKey"));
        assertTrue(Files.list(out.getParent()).allMatch(p -> p.equals(out)), "no temporary file left behind");

        fx(() -> planning.setWorkingLength("left", 115));
        assertTrue(fx(() -> planning.confirmDiscard(() -> PlanningViewModel.UnsavedChoice.SAVE)));
        assertEquals(115, PlanJson.load(out).needle("left").workingLengthMm(), "Save writes to the current plan file");
        assertNotEquals(115, PlanJson.load(caseDir.resolve("plan.json")).needle("left").workingLengthMm());
    }
}
