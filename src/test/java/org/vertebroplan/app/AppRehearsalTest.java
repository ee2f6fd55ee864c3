package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Shape3D;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.fluoro.Attenuation;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.fluoro.DrrRenderer;
import org.vertebroplan.fluoro.FluoroDisplay;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.Scorer;
import org.vertebroplan.volume.Tissue;

/**
 * The rehearsal mode in the whole workstation on a copy of the bundled sample case (its plan.json the
 * reference): the plan hidden during the rehearsal, the entry marked by clicking the shot, keys and
 * buttons for the needle and the C-arm, shots counted and dosed, the needle in the shot where it is,
 * breaches found but not shown until the end, the score and the attempt file, the result in 3D and
 * slices with both needles in their colours; the template's sleeve; the attempt history.
 */
@ExtendWith(ApplicationExtension.class)
class AppRehearsalTest {

    @TempDir
    Path dir;
    Path caseDir;
    Plan reference;
    Workstation w;
    RehearsalMenu menu;
    final FxRobot robot = new FxRobot();

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, CaseServices.CORE);
        menu = RehearsalMenu.of(w.window());
        menu.setDialogs(false);
    }

    @BeforeEach
    void copySample() throws Exception {
        caseDir = copySample(dir.resolve("case"));
        reference = PlanJson.load(caseDir.resolve("plan.json"));
    }

    /** A copy of sample-dicom (the tests write attempt files beside its plan). */
    static Path copySample(Path to) throws Exception {
        Path from = Path.of("sample-dicom");
        Files.createDirectories(to.resolve("dicom"));
        Files.copy(from.resolve("plan.json"), to.resolve("plan.json"));
        try (var files = Files.list(from.resolve("dicom"))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve("dicom").resolve(f.getFileName()));
            }
        }
        return to;
    }

    private RehearsalPane startRehearsal(AttemptMode mode, String trainee) throws Exception {
        RehearsalPane pane = WaitForAsyncUtils.asyncFx(() -> menu.start(caseDir, mode, trainee)).get()
            .get(120, TimeUnit.SECONDS);
        settle(pane.viewModel());
        return pane;
    }

    /** Waits until no shot renders and the breach watch has seen every state. */
    static void settle(RehearsalViewModel r) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> AppFx.fx(r::settled));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits (at most 2 minutes) until the window shows a root of this class, and returns it. */
    private Parent waitForRoot(Class<? extends Parent> type) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(() -> type.isInstance(w.scene().getRoot())));
        WaitForAsyncUtils.waitForFxEvents();
        return AppFx.fx(() -> w.scene().getRoot());
    }

    private String text(String id) throws Exception {
        return AppFx.fx(() -> ((Labeled) w.scene().lookup(id)).getText());
    }

    private void key(KeyCode... codes) {
        for (KeyCode k : codes) {
            robot.type(k);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every node of the scene, the 3D sub-scenes' content included. */
    private static List<Node> allNodes(Parent root) {
        List<Node> out = new ArrayList<>();
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            out.add(n);
            if (n instanceof javafx.scene.SubScene s) {
                todo.add(s.getRoot());
            }
            if (n instanceof Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return out;
    }

    /** The shot the monitor shows, as grey levels. */
    private static int[] grey(Image img) {
        int n = (int) img.getWidth();
        int[] g = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                g[c + n * r] = img.getPixelReader().getArgb(c, r) & 0xff;
            }
        }
        return g;
    }

    @Test
    void aShortFreehandRehearsalHidesThePlanCountsTheShotsAndEndsWithTheScoreAndTheAttemptFile() throws Exception {
        RehearsalPane pane = startRehearsal(AttemptMode.FREEHAND, "trainee 4");
        RehearsalViewModel r = pane.viewModel();
        assertSame(pane, w.scene().getRoot(), "the rehearsal takes the whole window: the planning views are out of sight");
        // the plan is hidden: nothing in the window draws a needle or names the plan's entries
        for (Node n : allNodes(w.scene().getRoot())) {
            String id = n.getId() == null ? "" : n.getId();
            assertFalse(id.startsWith("needle-") || id.startsWith("rod-"), "drawn: " + id);
        }
        assertEquals(List.of(), AppFx.fx(() -> r.needlesProperty().get()));
        assertTrue(text("#rehearsal-title").contains("freehand") && text("#rehearsal-title").contains("trainee 4"));
        assertEquals("Shots: 0", text("#shot-count"));
        assertTrue(text("#elapsed").matches("Time: \\d+:\\d\\d"), text("#elapsed"));
        robot.clickOn("#finish-rehearsal");
        assertTrue(text("#rehearsal-message").startsWith("No needle went in yet"), "nothing to score yet");

        // shot 1: AP, from the keyboard
        key(KeyCode.X);
        settle(r);
        assertEquals("Shots: 1", text("#shot-count"));
        assertEquals("Dose: 0.3 mGy", text("#dose"));
        CArm ap = AppFx.fx(() -> r.shotCarmProperty().get());
        assertEquals(0, ap.orbitalDeg());
        int[] first = grey(AppFx.fx(() -> r.shotImageProperty().get()));
        // exactly the patient, no steel: the plan's needles are not in the shot
        Attenuation mu = Attenuation.of(AppFx.fx(r::loadedCase).volume(), 2);
        byte[] bare = FluoroDisplay.show(DrrRenderer.render(mu, ap, List.of(), 2));
        for (int i = 0; i < bare.length; i++) {
            assertEquals(bare[i] & 0xff, first[i], "pixel " + i);
        }

        // a wrong first try (7 mm towards the midline, into the canal) is found but not shown
        Needle left = reference.needle("left");
        NeedleGeometry g = left.geometry();
        AppFx.fx(() -> {
            r.markEntry(left.entryLps().plus(new Vec3(-7, 0, 0)));
            r.tilt(g.cranialDeg(), g.abductionDeg());
            r.advance(70);
            return null;
        });
        settle(r);
        for (Node n : allNodes(w.scene().getRoot())) {
            if (n instanceof Labeled l && l.getText() != null) {
                String t = l.getText().toLowerCase();
                assertFalse(t.contains("breach") || t.contains("canal") || t.contains("unsafe"), "hinted: " + t);
            }
        }

        // the entry marked by clicking the first shot where the plan's entry projects
        double[] px = ap.project(left.entryLps());
        robot.clickOn(AppFx.fx(() -> pane.monitor().screenPointOf(px[0], px[1])));
        WaitForAsyncUtils.waitForFxEvents();
        RehearsalNeedle n = AppFx.fx(() -> r.session().current());
        assertEquals(0, n.depthMm(), "a new puncture");
        assertTrue(n.entryLps().distance(left.entryLps()) < 1.5, n.entryLps() + " vs " + left.entryLps());
        assertTrue(text("#rehearsal-needle").startsWith("Left needle (L2): depth 0 mm"), text("#rehearsal-needle"));
        // turned with the keys (the hand kept the first try's angles): 3 degrees medially and back, 1 caudally
        // and back; then advanced with W and the button
        key(KeyCode.RIGHT, KeyCode.RIGHT, KeyCode.RIGHT, KeyCode.LEFT, KeyCode.LEFT, KeyCode.LEFT, KeyCode.DOWN,
            KeyCode.UP);
        assertEquals(g.abductionDeg(), AppFx.fx(() -> r.session().current()).abductionDeg(), 1e-9);
        key(KeyCode.W, KeyCode.W);
        robot.clickOn("#advance-5");
        assertEquals(7, AppFx.fx(() -> r.session().current()).depthMm(), 1e-9);
        AppFx.fx(() -> {
            r.advance(Math.round(g.depthMm()) - 7);
            return null;
        });
        settle(r);

        // shot 2: AP again, rendered in the background (the FX thread goes on; the monitor keeps the last
        // shot until the new one is in); the left needle is black where it projects, on the image's right
        // (the patient's left), and the rest of the image is the same shot
        Image before = AppFx.fx(() -> r.shotImageProperty().get());
        assertTrue(AppFx.fx(() -> {
            r.takeShot();
            return r.renderingProperty().get() && r.shotImageProperty().get() == before
                && r.shotCountProperty().get() == 2;
        }), "counted at once, rendered off the FX thread");
        settle(r);
        assertEquals("Shots: 2", text("#shot-count"));
        assertEquals("Dose: 0.6 mGy", text("#dose"));
        int[] second = grey(AppFx.fx(() -> r.shotImageProperty().get()));
        int size = ap.sizePx();
        Vec3 tip = AppFx.fx(() -> r.session().current()).tipLps();
        Vec3 pedicle = AppFx.fx(() -> r.session().current()).entryLps().lerp(tip, 0.6);
        for (Vec3 p : List.of(tip, pedicle)) {
            double[] t = ap.project(p);
            assertTrue(t[0] > size / 2.0 + 5, "the left needle on the image's right: column " + t[0]);
            int at = (int) Math.round(t[0]) + size * (int) Math.round(t[1]);
            assertTrue(second[at] < 40 && first[at] - second[at] > 60, "steel: " + first[at] + " -> " + second[at]);
            double[] mirror = ap.project(new Vec3(2 * ap.isoLps().x() - p.x(), p.y(), p.z()));
            int other = (int) Math.round(mirror[0]) + size * (int) Math.round(mirror[1]);
            assertEquals(first[other], second[other], "nothing on the patient's right");
        }
        assertTrue(ap.project(pedicle)[0] > ap.project(tip)[0], "converging: the pedicle lateral to the tip");
        int changed = 0;
        for (int i = 0; i < first.length; i++) {
            changed += first[i] != second[i] ? 1 : 0;
        }
        assertTrue(changed > 100 && changed < first.length / 20, "only the needle changed: " + changed + " pixels");

        // finish: the score on the CT, the attempt file beside the plan, the result shown
        robot.clickOn("#finish-rehearsal");
        RehearsalResultPane result = (RehearsalResultPane) waitForRoot(RehearsalResultPane.class);
        RehearsalOutcome o = result.outcome();
        Path file = caseDir.resolve("attempt-1.json");
        assertEquals(file, o.file());
        Attempt saved = AttemptJson.load(file);
        assertEquals(AttemptMode.FREEHAND, saved.mode());
        assertEquals("trainee 4", saved.trainee());
        assertEquals("plan.json", saved.referencePlan());
        assertEquals(2, saved.shots().size());
        assertEquals(0.6, saved.doseMGy(), 1e-12);
        assertTrue(saved.durationSeconds() > 0);
        assertEquals(List.of("left"), saved.plan().needles().stream().map(Needle::id).toList());
        assertEquals(1, saved.breaches().size(), saved.breaches().toString());
        assertEquals("medial", saved.breaches().get(0).wall());
        double expected = Scorer.scoreOnCt(reference, saved.plan(), o.loaded().volume()).score();
        assertEquals(String.format(java.util.Locale.ROOT, "Score %.1f / 100", expected), text("#rehearsal-score"));
        // one of two needles, placed close to the plan: about half the points
        assertTrue(expected > 40 && expected <= 50, "score " + expected);
        assertTrue(text("#result-left-tip").endsWith("mm"));
        assertTrue(text("#missing-right").contains("right"));
        assertTrue(text("#breaches-on-the-way").contains("left") && text("#breaches-on-the-way").contains("medial"),
            text("#breaches-on-the-way"));
        assertTrue(text("#rehearsal-summary").contains("2 shots (1 to find the entry), 0.6 mGy"),
            text("#rehearsal-summary"));
        // both needles in 3D in their own colours, and in the slices
        assertEquals(RehearsalResultPane.PLAN_COLOR, AppFx.fx(() -> colour(result.view3d().find("#rod-plan-left"))));
        assertEquals(RehearsalResultPane.ATTEMPT_COLOR, AppFx.fx(() -> colour(result.view3d().find("#rod-attempt-left"))));
        assertTrue(AppFx.fx(result.along()::title).contains("your left"));
        WritableImage along = AppFx.fx(() -> result.along().canvas().snapshot(null, null));
        assertTrue(count(along, RehearsalResultPane.PLAN_COLOR) > 50, "the plan's needle drawn along yours");
        assertTrue(count(along, RehearsalResultPane.ATTEMPT_COLOR) > 50, "yours drawn");

        robot.clickOn("#back-to-planning");
        waitForRoot(MainWindow.class);
        assertSame(w.window(), w.scene().getRoot());
    }

    private static Color colour(Node n) {
        return ((PhongMaterial) ((Shape3D) n).getMaterial()).getDiffuseColor();
    }

    /** Pixels within a few levels of a colour. */
    private static int count(Image img, Color c) {
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                Color p = img.getPixelReader().getColor(x, y);
                if (Math.abs(p.getRed() - c.getRed()) < 0.04 && Math.abs(p.getGreen() - c.getGreen()) < 0.04
                    && Math.abs(p.getBlue() - c.getBlue()) < 0.04) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theSeatedTemplateHoldsTheNeedleOnItsSleeveAndOnlyItsDepthChanges() throws Exception {
        AppFx.open(w, caseDir); // the open case is rehearsed as it is (no second load)
        RehearsalPane pane = startRehearsal(AttemptMode.TEMPLATE, null);
        RehearsalViewModel r = pane.viewModel();
        key(KeyCode.W);
        assertEquals("Seat the guide first", text("#rehearsal-message"));
        key(KeyCode.G);
        assertTrue(AppFx.fx(() -> r.guideSeatedProperty().get()));
        for (Side side : Side.values()) {
            key(side == Side.LEFT ? KeyCode.DIGIT1 : KeyCode.DIGIT2);
            Needle ref = reference.needles().stream().filter(x -> x.side() == side).findFirst().orElseThrow();
            key(KeyCode.RIGHT, KeyCode.UP);
            assertEquals("The sleeve holds the needle's direction: only its depth can change", text("#rehearsal-message"));
            assertTrue(AppFx.fx(() -> pane.lookup("#tilt-medial").isDisabled()));
            for (int i = 0; i < 3; i++) {
                key(KeyCode.W);
            }
            AppFx.fx(() -> {
                r.advance(Math.round(ref.geometry().depthMm()) - 3);
                return null;
            });
            RehearsalNeedle n = AppFx.fx(() -> r.session().current());
            assertEquals(ref.entryLps(), n.entryLps());
            assertEquals(1, n.direction().dot(ref.direction()), 1e-12);
            assertEquals(Math.round(ref.geometry().depthMm()), n.depthMm(), 1e-9);
        }
        // a click on a shot marks no entry with the template
        key(KeyCode.L, KeyCode.X);
        settle(r);
        robot.clickOn(AppFx.fx(() -> pane.monitor().screenPointOf(256, 256)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("#rehearsal-message").startsWith("With the template"), text("#rehearsal-message"));
        robot.clickOn("#finish-rehearsal");
        RehearsalOutcome o = ((RehearsalResultPane) waitForRoot(RehearsalResultPane.class)).outcome();
        assertEquals(AttemptMode.TEMPLATE, AttemptJson.load(o.file()).mode());
        // on the planned lines, within half a millimetre of the planned depth: full marks
        assertEquals("Score 100.0 / 100", text("#rehearsal-score"));
        o.score().needles().forEach(s -> assertTrue(s.angleErrorDeg() < 1e-6 && s.entryErrorMm() < 1e-9));
        assertEquals(0, o.shotsBeforeEntry());
    }

    @Test
    void theMenuStartsARehearsalOfTheOpenCaseAClickOnTheSkinMarksTheEntryAndAbandoningSavesNothing()
        throws Exception {
        AppFx.open(w, caseDir);
        robot.clickOn("Rehearsal").clickOn("Start rehearsal...");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(caseDir.toAbsolutePath().toString(), robot.lookup("#rehearsal-case")
            .queryAs(javafx.scene.control.TextField.class).getText(), "the open case by default");
        robot.clickOn("#rehearsal-trainee").write("trainee 9");
        robot.clickOn("OK");
        RehearsalPane pane = (RehearsalPane) waitForRoot(RehearsalPane.class);
        RehearsalViewModel r = pane.viewModel();
        settle(r);
        assertEquals(AttemptMode.FREEHAND, r.mode());
        assertTrue(text("#rehearsal-title").endsWith("freehand, trainee 9"), text("#rehearsal-title"));
        // a click on the skin of the back in the 3D view: the entry on the CT's skin there
        robot.clickOn(AppFx.fx(() -> pane.outside().localToScreen(pane.outside().getWidth() / 2,
            pane.outside().getHeight() / 2)));
        WaitForAsyncUtils.waitForFxEvents();
        RehearsalNeedle n = AppFx.fx(() -> r.session().current());
        assertNotNull(n, AppFx.fx(() -> r.messageProperty().get()));
        org.vertebroplan.volume.Volume ct = AppFx.fx(r::loadedCase).volume();
        Vec3 out = n.entryLps().minus(r.session().levelCentre("L2")).normalized();
        assertTrue(ct.sample(n.entryLps().plusScaled(out, -1), -1000) > Tissue.SKIN_HU, "tissue just inside");
        assertTrue(ct.sample(n.entryLps().plusScaled(out, 1), -1000) < Tissue.SKIN_HU, "air just outside");
        assertTrue(n.entryLps().y() > reference.needle("left").targetLps().y() + 50, "on the back: " + n.entryLps());
        assertNotNull(AppFx.fx(() -> pane.outside().find("#rod-left")), "its steel in the view of the back");
        AppFx.fx(() -> {
            r.advance(20);
            return null;
        });
        robot.clickOn("#abandon-rehearsal");
        waitForRoot(MainWindow.class);
        assertFalse(Files.exists(caseDir.resolve("attempt-1.json")), "nothing saved");
        assertTrue(AppFx.fx(() -> w.viewModel().statusProperty().get()).contains("abandoned"));
    }

    @Test
    void theHistoryListsTheAttemptsBesideThePlanWithTheirScores() throws Exception {
        // two attempts made earlier: freehand (the left needle 3 mm too deep) and template (both needles)
        Path planFile = caseDir.resolve("plan.json");
        double[] now = {0};
        RehearsalSession free = new RehearsalSession(reference, AttemptMode.FREEHAND, () -> now[0]);
        Needle left = reference.needle("left");
        free.takeShot();
        free.takeShot();
        free.markEntry(left.entryLps());
        free.tilt(left.geometry().cranialDeg(), left.geometry().abductionDeg());
        free.advance(left.geometry().depthMm() + 3);
        now[0] = 600;
        free.takeShot();
        AttemptHistory.save(free.attempt("trainee 4", "2026-01-05T09:00:00Z", "plan.json"), planFile);
        RehearsalSession template = new RehearsalSession(reference, AttemptMode.TEMPLATE, () -> now[0]);
        template.seatGuide();
        for (Side s : Side.values()) {
            template.selectSide(s);
            template.advance(reference.needles().stream().filter(x -> x.side() == s).findFirst().orElseThrow()
                .geometry().depthMm());
        }
        template.takeShot();
        AttemptHistory.save(template.attempt("trainee 4", "2026-01-06T09:00:00Z", "plan.json"), planFile);

        AppFx.open(w, caseDir);
        AppFx.fx(() -> {
            menu.showHistory(w.window());
            return null;
        });
        AttemptHistoryPane h = (AttemptHistoryPane) waitForRoot(AttemptHistoryPane.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(h::done));
        WaitForAsyncUtils.waitForFxEvents();
        List<AttemptHistoryPane.Row> rows = AppFx.fx(h::rows);
        assertEquals(2, rows.size());
        AttemptHistoryPane.Row a = rows.get(0);
        AttemptHistoryPane.Row b = rows.get(1);
        assertEquals("freehand", a.mode());
        assertEquals("template", b.mode());
        assertEquals(3, a.shots());
        assertEquals("0.9 mGy", a.dose());
        assertEquals("trainee 4", a.trainee());
        assertEquals(AttemptHistoryPane.date("2026-01-05T09:00:00Z"), a.date());
        assertTrue(a.date().startsWith("2026-01-0"), a.date());
        double scoreA = Scorer.scoreOnCt(reference, AttemptJson.load(caseDir.resolve("attempt-1.json")).plan(),
            w.viewModel().getLoadedCase().volume()).score();
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", scoreA), a.score());
        assertEquals("100.0", b.score());
        assertTrue(scoreA < 50, "one needle of two, 3 mm deep: " + scoreA);
        assertEquals(Set.of("freehand", "template"), Set.copyOf(AppFx.fx(() -> h.chart().getData().stream()
            .filter(s -> !s.getData().isEmpty()).map(s -> s.getName()).toList())));
        assertTrue(((Label) AppFx.fx(() -> h.lookup("#history-status"))).getText().startsWith("2 attempts"));
        robot.clickOn("#history-back");
        waitForRoot(MainWindow.class);
        assertSame(w.window(), w.scene().getRoot());
        assertNull(AppFx.fx(() -> w.scene().lookup("#attempt-history")));
    }
}
