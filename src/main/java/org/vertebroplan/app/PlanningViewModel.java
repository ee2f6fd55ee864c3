package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.SegmentationOptions;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.SkinSnapper;
import org.vertebroplan.plan.TrajectoryProposer;
import org.vertebroplan.plan.VertebraFrame;
import org.vertebroplan.volume.Tissue;

/**
 * The planning state and commands (MVVM; never touches a node). Every edit turns the current
 * {@link Plan} into a new one with {@link PlanEdits}, records it in a {@link PlanHistory} (undo/redo,
 * unsaved changes) and publishes it in {@link WorkstationViewModel#planProperty()}, which all views
 * follow. Slice drags preview a plan without recording it and record one step when released.
 *
 * <p>Levels: the plan's vertebral levels ({@link Plan#levels()}) can be added, renamed and removed
 * (with their needles, after a confirmation); one is selected ({@link #selectedLevelProperty()}), and
 * selecting it centres the views on its vertebra. A proposal goes to the level at the crosshair (or a
 * new one, named by the caller's {@link LevelNamer}). Needle angles are typed and shown in the
 * needle's vertebra frame ({@link #angleFrameFor}): the level's recorded frame, else the one the
 * latest check measured, else the patient frame; typing in the measured frame records it on the level.
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
    private final IntegerProperty selectedLevel = new SimpleIntegerProperty(this, "selectedLevel", -1);
    private final ObjectProperty<Vec3> focus = new SimpleObjectProperty<>(this, "focus");
    /** The pedicle isthmus centre of each proposed needle (LPS), for the view across the needle. */
    private final Map<String, Vec3> pedicleCentres = new HashMap<>();
    private Plan beforeDrag;
    private Runnable onDiscard = () -> { };
    private Supplier<Path> saveTarget = () -> null;

    /** Asks for the label of a new level; empty: cancelled. {@code required}: it may not be left blank. */
    @FunctionalInterface
    public interface LevelNamer {
        Optional<String> name(boolean required);
    }

    /** Which frame a needle's angles are shown and typed in, and where it comes from. */
    public record AngleFrameChoice(AngleFrame frame, Source source) {
        public enum Source { RECORDED, MEASURED, PATIENT }

        /** The frame in words for the panel. */
        public String describe() {
            return switch (source) {
                case RECORDED -> "vertebra frame (recorded in the plan)";
                case MEASURED -> "vertebra frame (measured by the check)";
                case PATIENT -> "patient frame (vertebra not measured yet)";
            };
        }
    }

    public PlanningViewModel(WorkstationViewModel main, Executor executor, Duration debounceDelay) {
        this.main = main;
        this.executor = executor;
        safetyCheck = new LiveSafetyCheck(main, executor, debounceDelay, this::say);
        main.loadedCaseProperty().addListener((obs, old, c) -> caseShown(c));
        main.planProperty().addListener((obs, old, p) -> planChanged(old, p));
        selectedNeedle.addListener((obs, old, id) -> {
            Plan p = main.planProperty().get();
            Needle n = p == null || id == null ? null : p.needle(id);
            int at = n == null ? -1 : PlanEdits.levelIndexOf(p, n);
            if (at >= 0) {
                selectedLevel.set(at);
            }
        });
        if (main.getLoadedCase() != null) {
            caseShown(main.getLoadedCase());
        }
    }

    private void caseShown(LoadedCase c) {
        history.reset(c == null ? null : main.planProperty().get());
        planFile.set(c == null ? null : c.location().planFile().orElse(null));
        Plan p = main.planProperty().get();
        selectedNeedle.set(p == null || p.needles().isEmpty() ? null : p.needles().get(0).id());
        selectedLevel.set(p == null || p.levels().isEmpty() ? -1 : 0);
        pedicleCentres.clear();
        safetyCheck.reset();
        message.set(""); // the status bar keeps the last report
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
        if (selectedLevel.get() >= p.levels().size() || (selectedLevel.get() < 0 && !p.levels().isEmpty())) {
            Needle sel = selectedNeedle.get() == null ? null : p.needle(selectedNeedle.get());
            int at = sel == null ? -1 : PlanEdits.levelIndexOf(p, sel);
            selectedLevel.set(at >= 0 ? at : p.levels().isEmpty() ? -1 : 0);
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
            say("Not applied: " + e.getMessage());
            return false;
        }
        record(next, what);
        say(what);
        return true;
    }

    /** The outcome of a command: this view model's message and the window's status bar (in colour when it failed). */
    void say(String text) {
        message.set(text);
        main.report(text, WorkstationViewModel.classify(text));
    }

    private void record(Plan next) {
        record(next, null);
    }

    private void record(Plan next, String what) {
        history.push(next, what);
        main.planProperty().set(next);
        syncFlags();
    }

    /**
     * Entry + cranial + abduction angles (degrees, docs/architecture.md "Coordinates, units, angles") in the needle's frame ({@link #angleFrameFor})
     * + depth (mm): recomputes the target. Angles typed in the measured vertebra frame record that frame
     * on the needle's level in the same (undoable) step.
     */
    public boolean setByAngles(String id, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm) {
        AngleFrameChoice f = angleFrameFor(id);
        return edit("Needle " + id + " set by angles in the " + f.describe().replace(" (measured by the check)", "")
                + (f.source() == AngleFrameChoice.Source.MEASURED ? ", measured frame recorded on its level" : ""),
            p -> PlanEdits.setByAngles(p, id, entryLps, cranialDeg, abductionDeg, depthMm, f.frame()));
    }

    /**
     * The frame a needle's angles are shown and typed in: its level's recorded frame, else the vertebra
     * frame the latest check measured for it, else the patient frame.
     */
    public AngleFrameChoice angleFrameFor(String id) {
        Plan p = main.planProperty().get();
        Needle n = p == null || id == null ? null : p.needle(id);
        if (n == null) {
            return new AngleFrameChoice(AngleFrame.PATIENT, AngleFrameChoice.Source.PATIENT);
        }
        PlanLevel level = p.levelOf(n);
        if (level != null && level.angleFrame() != null) {
            return new AngleFrameChoice(level.angleFrame(), AngleFrameChoice.Source.RECORDED);
        }
        VertebraFrame measured = measuredFrame(n);
        return measured == null ? new AngleFrameChoice(AngleFrame.PATIENT, AngleFrameChoice.Source.PATIENT)
            : new AngleFrameChoice(measured.angleFrame(), AngleFrameChoice.Source.MEASURED);
    }

    /** The vertebra frame the latest check measured for a needle (by id), or null. */
    VertebraFrame measuredFrame(Needle n) {
        NeedleSafety s = safetyCheck.safetyProperty().get().get(n.id());
        return s == null ? null : s.frame();
    }

    /** The vertebra frame the latest check measured for level {@code index} (any of its needles'), or null. */
    public VertebraFrame measuredFrame(int index) {
        Plan p = main.planProperty().get();
        if (p == null || index < 0 || index >= p.levels().size()) {
            return null;
        }
        for (Needle n : PlanEdits.needlesOf(p, index)) {
            if (measuredFrame(n) != null) {
                return measuredFrame(n);
            }
        }
        return null;
    }

    private Vec3 measuredCentre(Needle n) {
        VertebraFrame f = measuredFrame(n);
        return f == null ? null : f.centreLps();
    }

    /** The analysis of a needle's level from the latest check (frame, canal, segmentation), or null. */
    LevelAnalysis levelAnalysisOf(String needleId) {
        return safetyCheck.analysisOf(needleId);
    }

    /** The pedicle isthmus centre the proposal of this needle passed (LPS), or null. */
    Vec3 pedicleCentreOf(String needleId) {
        return pedicleCentres.get(needleId);
    }

    // ---- levels ------------------------------------------------------------------------------

    /** Selects level {@code index} and centres the slices (and the 3D view) on its vertebra. */
    public void selectLevel(int index) {
        Plan p = main.planProperty().get();
        if (p == null || index < 0 || index >= p.levels().size()) {
            return;
        }
        selectedLevel.set(index);
        List<Needle> mine = PlanEdits.needlesOf(p, index);
        Needle sel = selectedNeedle.get() == null ? null : p.needle(selectedNeedle.get());
        if (!mine.isEmpty() && (sel == null || !mine.contains(sel))) {
            selectedNeedle.set(mine.get(0).id());
        }
        Vec3 c = PlanEdits.levelCentre(p, index, this::measuredCentre);
        if (c != null) {
            main.crosshairProperty().set(c);
            focus.set(null); // notify even when it is the same point
            focus.set(c);
        }
    }

    /** Adds an empty level with this label and selects it. */
    public boolean addLevel(String label) {
        boolean ok = edit("Level " + (label == null ? "" : label.strip()) + " added", p -> PlanEdits.addLevel(p, label));
        if (ok) {
            selectedLevel.set(main.planProperty().get().levels().size() - 1);
        }
        return ok;
    }

    public boolean renameLevel(int index, String label) {
        Plan p = main.planProperty().get();
        if (p == null || index < 0 || index >= p.levels().size()) {
            return false;
        }
        String old = PlanEdits.levelName(p.levels().get(index));
        String sel = selectedNeedle.get();
        boolean ok = edit("Level " + old + " renamed " + (label == null ? "" : label.strip()),
            q -> PlanEdits.renameLevel(q, index, label));
        if (ok && sel != null && old != null && sel.startsWith(old + "-")) {
            selectedNeedle.set(label.strip() + sel.substring(old.length()));
        }
        return ok;
    }

    /**
     * Removes level {@code index} with its needles; a level with needles only when {@code confirm}
     * says yes.
     */
    public boolean removeLevel(int index, BooleanSupplier confirm) {
        Plan p = main.planProperty().get();
        if (p == null || index < 0 || index >= p.levels().size()) {
            return false;
        }
        int count = PlanEdits.needlesOf(p, index).size();
        if (count > 0 && !confirm.getAsBoolean()) {
            say("Level " + PlanEdits.levelName(p.levels().get(index)) + " kept");
            return false;
        }
        return edit("Level " + PlanEdits.levelName(p.levels().get(index)) + " removed"
            + (count == 0 ? "" : " with its " + count + " needle" + (count == 1 ? "" : "s")), q -> PlanEdits.removeLevel(q, index));
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
        Optional<Vec3> skin = SkinSnapper.snap(c.volume(), n.targetLps(), n.entryLps(), Tissue.SKIN_HU);
        if (skin.isEmpty()) {
            say("Not applied: no skin found along the needle line inside the CT (snap)");
            return false;
        }
        return edit("Entry of " + id + " snapped to the skin", q -> PlanEdits.moveEntry(q, id, skin.get()));
    }

    /**
     * Adds a needle on one side aimed at the crosshair (15 degrees medial, entry snapped to the skin), to
     * the selected level (a plan without levels gets an unnamed one).
     */
    public boolean addNeedle(Side side) {
        Plan p = main.planProperty().get();
        LoadedCase c = main.getLoadedCase();
        if (p == null || c == null) {
            return false;
        }
        int at = selectedLevel.get();
        PlanLevel level = at >= 0 && at < p.levels().size() ? p.levels().get(at) : null;
        String label = level == null ? null : level.label();
        String id = PlanEdits.freeId(p, side, p.levels().size() > 1 ? label : null);
        Vec3 target = main.crosshairProperty().get();
        // a point 80 mm back along a 15-degree converging line: step from the target against the direction
        Vec3 ahead = org.vertebroplan.plan.NeedleGeometry.targetFrom(side, target, 0, 15, 80);
        Vec3 back = target.plus(target.minus(ahead));
        Vec3 entry = SkinSnapper.snap(c.volume(), target, back, Tissue.SKIN_HU).orElse(back);
        boolean ok = edit("Needle " + id + " added" + (label == null ? "" : " at level " + label),
            q -> PlanEdits.replace(q.levels().isEmpty() ? q.withLevels(List.of(new PlanLevel(null))) : q, // every
                // needle belongs to a level: the plan's first one, unnamed until the user names it
                new Needle(id, side, entry, target, NeedleGauge.G11.diameterMm(), DEFAULT_WORKING_LENGTH_MM, label,
                    org.vertebroplan.plan.Route.TRANSPEDICULAR, Map.of())));
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
            record(main.planProperty().get(), what);
            if (moved) {
                say(what);
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
        String what = history.currentWhat();
        Plan p = history.undo();
        if (p != null) {
            main.planProperty().set(p);
            say("Undone" + (what == null ? "" : ": " + what));
        } else {
            say("Nothing to undo");
        }
        syncFlags();
    }

    public void redo() {
        String what = history.redoWhat();
        Plan p = history.redo();
        if (p != null) {
            main.planProperty().set(p);
            say("Redone" + (what == null ? "" : ": " + what));
        } else {
            say("Nothing to redo");
        }
        syncFlags();
    }

    /**
     * Saves to {@link #planFileProperty()} (atomic); a plan that has no file yet asks where
     * ({@link #setSaveTarget}, by default in the plans folder). False with a message when it fails or is
     * cancelled.
     */
    public boolean save() {
        Path file = planFile.get();
        if (file == null) {
            file = saveTarget.get();
            if (file == null) {
                say("Save cancelled: the plan has no file yet (File > Save plan as...)");
                return false;
            }
        }
        return saveAs(file);
    }

    /** Where {@link #save()} asks a plan without a file to go (null: cancelled). */
    public void setSaveTarget(Supplier<Path> ask) {
        saveTarget = ask == null ? () -> null : ask;
    }

    /** Called when the user discards unsaved changes (the autosaved copy goes too). */
    void setOnDiscard(Runnable action) {
        onDiscard = action == null ? () -> { } : action;
    }

    /**
     * Saves to a file (atomic); false with a message when it fails. A plan is never written into the case's
     * DICOM folder (except over the plan file the case was opened with): DICOM folders hold images, often on
     * a read-only or shared archive.
     */
    public boolean saveAs(Path file) {
        Plan p = main.planProperty().get();
        if (p == null || file == null) {
            return false;
        }
        LoadedCase c = main.getLoadedCase();
        Path target = file.toAbsolutePath().normalize();
        if (c != null && target.getParent() != null
            && target.getParent().equals(c.location().dicomDir().toAbsolutePath().normalize())
            && !c.location().planFile().map(f -> f.toAbsolutePath().normalize().equals(target)).orElse(false)) {
            say("Not saved: " + target.getParent() + " is the case's DICOM folder; save the plan in the plans folder"
                + " or another folder of your own");
            return false;
        }
        try {
            PlanJson.save(p, file);
        } catch (IOException | RuntimeException e) {
            say("Could not save the plan: " + WorkstationViewModel.describe(e));
            return false;
        }
        planFile.set(file);
        history.markSaved();
        syncFlags();
        say("Plan saved: " + file);
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
            case DISCARD -> {
                onDiscard.run();
                yield true;
            }
            case CANCEL -> false;
        };
    }

    private void syncFlags() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        dirty.set(history.dirty());
    }

    // ---- background work ---------------------------------------------------------------------

    /** Proposes for the level at the crosshair; a new level is left unnamed if it may be, else refused. */
    public CompletableFuture<Boolean> proposeNeedles() {
        return proposeNeedles(required -> required ? Optional.empty() : Optional.of(""));
    }

    private record Proposed(VertebraFrame frame, List<TrajectoryProposer.Proposal> proposals) {
    }

    /**
     * Proposes bilateral needles for the vertebra at the crosshair, for the level there: the level whose
     * vertebra is within {@value PlanEdits#SAME_LEVEL_MM} mm (its needles are moved onto the proposal),
     * else the selected level if it has no needles yet, else a new level named by {@code namer}.
     */
    public CompletableFuture<Boolean> proposeNeedles(LevelNamer namer) {
        LoadedCase c = main.getLoadedCase();
        if (c == null) {
            return CompletableFuture.completedFuture(false);
        }
        Vec3 at = main.crosshairProperty().get();
        return background("Proposing needles", () -> {
            LevelAnalysis level = LevelAnalysis.around(c.volume(), at, SegmentationOptions.defaults());
            return new Proposed(level.frame(), TrajectoryProposer.propose(c.volume(), level));
        }, r -> applyProposal(r, namer));
    }

    private boolean applyProposal(Proposed r, LevelNamer namer) {
        Plan p = main.planProperty().get();
        int index = PlanEdits.levelAt(p, r.frame().centreLps(), this::measuredCentre);
        int sel = selectedLevel.get();
        if (index < 0 && sel >= 0 && sel < p.levels().size() && PlanEdits.needlesOf(p, sel).isEmpty()) {
            index = sel;
        }
        String label = null;
        if (index < 0) {
            if (p.levels().size() == 1 && p.levels().get(0).label() == null) {
                say("Not applied: this is another vertebra. Name the level of the current needles first"
                    + " (Levels: type its label, Rename), then propose again.");
                return false;
            }
            Optional<String> named = namer.name(!p.levels().isEmpty());
            if (named.isEmpty()) {
                say("Not applied: the new level needs a label");
                return false;
            }
            label = named.get();
        }
        int levelIndex = index;
        String newLabel = label;
        if (!edit("Proposed", q -> PlanEdits.withProposals(q, r.proposals(), DEFAULT_WORKING_LENGTH_MM, levelIndex,
            newLabel))) {
            return false;
        }
        Plan now = main.planProperty().get();
        String first = null;
        for (TrajectoryProposer.Proposal pr : r.proposals()) {
            for (Needle n : now.needles()) {
                if (n.entryLps().equals(pr.entryLps()) && n.targetLps().equals(pr.targetLps())) {
                    pedicleCentres.put(n.id(), pr.pedicleCentreLps());
                    first = first == null ? n.id() : first;
                }
            }
        }
        Needle firstNeedle = first == null ? null : now.needle(first);
        if (firstNeedle != null) {
            selectedNeedle.set(first);
            selectedLevel.set(PlanEdits.levelIndexOf(now, firstNeedle));
        }
        focus.set(null); // the 3D view centres on the proposed level
        focus.set(r.frame().centreLps());
        PlanLevel level = firstNeedle == null ? null : now.levelOf(firstNeedle);
        List<String> notes = r.proposals().stream().flatMap(x -> x.notes().stream()).toList();
        say("Proposed " + r.proposals().size() + " needles for level " + PlanEdits.levelName(level)
            + ": check and adjust them" + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes)));
        return true;
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
                    d.markers().stream().map(m -> new Fiducial("M", m.lps())).toList()), "Markers detected");
                say("Detected " + found + " marker" + (found == 1 ? "" : "s")
                    + (d.warnings().isEmpty() ? "" : ": " + String.join("; ", d.warnings())));
                return true;
            });
    }

    /** Runs {@code work} in a Task; {@code done} (FX thread) applies its value and says whether it did. */
    private <T> CompletableFuture<Boolean> background(String what, Callable<T> work, Function<T, Boolean> done) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        busy.set(true);
        say(what + "...");
        task.setOnSucceeded(e -> {
            busy.set(false);
            try {
                result.complete(done.apply(task.getValue()));
            } catch (RuntimeException ex) {
                say(what + " failed: " + WorkstationViewModel.describe(ex));
                result.complete(false);
            }
        });
        task.setOnFailed(e -> {
            busy.set(false);
            say(what + " failed: " + WorkstationViewModel.describe(task.getException()));
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

    /** Where Save writes: the plan file the case was opened with, or the last one saved to (null: none yet). */
    public ObjectProperty<Path> planFileProperty() {
        return planFile;
    }

    /** The id of the needle the panel edits (null without needles). */
    public ObjectProperty<String> selectedNeedleProperty() {
        return selectedNeedle;
    }

    /** The index of the selected level in the plan's levels (-1: none). */
    public IntegerProperty selectedLevelProperty() {
        return selectedLevel;
    }

    /** The vertebra centre the user asked to look at (selecting a level); the 3D view follows it. */
    public ReadOnlyObjectProperty<Vec3> focusProperty() {
        return focus;
    }

    /** Replaces the safety check (tests force a failure with it). */
    void setSafetyChecker(LiveSafetyCheck.Checker checker) {
        safetyCheck.setChecker(checker);
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
