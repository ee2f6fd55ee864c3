package org.vertebroplan.app;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.scene.shape.TriangleMesh;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.guide.ErrorBudget;
import org.vertebroplan.guide.GuideDesign;
import org.vertebroplan.guide.GuideGenerator;
import org.vertebroplan.guide.GuideGenerator.SleevePreview;
import org.vertebroplan.guide.GuidePackage;
import org.vertebroplan.guide.GuideSafety;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.guide.PrinterPreset;
import org.vertebroplan.plan.Plan;

/**
 * State and commands of the Guide tab (MVVM; never touches a node). The design parameters live in
 * the plan's {@code guide} map, so they are saved with the plan and every change is an ordinary,
 * undoable plan edit ({@link PlanningViewModel#edit}): {@code printer} ("fdm"/"sla", read by this
 * view; default FDM like the CLI) and the numeric keys of {@link GuideSpec#fromPlan}. The spec and the
 * live error budget ({@link GuideGenerator#preview}: milliseconds, no CT) are recomputed on every plan
 * change, including slice-drag previews; a needle too short for a sleeve shows the generator's message
 * instead of the budget.
 *
 * <p>{@link #generate()} runs {@link GuideGenerator#generate} in a {@link Task} on the background
 * executor with the window's progress bar and status line, and also prepares the JavaFX meshes there;
 * the result remembers the plan it was made from, so it is marked stale as soon as the plan (needles,
 * markers, level or guide parameters) differs. {@link #export(Path)} writes {@link GuidePackage} in the
 * background, only for a current guide. Both refuse while a needle's level has no label
 * ({@link #levelProblem}): the guide engraves the level, so the user names it first. All methods
 * must be called on the FX thread.
 */
public final class GuideViewModel {

    /** Plan guide-map key of the printer preset (a string, "fdm" or "sla"). */
    public static final String PRINTER_KEY = GuideSpec.PRINTER_KEY;

    /** A generated guide, the plan it was made from and its display meshes (scene frame). */
    public record GuideResult(Plan plan, GuideDesign design, TriangleMesh baseFx, Map<String, TriangleMesh> sleevesFx) {
    }

    private static final System.Logger LOG = System.getLogger(GuideViewModel.class.getName());

    private final WorkstationViewModel main;
    private final PlanningViewModel planning;
    private final Executor executor;
    private final ReadOnlyObjectWrapper<GuideSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyObjectWrapper<Map<String, SleevePreview>> preview =
        new ReadOnlyObjectWrapper<>(this, "preview", Map.of());
    private final ReadOnlyStringWrapper budgetError = new ReadOnlyStringWrapper(this, "budgetError", "");
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper(this, "budgetText", "");
    private final ReadOnlyStringWrapper levelWarning = new ReadOnlyStringWrapper(this, "levelWarning", "");
    private final ReadOnlyObjectWrapper<GuideResult> guide = new ReadOnlyObjectWrapper<>(this, "guide");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final BooleanProperty showGuide = new SimpleBooleanProperty(this, "showGuide", true);
    private final BooleanProperty showSleeves = new SimpleBooleanProperty(this, "showSleeves", true);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final BooleanBinding canExport;

    public GuideViewModel(WorkstationViewModel main, PlanningViewModel planning, Executor executor) {
        this.main = main;
        this.planning = planning;
        this.executor = executor;
        main.planProperty().addListener((obs, old, p) -> planChanged(p));
        main.loadedCaseProperty().addListener((obs, old, c) -> {
            guide.set(null);
            message.set("");
            planChanged(main.planProperty().get());
        });
        guide.addListener((obs, old, g) -> updateStale());
        canExport = Bindings.createBooleanBinding(() -> guide.get() != null && !stale.get() && !running.get()
            && levelWarning.get().isEmpty(), guide, stale, running, levelWarning);
        planChanged(main.planProperty().get());
    }

    // ---- parameters --------------------------------------------------------------------------

    /**
     * The printer preset to show in the choice box: the plan's (GuideSpec.printerOf), FDM when absent.
     * For display only: an unknown preset shows as FDM here, while {@link #specOf} refuses it, so no
     * budget or guide is ever made for a printer the plan did not name.
     */
    public static PrinterPreset printerOf(Plan plan) {
        try {
            return GuideSpec.printerOf(plan == null ? null : plan.guide());
        } catch (IllegalArgumentException e) {
            return PrinterPreset.FDM;
        }
    }

    /** The guide spec of a plan, as the CLI builds it (IllegalArgumentException if invalid, unknown printer included). */
    public static GuideSpec specOf(Plan plan) {
        return GuideSpec.fromPlan(plan.guide());
    }

    /**
     * A plan with one guide-map key set (other keys kept, in order), checked by building its spec: an
     * invalid value throws {@link IllegalArgumentException} with the reason.
     */
    static Plan withGuideValue(Plan plan, String key, Object value) {
        Map<String, Object> g = new LinkedHashMap<>(plan.guide());
        g.put(key, value);
        Plan next = plan.withGuide(g);
        specOf(next);
        return next;
    }

    public boolean setPrinter(PrinterPreset preset) {
        if (preset == null || main.planProperty().get() == null || preset == printerOf(main.planProperty().get())) {
            return false;
        }
        return edit("Guide printer: " + preset.word().toUpperCase(Locale.ROOT),
            p -> withGuideValue(p, PRINTER_KEY, preset.word()));
    }

    public boolean setGapMm(double mm) {
        return setNumber("gapMm", "gap", mm);
    }

    public boolean setThicknessMm(double mm) {
        return setNumber("thicknessMm", "thickness", mm);
    }

    public boolean setMarginMm(double mm) {
        return setNumber("marginMm", "margin", mm);
    }

    private boolean setNumber(String key, String word, double mm) {
        if (!Double.isFinite(mm)) {
            message.set("Not applied: not a number");
            return false;
        }
        if (main.planProperty().get() == null) {
            return false;
        }
        if (mm < 0) {
            message.set("Not applied: the " + word + " cannot be negative");
            return false;
        }
        return edit("Guide " + word + " " + PlanEdits.fmt(mm) + " mm", p -> withGuideValue(p, key, mm));
    }

    /** A recorded (undoable) plan edit; its outcome is also this tab's message. */
    private boolean edit(String what, java.util.function.Function<Plan, Plan> change) {
        boolean ok = planning.edit(what, change);
        message.set(planning.messageProperty().get());
        return ok;
    }

    // ---- live budget -------------------------------------------------------------------------

    /**
     * Why no guide can be made for this plan's levels: a needle whose level has no label (the guide and
     * its package name the level), as "Name the level first: ..."; null when every needle's level is named.
     */
    public static String levelProblem(Plan plan) {
        if (plan == null) {
            return null;
        }
        for (org.vertebroplan.plan.Needle n : plan.needles()) {
            org.vertebroplan.plan.PlanLevel l = plan.levelOf(n);
            if (l == null || l.label() == null) {
                return "Name the level first: needle " + n.id() + " belongs to a level without a label (Plan tab,"
                    + " Levels: type its label, e.g. L2, and press Rename).";
            }
        }
        return null;
    }

    private void planChanged(Plan p) {
        String problem = levelProblem(p);
        levelWarning.set(problem == null ? "" : problem);
        updateStale();
        if (p == null) {
            spec.set(null);
            preview.set(Map.of());
            budgetError.set("");
            budgetText.set("No case loaded.");
            return;
        }
        GuideSpec s;
        try {
            s = specOf(p);
        } catch (IllegalArgumentException e) {
            spec.set(null);
            preview.set(Map.of());
            budgetError.set("The plan's guide parameters are invalid: " + e.getMessage());
            budgetText.set(budgetError.get());
            return;
        }
        spec.set(s);
        try {
            Map<String, SleevePreview> m = GuideGenerator.preview(p, s);
            preview.set(Map.copyOf(m));
            budgetError.set("");
            budgetText.set(describe(m, s));
        } catch (BadInputException e) {
            preview.set(Map.of());
            budgetError.set(e.getMessage());
            budgetText.set(e.getMessage());
        }
    }

    private static String describe(Map<String, SleevePreview> m, GuideSpec s) {
        if (m.isEmpty()) {
            return "No needles: nothing to guide.";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s, bore clearance %.2f mm%n", s.printer().word().toUpperCase(Locale.ROOT),
            s.printer().clearanceMm()));
        for (Map.Entry<String, SleevePreview> e : m.entrySet()) {
            ErrorBudget eb = e.getValue().budget();
            b.append(String.format(Locale.ROOT, "%s (%s): tilt %.2f° (bore %.2f°, socket %.2f°), entry ±%.2f mm,"
                    + " tip ±%.2f mm, depth ±%.2f mm%n   sleeve %.1f mm, bore Ø %.2f mm%n", e.getKey(),
                e.getValue().design().label(), eb.tiltDeg(), eb.boreTiltDeg(), eb.socketTiltDeg(), eb.entryErrorMm(),
                eb.tipErrorMm(), eb.depthErrorMm(), eb.sleeveLengthMm(), 2 * e.getValue().design().boreRadiusMm()));
        }
        return b.toString().strip();
    }

    private void updateStale() {
        GuideResult g = guide.get();
        stale.set(g != null && !g.plan().equals(main.planProperty().get()));
    }

    // ---- generate and export -----------------------------------------------------------------

    /** Generates the guide for the current plan in the background; completes (FX thread) with success. */
    public CompletableFuture<Boolean> generate() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        LoadedCase c = main.getLoadedCase();
        Plan p = main.planProperty().get();
        if (c == null || p == null || running.get() || main.busyProperty().get()) {
            done.complete(false);
            return done;
        }
        if (levelProblem(p) != null) {
            refuse("Guide not generated: " + levelProblem(p));
            done.complete(false);
            return done;
        }
        GuideSpec s;
        try {
            s = specOf(p);
        } catch (IllegalArgumentException e) {
            failed("Guide not generated", e, done);
            return done;
        }
        Task<GuideResult> task = new Task<>() {
            @Override
            protected GuideResult call() throws Exception {
                updateMessage("Generating the guide");
                GuideDesign d = GuideGenerator.generate(c.volume(), p, s, (f, what) -> {
                    updateProgress(Math.max(0, Math.min(1, f)), 1);
                    updateMessage("Guide: " + what);
                });
                updateMessage("Guide: preparing the 3D view");
                Map<String, TriangleMesh> sleeves = new LinkedHashMap<>();
                d.sleeves().forEach((id, m) -> sleeves.put(id, FxMeshMapper.toTriangleMesh(m)));
                return new GuideResult(p, d, FxMeshMapper.toTriangleMesh(d.base()), sleeves);
            }
        };
        start(task, "Generating the guide");
        task.setOnSucceeded(e -> {
            finish();
            GuideResult r = task.getValue();
            if (main.getLoadedCase() != c) { // another case was opened meanwhile: not its guide
                done.complete(false);
                return;
            }
            guide.set(r);
            showGuide.set(true);
            GuideDesign d = r.design();
            String text = String.format(Locale.ROOT, "Guide generated in %.1f s: base %,d triangles, %.0f mm3; %d sleeve%s",
                d.millis() / 1000.0, d.base().triangleCount(), d.baseReport().volumeMm3(), d.sleeves().size(),
                d.sleeves().size() == 1 ? "" : "s");
            main.statusProperty().set(text);
            message.set(text + (d.warnings().isEmpty() ? "" : "\nWarning: " + String.join("\nWarning: ", d.warnings())));
            done.complete(true);
        });
        task.setOnFailed(e -> failed("Guide not generated", task.getException(), done));
        executor.execute(task);
        return done;
    }

    /**
     * Asks the user whether to export a guide for a plan with unsafe needles: given the unsafe needles
     * and their reasons, returns the reason the user typed to print it anyway, or empty to cancel. The
     * panel shows a dialog; tests set their own. Called on the FX thread.
     */
    public void setUnsafeConfirmer(java.util.function.Function<String, java.util.Optional<String>> confirmer) {
        this.unsafeConfirmer = confirmer;
    }

    private java.util.function.Function<String, java.util.Optional<String>> unsafeConfirmer =
        why -> java.util.Optional.empty();

    /**
     * Writes the vendor package of the current guide into a folder, as the command line does: the safety
     * check runs first on the plan the guide was made from; with an unsafe needle the user is asked
     * ({@link #setUnsafeConfirmer}) and the package is written only with the reason given, which the
     * manifest and the sheet carry. Completes with the files written (empty when refused or failed).
     */
    public CompletableFuture<List<Path>> export(Path dir) {
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        GuideResult g = guide.get();
        if (g != null && levelProblem(g.plan()) != null) {
            refuse("Not exported: " + levelProblem(g.plan()));
            done.complete(List.of());
            return done;
        }
        if (g == null || stale.get() || running.get() || dir == null) {
            message.set(g == null ? "Generate the guide first." : stale.get()
                ? "The guide is out of date: generate it again before exporting." : "Busy: try again.");
            done.complete(List.of());
            return done;
        }
        LoadedCase c = main.getLoadedCase();
        Task<org.vertebroplan.plan.SafetyAnalyzer.Result> check = new Task<>() {
            @Override
            protected org.vertebroplan.plan.SafetyAnalyzer.Result call() {
                updateMessage("Checking the plan before export");
                return org.vertebroplan.plan.SafetyAnalyzer.checkAll(c.volume(),
                    g.plan().needles().stream().map(org.vertebroplan.plan.SafetyAnalyzer.Input::of).toList(),
                    org.vertebroplan.plan.SafetyOptions.defaults());
            }
        };
        start(check, "Checking the plan before export");
        main.progressProperty().set(-1);
        check.setOnSucceeded(e -> {
            finish();
            GuideSafety safety;
            try {
                safety = GuideSafety.of(g.plan(), check.getValue(), null);
            } catch (BadInputException unsafe) {
                java.util.Optional<String> reason = unsafeConfirmer.apply(unsafe.getMessage());
                if (reason.isEmpty() || reason.get().isBlank()) {
                    refuse("Not exported: " + unsafe.getMessage());
                    done.complete(List.of());
                    return;
                }
                try {
                    safety = GuideSafety.of(g.plan(), check.getValue(), reason.get().strip());
                } catch (BadInputException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            write(g, c, safety, dir, done);
        });
        check.setOnFailed(e -> {
            failed("Export failed", check.getException(), new CompletableFuture<>());
            done.complete(List.of());
        });
        executor.execute(check);
        return done;
    }

    private void write(GuideResult g, LoadedCase c, GuideSafety safety, Path dir, CompletableFuture<List<Path>> done) {
        Task<List<Path>> task = new Task<>() {
            @Override
            protected List<Path> call() throws IOException {
                updateMessage("Writing the vendor package to " + dir);
                return GuidePackage.write(g.design(), g.plan(), safety, c.volume(), GuidePackage.Options.defaults(), dir);
            }
        };
        start(task, "Exporting the vendor package");
        main.progressProperty().set(-1); // indeterminate
        task.setOnSucceeded(e -> {
            finish();
            List<Path> files = task.getValue();
            StringBuilder b = new StringBuilder("Vendor package written to " + dir + ":");
            for (Path f : files) {
                b.append("\n  ").append(f.getFileName());
            }
            if (safety.acceptedUnsafeReason() != null) {
                b.append("\nUnsafe needles accepted: ").append(safety.acceptedUnsafeReason());
            }
            main.statusProperty().set("Vendor package written: " + files.size() + " files in " + dir);
            message.set(b.toString());
            done.complete(files);
        });
        task.setOnFailed(e -> {
            CompletableFuture<Boolean> ignored = new CompletableFuture<>();
            failed("Export failed", task.getException(), ignored);
            done.complete(List.of());
        });
        executor.execute(task);
    }

    private void start(Task<?> task, String what) {
        running.set(true);
        main.busyProperty().set(true);
        main.progressProperty().unbind();
        main.progressProperty().set(0);
        main.statusProperty().unbind();
        main.statusProperty().set(what + "...");
        message.set(what + "...");
        task.progressProperty().addListener((obs, old, v) -> main.progressProperty().set(v.doubleValue()));
        task.messageProperty().addListener((obs, old, m) -> main.statusProperty().set(m));
    }

    private void finish() {
        running.set(false);
        main.busyProperty().set(false);
        main.progressProperty().set(0);
    }

    /** A refusal the user can act on: the tab's message and the status line, no dialog. */
    private void refuse(String why) {
        message.set(why);
        main.statusProperty().unbind();
        main.statusProperty().set(why);
    }

    private void failed(String what, Throwable e, CompletableFuture<Boolean> done) {
        finish();
        String m = WorkstationViewModel.describe(e);
        if (e instanceof IOException) { // BadInputException included: the user's data, one line
            LOG.log(Level.WARNING, what + ": " + m);
        } else {
            LOG.log(Level.ERROR, what, e);
        }
        main.statusProperty().set(what + ": " + m);
        message.set(what + ": " + m);
        error.set(null); // the same error twice still notifies the dialog
        error.set(what + ": " + m);
        done.complete(false);
    }

    // ---- properties --------------------------------------------------------------------------

    /** The spec of the current plan (null when its guide parameters are invalid or there is no plan). */
    public ReadOnlyObjectProperty<GuideSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    /** The live sleeve designs and error budgets by needle id (empty when {@link #budgetErrorProperty()} is set). */
    public ReadOnlyObjectProperty<Map<String, SleevePreview>> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Why there is no budget (e.g. a needle too short for a sleeve), else empty. */
    public ReadOnlyStringProperty budgetErrorProperty() {
        return budgetError.getReadOnlyProperty();
    }

    /** The budget as text, one block per needle (or the error). */
    public ReadOnlyStringProperty budgetTextProperty() {
        return budgetText.getReadOnlyProperty();
    }

    /** Non-empty while a needle's level has no label: the guide is refused ({@link #levelProblem}). */
    public ReadOnlyStringProperty levelWarningProperty() {
        return levelWarning.getReadOnlyProperty();
    }

    /** The last generated guide (null before the first one and after another case was opened). */
    public ReadOnlyObjectProperty<GuideResult> guideProperty() {
        return guide.getReadOnlyProperty();
    }

    /** True when the plan (needles, markers, parameters) changed since the guide was generated. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** Generation or export is running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** A current guide exists and nothing is running. */
    public BooleanBinding canExportBinding() {
        return canExport;
    }

    /** Show the guide in the 3D view (the skin is hidden meanwhile). */
    public BooleanProperty showGuideProperty() {
        return showGuide;
    }

    public BooleanProperty showSleevesProperty() {
        return showSleeves;
    }

    /** The outcome of the last guide command. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The last failure, for a dialog (null when none). */
    public StringProperty errorProperty() {
        return error;
    }

    /** True when a guide is shown: the 3D view hides the skin then. */
    public BooleanBinding guideShownBinding() {
        return guide.isNotNull().and(showGuide);
    }

    public WorkstationViewModel main() {
        return main;
    }
}
