package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.TestData;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;

/**
 * Planning from scratch on the real chest CT {@code ct-real-2} (no plan, no markers; skipped when the
 * data is absent): the proposal for the lower thoracic body used by the planning tests gives two safe
 * needles in the panel and the 3D view, the marker warning says that markers are missing, and the
 * plan saves (to a temporary file, never into the data folder).
 */
@ExtendWith(ApplicationExtension.class)
class AppRealCtPlanningTest {

    /** A point in the vertebral body of the level checked by the plan package's real-CT tests. */
    static final Vec3 BODY = new Vec3(-9.6, 222, -637.8);

    @TempDir
    Path tmp;
    Workstation w;

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, CaseServices.CORE);
    }

    private <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    @Test
    void proposesSafeNeedlesOnARealCtWithoutAPlan() throws Exception {
        Path data = TestData.require("ct-real-2");
        LoadedCase c = WaitForAsyncUtils.asyncFx(() -> w.viewModel().open(data)).get().get(300, TimeUnit.SECONDS);
        assertTrue(c.plan().needles().isEmpty());
        PlanningViewModel planning = w.planning();
        assertTrue(fx(() -> planning.markerWarningProperty().get()).startsWith("0 skin markers"));

        fx(() -> {
            w.viewModel().crosshairProperty().set(BODY);
            return null;
        });
        assertTrue(fx(planning::proposeNeedles).get(120, TimeUnit.SECONDS), fx(planning.messageProperty()::get));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(planning::settled));
        Plan p = fx(() -> w.viewModel().planProperty().get());
        assertEquals(2, p.needles().size());
        for (String id : new String[] {"left", "right"}) {
            NeedleSafety s = fx(() -> planning.safetyProperty().get().get(id));
            assertEquals(NeedleSafety.Verdict.SAFE, s.verdict(), id + ": " + s.reasons());
            assertNotNull(fx(() -> w.window().viewport().find("#needle-" + id)), "needle drawn in 3D");
        }
        String verdicts = fx(() -> ((Label) w.window().lookup("#verdicts")).getText());
        assertTrue(verdicts.contains("left: SAFE") && verdicts.contains("right: SAFE"), verdicts);
        assertTrue(fx(() -> ((Label) w.window().lookup("#entry-from-markers")).getText()).contains("needs 3 markers"));

        Path out = tmp.resolve("plan.json");
        assertTrue(fx(() -> planning.saveAs(out)));
        assertEquals(p, PlanJson.load(out));
        assertEquals("ct-real-2", PlanJson.load(out).caseId());
    }
}
