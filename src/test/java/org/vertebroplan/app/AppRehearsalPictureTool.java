package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.AttemptMode;

/**
 * Makes the trainee's guide's pictures (docs/user-guide-trainee.md) of the real rehearsal mode on a
 * copy of the bundled sample case; runs only with {@code -Dapp.picture.rehearsal=DIR} (the folder the
 * PNGs go to, e.g. docs/images): {@code rehearsal-freehand.png} (an AP shot with the left needle on
 * its way), {@code rehearsal-lateral.png} (the lateral shot at depth), {@code rehearsal-result.png}
 * (the end: score, errors, both needles in 3D and slices), {@code rehearsal-template.png} (the seated
 * guide, a lateral shot) and {@code rehearsal-history.png} (three attempts).
 */
@ExtendWith(ApplicationExtension.class)
class AppRehearsalPictureTool {

    @TempDir
    Path dir;
    Workstation w;
    RehearsalMenu menu;

    @Start
    void start(Stage stage) {
        w = AppFx.show(stage, CaseServices.CORE);
        menu = RehearsalMenu.of(w.window());
        menu.setDialogs(false);
    }

    @Test
    void pictures() throws Exception {
        String out = System.getProperty("app.picture.rehearsal");
        Assumptions.assumeTrue(out != null, "no -Dapp.picture.rehearsal");
        Path images = Path.of(out);
        Path caseDir = AppRehearsalTest.copySample(dir.resolve("case"));
        Plan reference = PlanJson.load(caseDir.resolve("plan.json"));

        // a freehand attempt: an AP shot, the entry near the plan's, the needle turned and on its way
        RehearsalViewModel r = start(caseDir, AttemptMode.FREEHAND, "trainee 4");
        fx(() -> {
            r.takeShot();
            return null;
        });
        AppRehearsalTest.settle(r);
        place(r, reference.needle("left"), new Vec3(1.5, 0, 1), 2, 40);
        fx(() -> {
            r.takeShot();
            return null;
        });
        save(r, images.resolve("rehearsal-freehand.png"));
        fx(() -> {
            r.advance(50);
            r.preset("lateral");
            r.takeShot();
            return null;
        });
        save(r, images.resolve("rehearsal-lateral.png"));
        fx(() -> {
            r.selectSide(Side.RIGHT);
            return null;
        });
        place(r, reference.needle("right"), new Vec3(-1, 0, -2), -1, reference.needle("right").geometry().depthMm() - 4);
        fx(() -> {
            r.preset("ap");
            r.takeShot();
            r.finish();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> w.scene().getRoot() instanceof RehearsalResultPane));
        snapshot(images.resolve("rehearsal-result.png"));
        back();

        // a template attempt: seated, both needles to depth, a lateral shot
        RehearsalViewModel t = start(caseDir, AttemptMode.TEMPLATE, "trainee 4");
        fx(() -> {
            t.takeShot();
            t.seatGuide();
            for (Side s : Side.values()) {
                t.selectSide(s);
                t.advance(Math.round(reference.needles().stream().filter(n -> n.side() == s).findFirst().orElseThrow()
                    .geometry().depthMm()) - 1);
            }
            t.preset("lateral");
            t.takeShot();
            return null;
        });
        save(t, images.resolve("rehearsal-template.png"));
        fx(() -> {
            t.finish();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> w.scene().getRoot() instanceof RehearsalResultPane));
        back();

        // a third, freehand again, better; then the history
        RehearsalViewModel f = start(caseDir, AttemptMode.FREEHAND, "trainee 4");
        for (Side s : Side.values()) {
            fx(() -> {
                f.selectSide(s);
                return null;
            });
            Needle n = reference.needles().stream().filter(x -> x.side() == s).findFirst().orElseThrow();
            place(f, n, new Vec3(0.5, 0, 0), 0.5, n.geometry().depthMm());
        }
        fx(() -> {
            for (int i = 0; i < 9; i++) {
                f.takeShot();
            }
            f.finish();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> w.scene().getRoot() instanceof RehearsalResultPane));
        fx(() -> {
            menu.showHistory((RehearsalResultPane) w.scene().getRoot());
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.scene().getRoot() instanceof AttemptHistoryPane));
        AttemptHistoryPane h = (AttemptHistoryPane) w.scene().getRoot();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(h::done));
        snapshot(images.resolve("rehearsal-history.png"));
    }

    private void back() throws Exception {
        fx(() -> {
            RehearsalMenu.swap(w.scene(), w.window(), null);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.scene().getRoot() == w.window()));
    }

    private RehearsalViewModel start(Path caseDir, AttemptMode mode, String trainee) throws Exception {
        RehearsalPane pane = WaitForAsyncUtils.asyncFx(() -> menu.start(caseDir, mode, trainee)).get()
            .get(120, TimeUnit.SECONDS);
        return pane.viewModel();
    }

    /** The current needle's entry near the plan's, its angles off by {@code offDeg}, advanced to {@code depth}. */
    private static void place(RehearsalViewModel r, Needle ref, Vec3 entryOff, double offDeg, double depth)
        throws Exception {
        NeedleGeometry g = ref.geometry();
        fx(() -> {
            r.markEntry(ref.entryLps().plus(entryOff));
            r.tilt(Math.round(g.cranialDeg()), Math.round(g.abductionDeg() + offDeg));
            r.advance(Math.round(depth));
            return null;
        });
        AppRehearsalTest.settle(r);
    }

    private void save(RehearsalViewModel r, Path png) throws Exception {
        AppRehearsalTest.settle(r);
        snapshot(png);
    }

    private void snapshot(Path png) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        PngWriter.write(fx(() -> w.scene().snapshot(null)), png);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return AppFx.fx(c);
    }
}
