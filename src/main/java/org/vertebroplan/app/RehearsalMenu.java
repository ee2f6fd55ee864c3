package org.vertebroplan.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.rehearsal.AttemptMode;

/**
 * The workstation's Rehearsal menu and the way in and out of the rehearsal mode: <em>Start
 * rehearsal...</em> asks for the case folder (the open case by default), the mode (freehand or
 * template-guided) and the trainee's label, then replaces the whole window's content with the
 * {@link RehearsalPane} (the planning views, which draw the plan, are out of sight until the end);
 * the case's {@code plan.json} is the reference. A case other than the open one is opened first (after
 * the usual question about unsaved plan changes). At the end the {@link RehearsalResultPane} takes
 * the window; <em>Back to planning</em> brings the planning window back. <em>Attempt history...</em>
 * lists the attempts beside the open case's plan ({@link AttemptHistoryPane}).
 */
public final class RehearsalMenu extends Menu {

    private final MainWindow window;
    private final WorkstationViewModel vm;
    private boolean dialogs = true;

    public RehearsalMenu(MainWindow window, WorkstationViewModel vm) {
        super("Rehearsal");
        setId("menu-rehearsal");
        this.window = window;
        this.vm = vm;
        MenuItem start = new MenuItem("Start rehearsal...");
        start.setId("menu-rehearsal-start");
        start.setOnAction(e -> askAndStart());
        start.disableProperty().bind(vm.busyProperty());
        MenuItem history = new MenuItem("Attempt history...");
        history.setId("menu-rehearsal-history");
        history.setOnAction(e -> showHistory(window));
        history.disableProperty().bind(vm.loadedCaseProperty().isNull());
        getItems().addAll(start, history);
    }

    /** The Rehearsal menu of a main window (null when it has none). */
    static RehearsalMenu of(MainWindow w) {
        if (w.getTop() instanceof MenuBar bar) {
            for (Menu m : bar.getMenus()) {
                if (m instanceof RehearsalMenu r) {
                    return r;
                }
            }
        }
        return null;
    }

    /** No dialogs (tests): problems complete the futures exceptionally and go to the status line only. */
    void setDialogs(boolean on) {
        dialogs = on;
    }

    /** What the start dialog asks. */
    record Setup(Path caseDir, AttemptMode mode, String trainee) {
    }

    private void askAndStart() {
        Dialog<Setup> d = startDialog();
        d.showAndWait().ifPresent(s -> start(s.caseDir(), s.mode(), s.trainee()));
    }

    private Dialog<Setup> startDialog() {
        Dialog<Setup> d = new Dialog<>();
        d.setTitle("Start a rehearsal");
        d.setHeaderText("Rehearse the case against its plan (the plan stays hidden until the end)");
        LoadedCase c = vm.getLoadedCase();
        TextField folder = Controls.field("rehearsal-case", 28);
        folder.setText((c != null ? c.location().caseDir() : CaseLocation.defaultCase().toAbsolutePath().normalize())
            .toString());
        Button browse = new Button("Browse...");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("The case folder (with dicom/ and plan.json)");
            File f = chooser.showDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                folder.setText(f.getAbsolutePath());
            }
        });
        ToggleGroup modes = new ToggleGroup();
        RadioButton freehand = new RadioButton("Freehand (C-arm guided)");
        freehand.setId("rehearsal-freehand");
        RadioButton template = new RadioButton("Template-guided (through the guide's sleeves)");
        template.setId("rehearsal-template");
        freehand.setToggleGroup(modes);
        template.setToggleGroup(modes);
        freehand.setSelected(true);
        TextField trainee = Controls.field("rehearsal-trainee", 20);
        trainee.setPromptText("a label, e.g. trainee 4 (no patient data)");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Case folder"), new HBox(6, folder, browse));
        g.addRow(1, new Label("Mode"), new VBox(4, freehand, template));
        g.addRow(2, new Label("Trainee"), trainee);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (window.getScene() != null) {
            d.initOwner(window.getScene().getWindow());
        }
        d.setResultConverter(b -> b == ButtonType.OK ? new Setup(Path.of(folder.getText().trim()),
            template.isSelected() ? AttemptMode.TEMPLATE : AttemptMode.FREEHAND, trainee.getText()) : null);
        return d;
    }

    /**
     * Starts a rehearsal of the case in {@code caseDir} (FX thread). Completes with the pane once it is
     * shown, exceptionally when the case cannot be rehearsed (no plan with needles, unreadable) or the
     * user kept unsaved changes.
     */
    public CompletableFuture<RehearsalPane> start(Path caseDir, AttemptMode mode, String trainee) {
        CompletableFuture<RehearsalPane> shown = new CompletableFuture<>();
        CaseLocation location;
        try {
            location = CaseLocation.resolve(caseDir);
            if (location.planFile().isEmpty()) {
                throw new BadInputException("the case " + location.caseDir() + " has no plan.json: there is nothing to"
                    + " rehearse against");
            }
        } catch (BadInputException e) {
            fail(shown, e);
            return shown;
        }
        Scene scene = window.getScene();
        if (scene == null) {
            fail(shown, new IllegalStateException("the planning window is not shown"));
            return shown;
        }
        LoadedCase open = vm.getLoadedCase();
        if (open != null && open.location().caseDir().equals(location.caseDir())) {
            begin(scene, open, location, mode, trainee, shown);
            return shown;
        }
        if (!window.confirmDiscard()) {
            shown.completeExceptionally(new IllegalStateException("kept the unsaved plan changes"));
            return shown;
        }
        swap(scene, loading(location), null);
        vm.open(caseDir).whenComplete((c, failure) -> {
            if (failure != null) {
                swap(scene, window, null);
                shown.completeExceptionally(failure); // the window reports the loading error itself
            } else {
                begin(scene, c, location, mode, trainee, shown);
            }
        });
        return shown;
    }

    private Parent loading(CaseLocation location) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(400);
        Label what = new Label();
        what.textProperty().bind(vm.statusProperty());
        VBox box = new VBox(10, new Label("Preparing the rehearsal of " + location.label() + "..."), bar, what);
        box.setId("rehearsal-loading");
        box.setPadding(new Insets(40));
        return box;
    }

    private void begin(Scene scene, LoadedCase c, CaseLocation location, AttemptMode mode, String trainee,
                       CompletableFuture<RehearsalPane> shown) {
        Plan reference;
        try {
            reference = PlanJson.load(location.planFile().orElseThrow());
            if (reference.needles().isEmpty()) {
                throw new BadInputException(location.planFile().get() + " has no needles: there is nothing to rehearse");
            }
        } catch (IOException e) {
            swap(scene, window, null);
            fail(shown, e);
            return;
        }
        RehearsalViewModel r = new RehearsalViewModel(c, reference, location.planFile().get(), mode, trainee);
        RehearsalPane pane = new RehearsalPane(r, reference.caseId());
        pane.abandonButton().setOnAction(e -> {
            if (!dialogs || confirm("Abandon the rehearsal? Nothing is saved.")) {
                abandon(pane);
            }
        });
        r.outcomeProperty().addListener((o, a, outcome) -> {
            if (outcome != null) {
                showResult(scene, outcome);
            }
        });
        vm.statusProperty().set("Rehearsal of " + location.label() + " (" + mode.jsonName() + ")");
        swap(scene, pane, () -> {
            pane.monitor().requestFocus();
            shown.complete(pane);
        });
    }

    /** Leaves a rehearsal without saving. */
    void abandon(RehearsalPane pane) {
        pane.viewModel().close();
        swap(pane.getScene(), window, null);
        vm.statusProperty().set("Rehearsal abandoned: nothing saved");
    }

    private void showResult(Scene scene, RehearsalOutcome outcome) {
        RehearsalResultPane[] result = new RehearsalResultPane[1];
        result[0] = new RehearsalResultPane(outcome,
            () -> swap(scene, new AttemptHistoryPane(outcome.planFile(), outcome.reference(), outcome.loaded().volume(),
                () -> swap(scene, result[0], null)), null),
            () -> swap(scene, window, null));
        swap(scene, result[0], null);
        vm.statusProperty().set(String.format(java.util.Locale.ROOT, "Rehearsal finished: score %.1f, %s",
            outcome.score().score(), outcome.file() != null ? "saved as " + outcome.file().getFileName()
                : "not saved (" + outcome.saveError() + ")"));
    }

    /** Shows the attempts beside the open case's plan; Back returns to {@code from}. */
    void showHistory(Parent from) {
        LoadedCase c = vm.getLoadedCase();
        Scene scene = from.getScene();
        if (c == null || scene == null) {
            return;
        }
        Path planFile = c.location().planFile().orElse(null);
        try {
            if (planFile == null) {
                throw new BadInputException("the case has no plan.json, so no attempts beside it");
            }
            Plan reference = PlanJson.load(planFile);
            swap(scene, new AttemptHistoryPane(planFile, reference, c.volume(), () -> swap(scene, from, null)), null);
        } catch (IOException e) {
            fail(new CompletableFuture<>(), e);
        }
    }

    private void fail(CompletableFuture<?> future, Exception e) {
        String message = WorkstationViewModel.describe(e);
        vm.statusProperty().set("Rehearsal: " + message);
        if (dialogs) {
            Alert a = new Alert(Alert.AlertType.ERROR, message);
            a.setHeaderText("Cannot start the rehearsal");
            if (window.getScene() != null) {
                a.initOwner(window.getScene().getWindow());
            }
            a.show();
        }
        future.completeExceptionally(e);
    }

    /**
     * Puts {@code next} in the window in place of the shown content, then runs {@code then} (may be null).
     * The shown content first stops taking the mouse for two frames, so that the scene's hover state
     * leaves it while it is still in the scene: JavaFX 21 throws when it sends the mouse's exit events to
     * a node of a 3D sub-scene that already left the scene.
     */
    static void swap(Scene scene, Parent next, Runnable then) {
        Parent old = scene.getRoot();
        if (old == next) {
            if (then != null) {
                then.run();
            }
            return;
        }
        old.setMouseTransparent(true);
        Workstation.afterFrames(2, () -> javafx.application.Platform.runLater(() -> {
            scene.setRoot(next);
            old.setMouseTransparent(false);
            if (then != null) {
                then.run();
            }
        }));
    }

    private boolean confirm(String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText(null);
        return a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
    }
}
