package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;

/**
 * File &gt; Open plan: reads a plan file, finds the CT series it was planned on and opens that case with
 * the plan (later saves go back to the same file). The plan names its series by UID only (no folder, for
 * the patient's privacy), so the series is looked for, headers only and in the background, in: the folder
 * this plan file was last opened or saved with (the recent cases), the plan file's own folder (a case
 * folder with {@code dicom/}, or images beside it), the case on screen, and the other recent cases. When
 * none has it, the user is asked for the DICOM folder ({@code askDicomFolder}); a folder without the
 * series opens its default series with a warning. No nodes: the dialogs are the caller's.
 */
final class PlanOpener {

    private final WorkstationViewModel main;
    private final UserFiles files;

    PlanOpener(WorkstationViewModel main, UserFiles files) {
        this.main = main;
        this.files = files;
    }

    /**
     * Opens the plan file's case with it. Completes (FX thread) with the loaded case, or exceptionally when
     * the plan cannot be read, the user gave no folder, or loading failed (each reported in the status bar).
     */
    CompletableFuture<LoadedCase> open(Path planFile, Function<Plan, Path> askDicomFolder) {
        CompletableFuture<LoadedCase> done = new CompletableFuture<>();
        Plan plan;
        try {
            plan = PlanJson.load(planFile);
        } catch (IOException | RuntimeException e) {
            main.report("Could not open the plan: " + WorkstationViewModel.describe(e), WorkstationViewModel.Severity.ERROR);
            done.completeExceptionally(e);
            return done;
        }
        List<Path> candidates = candidates(planFile, plan);
        main.report("Looking for the series of " + planFile.getFileName() + "...", WorkstationViewModel.Severity.INFO);
        CompletableFuture.supplyAsync(() -> find(plan, candidates), main.executor()::execute)
            .whenComplete((found, failure) -> Platform.runLater(() -> {
                if (found != null && found.isPresent()) {
                    load(found.get(), planFile, plan, done, null);
                    return;
                }
                Path dir = askDicomFolder.apply(plan);
                if (dir == null) {
                    main.report("Not opened: the plan's CT series was not found and no DICOM folder was chosen",
                        WorkstationViewModel.Severity.ERROR);
                    done.completeExceptionally(new IOException("no DICOM folder"));
                    return;
                }
                CompletableFuture.supplyAsync(() -> find(plan, List.of(dir)), main.executor()::execute)
                    .whenComplete((inDir, f2) -> Platform.runLater(() -> load(dir, planFile, plan, done,
                        inDir != null && inDir.isPresent() ? null : "the plan's series " + plan.seriesInstanceUid()
                            + " is not in " + dir + ": its default series is shown")));
            }));
        return done;
    }

    private void load(Path folder, Path planFile, Plan plan, CompletableFuture<LoadedCase> done, String warning) {
        CaseLocation at;
        try {
            CaseLocation resolved = CaseLocation.resolve(folder);
            at = new CaseLocation(resolved.caseDir(), resolved.dicomDir(), Optional.of(planFile));
        } catch (IOException e) {
            main.report("Could not open the plan's case: " + e.getMessage(), WorkstationViewModel.Severity.ERROR);
            done.completeExceptionally(e);
            return;
        }
        boolean known = warning == null;
        main.open(at, known ? plan.seriesInstanceUid() : null).whenComplete((c, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            if (warning != null) {
                main.report("Plan opened, but " + warning, WorkstationViewModel.Severity.WARNING);
            } else {
                main.report("Plan " + planFile.getFileName() + " opened with its series from " + at.dicomDir(),
                    WorkstationViewModel.Severity.INFO);
            }
            done.complete(c);
        });
    }

    /** The folders to look in, in order, each once. */
    private List<Path> candidates(Path planFile, Plan plan) {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        files.forPlan(planFile).ifPresent(c -> dirs.add(c.caseDir()));
        Path parent = planFile.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            dirs.add(parent);
        }
        LoadedCase shown = main.getLoadedCase();
        if (shown != null) {
            dirs.add(shown.location().caseDir());
        }
        for (UserFiles.Case c : files.recent()) {
            if (plan.seriesInstanceUid() == null || plan.seriesInstanceUid().equals(c.seriesUid())) {
                dirs.add(c.caseDir());
            }
        }
        return new ArrayList<>(dirs);
    }

    /** The first folder that holds the plan's series (any series when the plan names none). Background thread. */
    private Optional<Path> find(Plan plan, List<Path> dirs) {
        String uid = plan.seriesInstanceUid();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                List<CaseServices.SeriesChoice> series = main.services().listSeries(CaseLocation.resolve(dir).dicomDir());
                if (series.isEmpty()) {
                    continue;
                }
                if (uid == null || series.stream().anyMatch(s -> uid.equals(s.seriesInstanceUid()))) {
                    return Optional.of(dir);
                }
            } catch (IOException | RuntimeException e) {
                // not a DICOM folder: try the next
            }
        }
        return Optional.empty();
    }
}
