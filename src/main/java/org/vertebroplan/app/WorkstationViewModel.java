package org.vertebroplan.app;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * State of the workstation window (MVVM: views bind to these properties and call these methods; this
 * class never touches a node). Owns the case loading: {@link #open(Path)} resolves the case, runs a
 * {@link CaseLoadTask} on the background executor, binds progress and status to it, and publishes the
 * result (or the error) on the FX thread. Also holds the shared crosshair (LPS mm) that links the
 * slice views and the 3D view, the display window and the skin visibility.
 *
 * <p>All methods must be called on the FX thread.
 */
public final class WorkstationViewModel {

    /** Exit code for unusable input (missing folder, unreadable DICOM, invalid plan). */
    public static final int EXIT_BAD_INPUT = 3;
    /** Exit code for an internal error. */
    public static final int EXIT_INTERNAL = 1;

    private static final System.Logger LOG = System.getLogger(WorkstationViewModel.class.getName());

    private final CaseServices services;
    private final Executor executor;

    private final ReadOnlyObjectWrapper<LoadedCase> loadedCase = new ReadOnlyObjectWrapper<>(this, "loadedCase");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final StringProperty placeholder = new SimpleStringProperty(this, "placeholder",
        "No case loaded. Use File > Open DICOM folder...");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final StringProperty caseInfo = new SimpleStringProperty(this, "caseInfo", "No case");
    private final ObjectProperty<Vec3> crosshair = new SimpleObjectProperty<>(this, "crosshair", Vec3.ZERO);
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window", WindowLevel.BONE);
    private final BooleanProperty skinVisible = new SimpleBooleanProperty(this, "skinVisible", true);
    private final ObjectProperty<Plan> plan = new SimpleObjectProperty<>(this, "plan");
    private final ObservableList<Needle> needles = FXCollections.observableArrayList();
    private final ObservableList<Fiducial> markers = FXCollections.observableArrayList();
    private final StringProperty crosshairInfo = new SimpleStringProperty(this, "crosshairInfo", "");
    private final StringProperty cursorInfo = new SimpleStringProperty(this, "cursorInfo", "");
    private final ObjectProperty<Severity> statusSeverity = new SimpleObjectProperty<>(this, "statusSeverity",
        Severity.INFO);
    private final ObjectProperty<OtherBone> otherBone = new SimpleObjectProperty<>(this, "otherBone", OtherBone.DIMMED);
    private boolean reporting;

    /** How the status bar shows a message: plain, orange (a warning) or red (a failure, with its reason). */
    public enum Severity { INFO, WARNING, ERROR }

    /** How the 3D view shows the bone other than the planned levels once those are shown at full resolution. */
    public enum OtherBone {
        SHOWN("Shown"), DIMMED("Dimmed"), HIDDEN("Hidden");

        private final String label;

        OtherBone(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public WorkstationViewModel(CaseServices services, Executor executor) {
        this.services = services;
        this.executor = executor;
        crosshair.addListener((obs, old, p) -> crosshairInfo.set(describeCrosshair(p)));
        // text set by others (a task's messages, the guide) is classified by its words
        status.addListener((obs, old, text) -> {
            if (!reporting) {
                statusSeverity.set(classify(text));
            }
        });
        plan.addListener((obs, old, p) -> {
            needles.setAll(p == null ? List.of() : p.needles());
            markers.setAll(p == null ? List.of() : p.fiducials());
        });
    }

    /**
     * Opens a case ({@code null}: the default sample case) in the background. The future completes
     * on the FX thread after the properties were updated, exceptionally when loading failed (the
     * error is then also in {@link #errorProperty()} and the status).
     */
    public CompletableFuture<LoadedCase> open(Path caseArg) {
        return open(caseArg, null);
    }

    /** Like {@link #open(Path)}, loading the series with this UID (null: the plan's or the default one). */
    public CompletableFuture<LoadedCase> open(Path caseArg, String seriesUid) {
        CompletableFuture<LoadedCase> done = new CompletableFuture<>();
        CaseLocation location;
        try {
            location = CaseLocation.resolve(caseArg);
        } catch (BadInputException e) {
            if (caseArg == null) {
                // no bundled sample here: an empty window with a clear message, no dialog
                status.set("No case: " + e.getMessage());
                placeholder.set("No case loaded: the sample case " + CaseLocation.defaultCase().getFileName()
                    + "/ was not found in " + CaseLocation.defaultCase().toAbsolutePath().getParent()
                    + ".\nUse File > Open DICOM folder... to open a DICOM folder or a case folder.");
                done.completeExceptionally(e);
            } else {
                fail(e, done);
            }
            return done;
        }
        return open(location, seriesUid, done);
    }

    /** Opens a case at a known place (a recent case, a plan file with its series) with this series (null: default). */
    public CompletableFuture<LoadedCase> open(CaseLocation location, String seriesUid) {
        return open(location, seriesUid, new CompletableFuture<>());
    }

    private CompletableFuture<LoadedCase> open(CaseLocation location, String seriesUid, CompletableFuture<LoadedCase> done) {
        if (busy.get()) {
            report("Not opened: wait until the current work is done", Severity.ERROR);
            done.completeExceptionally(new IllegalStateException("busy"));
            return done;
        }
        CaseLoadTask task = new CaseLoadTask(location, services, seriesUid);
        error.set(null);
        busy.set(true);
        placeholder.set("Loading " + location.label() + "...");
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.setOnSucceeded(ev -> {
            unbindTask();
            show(task.getValue());
            done.complete(task.getValue());
        });
        task.setOnFailed(ev -> {
            unbindTask();
            Throwable e = task.getException();
            if (e instanceof org.vertebroplan.dicom.DicomImport.SeriesNotInFolderException missing && seriesUid == null) {
                // the plan's series is not in the folder: ask the user whether to open one of the folder's
                java.util.Optional<String> chosen = askSeries(location, missing);
                if (chosen.isPresent()) {
                    open(location, chosen.get()).whenComplete((c, err) -> {
                        if (err != null) {
                            done.completeExceptionally(err);
                        } else {
                            done.complete(c);
                        }
                    });
                    return;
                }
            }
            fail(e, done);
        });
        task.setOnCancelled(ev -> {
            unbindTask();
            fail(new InterruptedException("loading cancelled"), done);
        });
        executor.execute(task);
        return done;
    }

    /** What the user is asked when the plan's series is not in the folder. */
    public record SeriesQuestion(String message, List<CaseServices.SeriesChoice> choices) {
    }

    private java.util.function.Function<SeriesQuestion, java.util.Optional<String>> seriesAsker =
        q -> java.util.Optional.empty();

    /**
     * Who answers when a plan's series is not in its folder: given the reason and the folder's series, the
     * UID of the series to open instead, or empty to cancel (the window shows a dialog; tests set their own).
     */
    public void setSeriesAsker(java.util.function.Function<SeriesQuestion, java.util.Optional<String>> asker) {
        this.seriesAsker = asker;
    }

    private java.util.Optional<String> askSeries(CaseLocation location, BadInputException why) {
        List<CaseServices.SeriesChoice> choices;
        try {
            choices = services.listSeries(location.dicomDir());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        if (choices.isEmpty()) {
            return java.util.Optional.empty();
        }
        return seriesAsker.apply(new SeriesQuestion(why.getMessage(), choices));
    }

    /** The services that read DICOM and extract surfaces. */
    CaseServices services() {
        return services;
    }

    /** The executor background work runs on. */
    Executor executor() {
        return executor;
    }

    /** The image series of a folder, for a choice before opening (never on the FX thread). */
    public List<CaseServices.SeriesChoice> seriesIn(Path caseArg) throws IOException {
        return services.listSeries(CaseLocation.resolve(caseArg).dicomDir());
    }

    private void unbindTask() {
        progress.unbind();
        status.unbind();
        busy.set(false);
    }

    private void fail(Throwable e, CompletableFuture<LoadedCase> done) {
        String message = describe(e);
        if (e instanceof IOException) {
            LOG.log(Level.WARNING, message); // the user's data: one line, no stack trace
        } else {
            LOG.log(Level.ERROR, message, e);
        }
        progress.set(0);
        busy.set(false);
        report("Error: " + message, Severity.ERROR);
        // over an empty window the views say what happened; a case already shown stays visible
        placeholder.set(loadedCase.get() != null ? ""
            : "Could not open the case.\n" + message + "\nUse File > Open DICOM folder...");
        error.set(null); // so that the same error twice still notifies the dialog
        error.set(message);
        done.completeExceptionally(e);
    }

    /** Shows a loaded case (also used by tests to show a hand-built case without a loader). */
    public void show(LoadedCase c) {
        Volume v = c.volume();
        caseInfo.set(describeCase(c));
        plan.set(c.plan());
        // reported first: what happens when the case is shown (a recovered plan) reports after it
        report(String.format(Locale.ROOT, "Loaded %s in %.1f s: bone %,d triangles, skin %,d triangles",
            c.location().label(), c.millis() / 1000.0, c.bone().triangleCount(), c.skin().triangleCount())
            + (c.warnings().isEmpty() ? "" : "  |  Import warning: " + String.join("; ", c.warnings())),
            c.warnings().isEmpty() ? Severity.INFO : Severity.WARNING);
        loadedCase.set(c);
        Vec3 center = c.plan().needles().isEmpty()
            ? v.lpsOf((v.nx() - 1) / 2.0, (v.ny() - 1) / 2.0, (v.nz() - 1) / 2.0)
            : c.plan().needles().get(0).targetLps();
        crosshair.set(center);
        crosshairInfo.set(describeCrosshair(center));
        placeholder.set("");
    }

    /**
     * Shows a message in the status bar with its severity (every action and failure is reported there).
     * While a background task drives the status bar (loading), the message waits until it is done.
     */
    public void report(String message, Severity severity) {
        if (message == null || message.isBlank()) {
            return;
        }
        String line = message.strip().replace('\n', ' ').replaceAll(" {2,}", " ");
        if (status.isBound()) {
            busy.addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean b) {
                    if (!b) {
                        busy.removeListener(this);
                        report(message, severity);
                    }
                }
            });
            return;
        }
        reporting = true;
        try {
            status.set(line);
            statusSeverity.set(severity);
        } finally {
            reporting = false;
        }
    }

    /** The severity of a message from its words (for text that others put in the status bar). */
    static Severity classify(String text) {
        if (text == null) {
            return Severity.INFO;
        }
        String t = text.toLowerCase(Locale.ROOT);
        for (String failure : new String[] {"not applied", "not saved", "not opened", "not generated", "not exported",
            " failed", "could not", "cannot", "refused"}) {
            if (t.contains(failure)) {
                return Severity.ERROR;
            }
        }
        if (t.startsWith("error")) {
            return Severity.ERROR;
        }
        if (t.startsWith("name the level") || t.contains("warning") || t.contains("out of date")) {
            return Severity.WARNING;
        }
        return Severity.INFO;
    }

    /** The process exit code that a failure maps to (the exit codes of docs/cli.md). */
    public static int exitCodeFor(Throwable e) {
        return e instanceof IOException ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof UnsupportedOperationException) {
            return "not available in this build: " + m;
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String describeCase(LoadedCase c) {
        Volume v = c.volume();
        double[] s = v.spacingMm();
        StringBuilder b = new StringBuilder();
        b.append(c.location().caseDir()).append('\n');
        b.append("Case ").append(c.plan().caseId());
        if (c.plan().level() != null && !c.plan().level().isEmpty()) {
            b.append("   level ").append(c.plan().level());
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%d x %d x %d voxels, %.2f x %.2f x %.2f mm%n", v.nx(), v.ny(), v.nz(),
            s[0], s[1], s[2]));
        b.append(String.format(Locale.ROOT, "Bone %,d triangles (iso %.0f HU)%nSkin %,d triangles (iso %.0f HU)%n",
            c.bone().triangleCount(), Tissue.BONE_HU, c.skin().triangleCount(), Tissue.SKIN_HU));
        b.append(c.location().planFile().map(p -> "Plan: " + p.getFileName()).orElse("No plan.json"));
        return b.toString();
    }

    private String describeCrosshair(Vec3 p) {
        LoadedCase c = loadedCase.get();
        if (c == null || p == null) {
            return "";
        }
        double hu = SliceRenderer.huAt(c.volume(), p);
        return String.format(Locale.ROOT, "LPS %.1f, %.1f, %.1f mm   %s", p.x(), p.y(), p.z(),
            Double.isNaN(hu) ? "outside" : String.format(Locale.ROOT, "%.0f HU", hu));
    }

    public ReadOnlyObjectProperty<LoadedCase> loadedCaseProperty() {
        return loadedCase.getReadOnlyProperty();
    }

    public LoadedCase getLoadedCase() {
        return loadedCase.get();
    }

    public StringProperty statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Text shown over the views when there is no case (empty when a case is shown). */
    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** The last loading error (null when none); the window shows it in a dialog. */
    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty caseInfoProperty() {
        return caseInfo;
    }

    /** The linked cursor position, LPS mm. */
    public ObjectProperty<Vec3> crosshairProperty() {
        return crosshair;
    }

    public StringProperty crosshairInfoProperty() {
        return crosshairInfo;
    }

    /** The point under the mouse in a slice view (LPS mm and HU), empty when the mouse is elsewhere. */
    public StringProperty cursorInfoProperty() {
        return cursorInfo;
    }

    /** Sets the cursor read-out for an LPS point (null: the mouse left the slices). */
    public void pointAt(Vec3 lps) {
        cursorInfo.set(lps == null ? "" : "Cursor " + describeCrosshair(lps));
    }

    /** The severity of the message in {@link #statusProperty()}. */
    public ObjectProperty<Severity> statusSeverityProperty() {
        return statusSeverity;
    }

    /** How the bone other than the planned levels is shown in 3D. */
    public ObjectProperty<OtherBone> otherBoneProperty() {
        return otherBone;
    }

    public ObjectProperty<WindowLevel> windowProperty() {
        return window;
    }

    public BooleanProperty skinVisibleProperty() {
        return skinVisible;
    }

    /**
     * The plan being edited (null before a case is loaded). Set by {@link #show} from the file and
     * afterwards by the planning view model only; {@link #needles()} and {@link #markers()} follow it.
     */
    public ObjectProperty<Plan> planProperty() {
        return plan;
    }

    /** The current plan's needles (read-only mirror of {@link #planProperty()}). */
    public ObservableList<Needle> needles() {
        return needles;
    }

    /** The current plan's skin markers (read-only mirror of {@link #planProperty()}). */
    public ObservableList<Fiducial> markers() {
        return markers;
    }
}
