package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SegmentationOptions;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.SkinSnapper;
import org.vertebroplan.plan.TrajectoryProposer;

/**
 * The planning state and commands (MVVM; never touches a node). Every edit turns the current
 * {@link Plan} into a new one with {@link PlanEdits}, records it in a {@link PlanHistory} (undo/redo,
 * unsaved changes) and publishes it in {@link WorkstationViewModel#planProperty()}, which all views
 * follow. Slice drags preview a plan without recording it and record one step when released.
 *
 * <p>Slow core work runs in {@link Task}s on the background executor: the needle proposal
 * ({@link TrajectoryProposer}), the marker detection ({@link FiducialDetector}) and the safety check
 * ({@link LiveSafetyCheck}), which is re-run after every change of the needles, debounced, and whose
 * result is shown only for the plan it was computed on ({@link #checkedPlanProperty()}).
 * Saving uses {@link PlanJson#save} (atomic). All methods must be called on the FX thread.
 */
public final class PlanningViewModel {

    /** The answer to "save the unsaved changes?". */
    public enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    /** A needle's default working length (mm) when a new one is proposed or added. */
    public static final double DEFAULT_WORKING_LENGTH_MM = 120;

    private final WorkstationViewModel main;
    private final Executor executor;
    private final PlanHistory history = new PlanHistory();
    private final LiveSafetyCheck safetyCheck;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObjectProperty<Path> planFile = new SimpleObjectProperty<>(this, "planFile");
    private final ObjectProperty<String> selectedNeedle = new SimpleObjectProperty<>(this, "selectedNeedle");
    private final BooleanProperty placingMarkers = new SimpleBooleanProperty(this, "placingMarkers");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty markerWarning = new SimpleStringProperty(this, "markerWarning", "");
    private Plan beforeDrag;

    public PlanningViewModel(WorkstationViewModel main, Executor executor, Duration debounceDelay) {
        this.main = main;
        this.executor = executor;
        safetyCheck = new LiveSafetyCheck(main, executor, debounceDelay, message::set);
        main.loadedCaseProperty().addListener((obs, old, c) -> caseShown(c));
        main.planProperty().addListener((obs, old, p) -> planChanged(old, p));
        if (main.getLoadedCase() != null) {
            caseShown(main.getLoadedCase());
        }
    }

    private void caseShown(LoadedCase c) {
        history.reset(c == null ? null : main.planProperty().get());
        planFile.set(c == null ? null : c.location().planFile().orElse(c.location().caseDir().resolve("plan.json")));
        Plan p = main.planProperty().get();
        selectedNeedle.set(p == null || p.needles().isEmpty() ? null : p.needles().get(0).id());
        safetyCheck.reset();
        message.set("");
        syncFlags();
        planChanged(null, p);
    }

    private void planChanged(Plan old, Plan p) {
        if (p == null) {
            markerWarning.set("");
            return;
        }
        int n = p.fiducials().size();
        markerWarning.set(n == 3 ? (PlanEdits.markerFrame(p) == null ? "The markers do not form a usable marker line."
            : "") : n + " skin marker" + (n == 1 ? "" : "s") + ": 3 are needed (detect them or click to place them).");
        if (selectedNeedle.get() == null || p.needle(selectedNeedle.get()) == null) {
            selectedNeedle.set(p.needles().isEmpty() ? null : p.needles().get(0).id());
        }
        if (old == null || !old.needles().equals(p.needles())) {
            safetyCheck.schedule();
        }
    }

    // ---- edits -------------------------------------------------------------------------------

    /** Applies an edit to the current plan and records it; false (with a message) when it is invalid. */
    public boolean edit(String what, Function<Plan, Plan> change) {
        Plan p = main.planProperty().get();
        if (p == null) {
            return false;
        }
        Plan next;
        try {
            next = change.apply(p);
        } catch (IllegalArgumentException e) {
            message.set("Not applied: " + e.getMessage());
            return false;
        }
        record(next);
        message.set(what);
        return true;
    }

    private void record(Plan next) {
        history.push(next);
        main.planProperty().set(next);
        syncFlags();
    }

    /** Entry + cranial + abduction angles (degrees, DESIGN.md) + depth (mm): recomputes the target. */
    public boolean setByAngles(String id, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm) {
        return edit("Needle " + id + " set by angles",
            p -> PlanEdits.setByAngles(p, id, entryLps, cranialDeg, abductionDeg, depthMm));
    }

    public boolean setGauge(String id, NeedleGauge gauge) {
        return edit("Needle " + id + ": " + gauge.label(), p -> PlanEdits.setDiameter(p, id, gauge.diameterMm()));
    }

    public boolean setWorkingLength(String id, double mm) {
        return edit("Needle " + id + ": working length " + PlanEdits.fmt(mm) + " mm",
            p -> PlanEdits.setWorkingLength(p, id, mm));
    }

    /** Moves the entry onto the skin along the needle line ({@link SkinSnapper}); fast, on this thread. */
    public boolean snapEntryToSkin(String id) {
        LoadedCase c = main.getLoadedCase();
        Plan p = main.planProperty().get();
        Needle n = p == null ? null : p.needle(id);
        if (c == null || n == null) {
            return false;
        }
        Optional<Vec3> skin = SkinSnapper.snap(c.volume(), n.targetLps(), n.entryLps(), SkinSnapper.SKIN_HU);
        if (skin.isEmpty()) {
            message.set("Snap: no skin found along the needle line inside the CT");
            return false;
        }
        return edit("Entry of " + id + " snapped to the skin", q -> PlanEdits.moveEntry(q, id, skin.get()));
    }

    /** Adds a needle on one side aimed at the crosshair (15 degrees medial, entry snapped to the skin). */
    public boolean addNeedle(Side side) {
        Plan p = main.planProperty().get();
        LoadedCase c = main.getLoadedCase();
        if (p == null || c == null) {
            return false;
        }
        String id = PlanEdits.freeId(p, side);
        Vec3 target = main.crosshairProperty().get();
        // a point 80 mm back along a 15-degree converging line: step from the target against the direction
        Vec3 ahead = org.vertebroplan.plan.NeedleGeometry.targetFrom(side, target, 0, 15, 80);
        Vec3 back = target.plus(target.minus(ahead));
        Vec3 entry = SkinSnapper.snap(c.volume(), target, back, SkinSnapper.SKIN_HU).orElse(back);
        boolean ok = edit("Needle " + id + " added", q -> PlanEdits.replace(q,
            new Needle(id, side, entry, target, NeedleGauge.G11.diameterMm(), DEFAULT_WORKING_LENGTH_MM)));
        if (ok) {
            selectedNeedle.set(id);
        }
        return ok;
    }

    public boolean deleteNeedle(String id) {
        return edit("Needle " + id + " deleted", p -> PlanEdits.removeNeedle(p, id));
    }

    /** Shows a dragged needle point or marker without recording it (call {@link #finishDrag()} at the end). */
    public void preview(Function<Plan, Plan> change) {
        Plan p = main.planProperty().get();
        if (p == null) {
            return;
        }
        if (beforeDrag == null) {
            beforeDrag = p;
        }
        try {
            main.planProperty().set(change.apply(p));
        } catch (IllegalArgumentException e) {
            // e.g. the entry dragged onto the target: keep the last valid position
        }
    }

    /** Records the dragged plan as one step. */
    public void finishDrag(String what) {
        if (beforeDrag != null) {
            boolean moved = !beforeDrag.equals(main.planProperty().get());
            beforeDrag = null;
            record(main.planProperty().get());
            if (moved) {
                message.set(what);
            }
        }
    }

    public void placeMarker(Vec3 lps) {
        edit("Marker placed", p -> PlanEdits.addMarker(p, lps));
    }

    public void deleteMarker(String id) {
        edit("Marker " + id + " deleted", p -> PlanEdits.deleteMarker(p, id));
    }

    // ---- undo, redo, save --------------------------------------------------------------------

    public void undo() {
        Plan p = history.undo();
        if (p != null) {
            main.planProperty().set(p);
            message.set("Undone");
        }
        syncFlags();
    }

    public void redo() {
        Plan p = history.redo();
        if (p != null) {
            main.planProperty().set(p);
            message.set("Redone");
        }
        syncFlags();
    }

    /** Saves to {@link #planFileProperty()} (atomic); false with a message when it fails. */
    public boolean save() {
        return saveAs(planFile.get());
    }

    public boolean saveAs(Path file) {
        Plan p = main.planProperty().get();
        if (p == null || file == null) {
            return false;
        }
        try {
            PlanJson.save(p, file);
        } catch (IOException | RuntimeException e) {
            message.set("Could not save the plan: " + WorkstationViewModel.describe(e));
            return false;
        }
        planFile.set(file);
        history.markSaved();
        syncFlags();
        message.set("Plan saved: " + file);
        return true;
    }

    /**
     * Before closing or opening another case: true when it may go ahead (nothing unsaved, the user
     * discarded the changes, or saving worked), false when the user cancelled or saving failed.
     */
    public boolean confirmDiscard(Supplier<UnsavedChoice> ask) {
        if (!history.dirty()) {
            return true;
        }
        return switch (ask.get()) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void syncFlags() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        dirty.set(history.dirty());
    }

    // ---- background work ---------------------------------------------------------------------

    /** Proposes bilateral needles for the vertebra at the crosshair (replacing needles of the same ids). */
    public CompletableFuture<Boolean> proposeNeedles() {
        LoadedCase c = main.getLoadedCase();
        if (c == null) {
            return CompletableFuture.completedFuture(false);
        }
        Vec3 at = main.crosshairProperty().get();
        return background("Proposing needles",
            () -> TrajectoryProposer.propose(c.volume(), at, SegmentationOptions.defaults()), proposals -> {
                record(PlanEdits.withProposals(main.planProperty().get(), proposals, DEFAULT_WORKING_LENGTH_MM));
                message.set("Proposed " + proposals.size() + " needles: check and adjust them");
            });
    }

    /** Detects the skin markers and replaces the plan's markers by them (M1..M3 cranial to caudal). */
    public CompletableFuture<Boolean> detectMarkers() {
        LoadedCase c = main.getLoadedCase();
        if (c == null) {
            return CompletableFuture.completedFuture(false);
        }
        return background("Detecting skin markers", () -> FiducialDetector.detect(c.volume(),
            FiducialOptions.defaults()), d -> {
                int found = d.markers().size();
                record(PlanEdits.withMarkers(main.planProperty().get(),
                    d.markers().stream().map(m -> new Fiducial("M", m.lps())).toList()));
                message.set("Detected " + found + " marker" + (found == 1 ? "" : "s")
                    + (d.warnings().isEmpty() ? "" : ": " + String.join("; ", d.warnings())));
            });
    }

    private <T> CompletableFuture<Boolean> background(String what, Callable<T> work, Consumer<T> done) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        busy.set(true);
        message.set(what + "...");
        task.setOnSucceeded(e -> {
            busy.set(false);
            try {
                done.accept(task.getValue());
                result.complete(true);
            } catch (RuntimeException ex) {
                message.set(what + " failed: " + WorkstationViewModel.describe(ex));
                result.complete(false);
            }
        });
        task.setOnFailed(e -> {
            busy.set(false);
            message.set(what + " failed: " + WorkstationViewModel.describe(task.getException()));
            result.complete(false);
        });
        executor.execute(task);
        return result;
    }

    /** True when no background work is running and the verdicts belong to the current needles. */
    public boolean settled() {
        return !busy.get() && safetyCheck.settled();
    }

    // ---- properties --------------------------------------------------------------------------

    public WorkstationViewModel main() {
        return main;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** True when the plan differs from the one last loaded or saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** A proposal or detection is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The safety check is running. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return safetyCheck.checkingProperty();
    }

    /** Where Save writes (the case's plan.json by default). */
    public ObjectProperty<Path> planFileProperty() {
        return planFile;
    }

    /** The id of the needle the panel edits (null without needles). */
    public ObjectProperty<String> selectedNeedleProperty() {
        return selectedNeedle;
    }

    /** While true, a click on a slice places a skin marker. */
    public BooleanProperty placingMarkersProperty() {
        return placingMarkers;
    }

    /** The outcome of the last command, for the status line of the panel. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Non-empty when the plan does not have exactly three usable markers. */
    public StringProperty markerWarningProperty() {
        return markerWarning;
    }

    /** The latest safety verdicts by needle id, for {@link #checkedPlanProperty()}. */
    public ReadOnlyObjectProperty<Map<String, NeedleSafety>> safetyProperty() {
        return safetyCheck.safetyProperty();
    }

    /** The plan the verdicts in {@link #safetyProperty()} belong to (null: none yet). */
    public ReadOnlyObjectProperty<Plan> checkedPlanProperty() {
        return safetyCheck.checkedPlanProperty();
    }
}
