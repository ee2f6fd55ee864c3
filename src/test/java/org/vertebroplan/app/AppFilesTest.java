package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;

/**
 * Files as users expect them, on a phantom case (real DICOM import): a new plan is saved where the user
 * chooses (by default the plans folder in the user's home, never the DICOM folder), File &gt; Open plan
 * finds its series again (through the recent cases, or the series UID in another recent folder, or a
 * folder the user gives), the recent cases remember it, and an unsaved plan survives a crash (autosave,
 * recovery when the case opens again) but not a save or a discard.
 */
@ExtendWith(ApplicationExtension.class)
class AppFilesTest {

    @TempDir
    static Path shared;
    static Path caseDir;
    static Path dicomDir;

    Stage stage;

    @BeforeAll
    static void writePhantom() throws Exception {
        PhantomCase.Result r = PhantomCase.write(shared.resolve("phantom"), PhantomOptions.of(3, PhantomPosition.HFP));
        caseDir = shared.resolve("phantom");
        dicomDir = r.dicomDir();
        Files.delete(r.planFile()); // a case without a plan yet
    }

    @Start
    void start(Stage s) {
        stage = s;
    }

    private Workstation show(UserFiles files) throws Exception {
        return AppFx.fx(() -> Workstation.show(stage, CaseServices.CORE, AppFx.daemonThreads("files-test"), false, files));
    }

    private static Plan moved(Workstation w, double dx) throws Exception {
        AppFx.fx(() -> w.planning().addNeedle(org.vertebroplan.plan.Side.LEFT));
        Needle n = AppFx.plan(w).needles().get(0);
        AppFx.fx(() -> w.planning().edit("moved", p -> PlanEdits.moveEntry(p, n.id(), n.entryLps().plus(new Vec3(dx, 0, 0)))));
        return AppFx.plan(w);
    }

    @Test
    void newPlansGoToThePlansFolderNeverTheDicomFolderAndOpenAgainWithTheirSeries() throws Exception {
        UserFiles files = AppFx.freshUserFiles();
        Workstation w = show(files);
        AppFx.open(w, caseDir);
        PlanningViewModel planning = w.planning();
        assertNull(AppFx.fx(planning.planFileProperty()::get), "no plan file yet");
        assertTrue(AppFx.plan(w).seriesInstanceUid() != null, "the plan names the series it is made on");
        Plan edited = moved(w, 2);

        // into the DICOM folder: refused, in red, nothing written
        Path intoDicom = dicomDir.resolve("plan.json");
        assertFalse(AppFx.fx(() -> planning.saveAs(intoDicom)));
        assertFalse(Files.exists(intoDicom));
        assertEquals(WorkstationViewModel.Severity.ERROR, AppFx.fx(w.viewModel().statusSeverityProperty()::get));
        assertTrue(AppFx.fx(w.viewModel().statusProperty()::get).contains("DICOM folder"));

        // Save of a plan without a file asks where; the window suggests the plans folder
        Path suggested = files.plansDir().resolve(MainWindow.suggestedName(edited));
        assertTrue(suggested.getFileName().toString().endsWith("-plan.json"), suggested.toString());
        List<Boolean> asked = new ArrayList<>();
        AppFx.fx(() -> {
            planning.setSaveTarget(() -> {
                asked.add(true);
                return suggested;
            });
            return null;
        });
        assertTrue(AppFx.fx(planning::save));
        assertEquals(List.of(true), asked);
        assertEquals(edited, PlanJson.load(suggested));
        assertEquals(suggested, AppFx.fx(planning.planFileProperty()::get));
        assertEquals(suggested, files.recent().get(0).planFile(), "the recent case knows its plan file");
        assertEquals(caseDir.toAbsolutePath().normalize(), files.recent().get(0).caseDir());

        // another case on screen, then File > Open plan: its series is found through the recent cases
        Path other = shared.resolve("other");
        PhantomCase.write(other, PhantomOptions.of(5, PhantomPosition.HFP));
        AppFx.open(w, other);
        List<Plan> askedFor = new ArrayList<>();
        LoadedCase c = WaitForAsyncUtils.asyncFx(() -> w.opener().open(suggested, p -> {
            askedFor.add(p);
            return null;
        })).get().get(120, TimeUnit.SECONDS);
        AppFx.settle(w, 120);
        assertTrue(askedFor.isEmpty(), "found without asking");
        assertEquals(dicomDir.toAbsolutePath().normalize(), c.location().dicomDir());
        assertEquals(edited, AppFx.plan(w));
        assertEquals(suggested, AppFx.fx(planning.planFileProperty()::get), "later saves go back to that file");
        assertFalse(AppFx.fx(planning.dirtyProperty()::get));

        // a copy of the plan elsewhere: found by its series UID among the recent cases
        Path elsewhere = Files.createDirectories(shared.resolve("mail")).resolve("copy.json");
        Files.copy(suggested, elsewhere);
        AppFx.open(w, other);
        c = WaitForAsyncUtils.asyncFx(() -> w.opener().open(elsewhere, p -> null)).get().get(120, TimeUnit.SECONDS);
        assertEquals(dicomDir.toAbsolutePath().normalize(), c.location().dicomDir());
        assertEquals(elsewhere, AppFx.fx(planning.planFileProperty()::get));

        // with no recent cases, the user is asked for the folder
        UserFiles empty = AppFx.freshUserFiles();
        Workstation fresh = show(empty);
        c = WaitForAsyncUtils.asyncFx(() -> fresh.opener().open(elsewhere, p -> {
            askedFor.add(p);
            return caseDir;
        })).get().get(120, TimeUnit.SECONDS);
        assertEquals(1, askedFor.size());
        assertEquals(edited, askedFor.get(0));
        assertEquals(dicomDir.toAbsolutePath().normalize(), c.location().dicomDir());
        assertEquals(edited, AppFx.plan(fresh));
        AppFx.settle(fresh, 120);
    }

    @Test
    void anUnsavedPlanSurvivesACrashButNotASaveOrADiscard() throws Exception {
        UserFiles files = AppFx.freshUserFiles();
        Workstation w = show(files);
        AppFx.open(w, caseDir);
        Plan edited = moved(w, 3);
        assertTrue(AppFx.fx(w.planning().dirtyProperty()::get));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> AppFx.fx(() -> files.autosaves().size() == 1));
        assertEquals(edited, files.autosaves().get(0).plan());

        // "crash": a new window on the same user files opens the case; asked, the user recovers the plan
        Workstation after = show(files);
        List<UserFiles.Autosaved> offered = new ArrayList<>();
        AppFx.fx(() -> {
            after.autosave().setRecoverer(a -> offered.add(a));
            return null;
        });
        AppFx.open(after, caseDir);
        assertEquals(1, offered.size());
        assertEquals(edited, AppFx.plan(after), "recovered");
        assertTrue(AppFx.fx(after.planning().dirtyProperty()::get), "and still to be saved");
        assertTrue(AppFx.fx(after.viewModel().statusProperty()::get).startsWith("Recovered"),
            AppFx.fx(after.viewModel().statusProperty()::get));
        AppFx.fx(() -> {
            after.planning().undo();
            return null;
        });
        assertNotEquals(edited, AppFx.plan(after), "the recovery is one undoable step");
        AppFx.fx(() -> {
            after.planning().redo();
            return null;
        });

        // saved: the copy goes
        Path out = files.plansDir().resolve("saved.json");
        assertTrue(AppFx.fx(() -> after.planning().saveAs(out)));
        assertTrue(files.autosaves().isEmpty());

        // changes discarded: the copy goes too
        moved(after, -3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> AppFx.fx(() -> files.autosaves().size() == 1));
        assertTrue(AppFx.fx(() -> after.planning().confirmDiscard(() -> PlanningViewModel.UnsavedChoice.DISCARD)));
        assertTrue(files.autosaves().isEmpty());
    }
}
