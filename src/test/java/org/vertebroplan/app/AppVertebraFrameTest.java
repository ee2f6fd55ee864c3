package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.VertebraFrame;

/**
 * Angles in the vertebra's own frame, in the whole workstation, on the phantom turned in memory by a
 * known rotation ({@link TurnedCase}) and planned with the phantom's true needles turned with it: the panel shows the frame the check measured and its angles,
 * angles typed with the robot read back the same and record that frame on the level (and in the
 * plan file), undo takes both back, and the view along the needle lies in the vertebra's left-right
 * axis.
 */
@ExtendWith(ApplicationExtension.class)
class AppVertebraFrameTest {

    static final VertebraFrame TRUTH = TurnedCase.TRUTH;

    @TempDir
    static Path shared;
    static Path caseDir;

    Workstation w;
    PlanningViewModel planning;

    @BeforeAll
    static void writeCase() throws IOException {
        caseDir = TurnedCase.write(shared.resolve("turned"));
    }

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, TurnedCase.services());
        planning = w.planning();
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return AppFx.fx(c);
    }

    private void settle() throws Exception {
        AppFx.settle(w, 120);
    }

    private Plan plan() throws Exception {
        return AppFx.plan(w);
    }

    private String text(String id) throws Exception {
        return fx(() -> {
            javafx.scene.Node n = w.window().lookup("#" + id);
            return n instanceof TextField f ? f.getText() : ((Label) n).getText();
        });
    }

    private void type(String field, String value) {
        new FxRobot().doubleClickOn("#" + field).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
            .write(value).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anglesAreShownTypedAndRecordedInTheMeasuredVertebraFrame() throws Exception {
        AppFx.open(w, caseDir);
        fx(() -> {
            planning.selectedNeedleProperty().set("left");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // the check measured the turned vertebra; the panel uses its frame and says so
        VertebraFrame measured = fx(() -> planning.measuredFrame(0));
        assertTrue(measured.angleToDeg(TRUTH) < 1.5, "measured frame off by " + measured.angleToDeg(TRUTH));
        PlanningViewModel.AngleFrameChoice shown = fx(() -> planning.angleFrameFor("left"));
        assertEquals(PlanningViewModel.AngleFrameChoice.Source.MEASURED, shown.source());
        assertEquals(measured.angleFrame(), shown.frame());
        assertTrue(text("angle-frame").contains("vertebra frame (measured by the check)"), text("angle-frame"));
        assertEquals(20, measured.axialRotationDeg(), 1.5);
        assertTrue(text("level-frame").contains(String.format(java.util.Locale.ROOT, "axial rotation %.1f°",
            measured.axialRotationDeg())), text("level-frame"));
        Needle before = plan().needle("left");
        NeedleGeometry inVertebra = NeedleGeometry.of(before.side(), before.entryLps(), before.targetLps(), shown.frame());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", inVertebra.cranialDeg()), text("cranial"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", inVertebra.abductionDeg()), text("abduction"));

        // typed with the robot: read back the same, and the level records the frame they were typed in
        type("cranial", "4");
        type("abduction", "22");
        Plan typed = plan();
        Needle after = typed.needle("left");
        AngleFrame recorded = typed.levels().get(0).angleFrame();
        assertEquals(measured.angleFrame(), recorded);
        NeedleGeometry g = NeedleGeometry.of(after.side(), after.entryLps(), after.targetLps(), recorded);
        assertEquals(4, g.cranialDeg(), 1e-9);
        assertEquals(22, g.abductionDeg(), 1e-9);
        assertEquals(inVertebra.depthMm(), g.depthMm(), 1e-9);
        assertEquals(before.entryLps(), after.entryLps());
        assertEquals("4.0", text("cranial"));
        assertEquals("22.0", text("abduction"));
        assertTrue(text("angle-frame").contains("recorded in the plan"), text("angle-frame"));
        // beside them, the patient-frame angles of the same needle, which differ on a turned vertebra
        NeedleGeometry patient = after.geometry();
        assertTrue(Math.abs(patient.cranialDeg() - 4) > 3 || Math.abs(patient.abductionDeg() - 22) > 3, patient.toString());
        assertTrue(text("patient-angles").contains(String.format(java.util.Locale.ROOT, "cranial %.1f°, abduction %.1f°",
            patient.cranialDeg(), patient.abductionDeg())), text("patient-angles"));

        // the plan file records the frame: read back, the numbers are the typed ones
        Path saved = shared.resolve("saved.json");
        assertTrue(fx(() -> planning.saveAs(saved)));
        Plan reread = PlanJson.load(saved);
        Needle r = reread.needle("left");
        NeedleGeometry fromFile = NeedleGeometry.of(r.side(), r.entryLps(), r.targetLps(), reread.angleFrameOf(r));
        assertEquals(4, fromFile.cranialDeg(), 1e-6);
        assertEquals(22, fromFile.abductionDeg(), 1e-6);

        // the view along the needle holds the vertebra's left-right axis and the needle
        SliceGeometry along = fx(() -> w.window().along().viewModel().geometryProperty().get());
        assertEquals(1, Math.abs(along.right().dot(recorded.left())), 1e-9);
        assertEquals(0, along.normal().dot(after.direction()), 1e-9);
        SliceGeometry across = fx(() -> w.window().across().viewModel().geometryProperty().get());
        assertEquals(1, across.normal().dot(after.direction()), 1e-9, "seen down the needle");

        // undo: the first edit took the target and the recorded frame in one step
        fx(() -> {
            planning.undo();
            planning.undo();
            return null;
        });
        assertEquals(before, plan().needle("left"));
        assertEquals(null, plan().levels().get(0).angleFrame());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("angle-frame").contains("measured by the check"), text("angle-frame"));
    }
}
