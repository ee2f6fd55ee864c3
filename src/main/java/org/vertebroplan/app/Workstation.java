package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Assembles the workstation on a stage: view models, {@link MainWindow}, a 1280 x 800 scene with
 * the stylesheet, and an error dialog for failed loads (unless in batch mode). Also runs the
 * {@code --screenshot} flow: load, wait for rendered frames, snapshot the whole scene, write PNG,
 * report an exit code. Separate from the {@code Application} so that tests can build it on their
 * own stage (the toolkit can be launched only once per JVM).
 */
public final class Workstation {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    /** Pause after the last needle edit before the safety check runs. */
    public static final int SAFETY_DEBOUNCE_MS = 300;

    private final WorkstationViewModel viewModel;
    private final PlanningViewModel planning;
    private final GuideViewModel guide;
    private final LevelSurfaces levels;
    private final UserFiles files;
    private final Autosave autosave;
    private final PlanOpener opener;
    private final CameraViewModel camera = new CameraViewModel();
    private final MainWindow window;
    private final Scene scene;

    private Workstation(Stage stage, CaseServices services, Executor executor, boolean dialogs, UserFiles userFiles) {
        viewModel = new WorkstationViewModel(services, executor);
        planning = new PlanningViewModel(viewModel, executor, Duration.millis(SAFETY_DEBOUNCE_MS));
        guide = new GuideViewModel(viewModel, planning, executor);
        levels = new LevelSurfaces(viewModel, planning, executor);
        files = userFiles;
        autosave = new Autosave(viewModel, planning, files, Duration.millis(Autosave.DELAY_MS));
        opener = new PlanOpener(viewModel, files);
        window = new MainWindow(viewModel, camera, planning, guide, levels, files, opener);
        scene = new Scene(window, WIDTH, HEIGHT);
        scene.getStylesheets().add(Workstation.class.getResource("workstation.css").toExternalForm());
        // undo and redo the plan wherever the focus is (a text field would otherwise undo its own typing)
        KeyCombination undoKey = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
        KeyCombination redoKey = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
        KeyCombination redoKey2 = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (undoKey.match(e)) {
                planning.undo();
                e.consume();
            } else if (redoKey.match(e) || redoKey2.match(e)) {
                planning.redo();
                e.consume();
            }
        });
        if (dialogs) {
            viewModel.errorProperty().addListener((obs, old, message) -> {
                if (message != null) {
                    Platform.runLater(() -> {
                        Alert alert = new Alert(Alert.AlertType.ERROR, message);
                        alert.setHeaderText("Could not open the case");
                        alert.initOwner(stage);
                        alert.show();
                    });
                }
            });
            guide.errorProperty().addListener((obs, old, message) -> {
                if (message != null) {
                    Platform.runLater(() -> {
                        Alert alert = new Alert(Alert.AlertType.ERROR, message);
                        alert.setHeaderText("Guide template");
                        alert.initOwner(stage);
                        alert.show();
                    });
                }
            });
        }
        if (dialogs) {
            autosave.setRecoverer(a -> {
                ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
                ButtonType drop = new ButtonType("Discard them", ButtonBar.ButtonData.NO);
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Unsaved changes to the plan of " + a.forCase().label()
                    + " were kept on " + Autosave.when(a.time()) + " (VertebroPlan did not close normally). Recover them?",
                    recover, drop);
                alert.setHeaderText("Recover the unsaved plan");
                alert.initOwner(stage);
                return alert.showAndWait().orElse(drop) == recover;
            });
        }
        stage.setTitle("VertebroPlan");
        stage.setScene(scene);
        if (dialogs) {
            stage.setOnCloseRequest(e -> {
                if (!window.confirmDiscard()) {
                    e.consume();
                }
            });
        }
        Runnable title = () -> {
            LoadedCase c = viewModel.getLoadedCase();
            stage.setTitle(c == null ? "VertebroPlan"
                : "VertebroPlan - " + c.location().label() + (planning.dirtyProperty().get() ? " *" : ""));
        };
        viewModel.loadedCaseProperty().addListener((obs, old, c) -> title.run());
        planning.dirtyProperty().addListener((obs, old, d) -> title.run());
    }

    /** Builds the workstation on a stage and shows it (FX thread), with the user's files where {@link UserFiles#defaults()} says. */
    public static Workstation show(Stage stage, CaseServices services, Executor executor, boolean dialogs) {
        return show(stage, services, executor, dialogs, UserFiles.defaults());
    }

    /** Builds the workstation on a stage with these user files (recent cases, autosaves, plans folder) and shows it. */
    public static Workstation show(Stage stage, CaseServices services, Executor executor, boolean dialogs,
                                   UserFiles files) {
        Workstation w = new Workstation(stage, services, executor, dialogs, files);
        stage.show();
        return w;
    }

    /**
     * Loads a case, waits until it has been drawn and its safety check is done, and saves the whole window as PNG. Completes (on
     * the FX thread) with the exit code: 0 when the PNG was written, 3 for unusable input or an
     * unwritable output file, 1 for an internal error.
     */
    public CompletableFuture<Integer> screenshot(Path caseArg, Path png) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // a plan file opens with its series found as File > Open plan finds it (no folder dialog in batch)
        CompletableFuture<LoadedCase> loading = caseArg != null && java.nio.file.Files.isRegularFile(caseArg)
            ? opener.open(caseArg, plan -> null) : viewModel.open(caseArg);
        loading.whenComplete((c, failure) -> {
            if (failure != null) {
                exit.complete(WorkstationViewModel.exitCodeFor(failure));
                return;
            }
            whenSettled(System.nanoTime() + 60_000_000_000L, () -> afterFrames(3, () -> {
                try {
                    WritableImage image = scene.snapshot(null);
                    PngWriter.write(image, png);
                    viewModel.statusProperty().set("Screenshot saved: " + png);
                    exit.complete(0);
                } catch (IOException e) {
                    System.getLogger(Workstation.class.getName()).log(System.Logger.Level.ERROR, e.getMessage());
                    exit.complete(WorkstationViewModel.EXIT_BAD_INPUT);
                } catch (RuntimeException e) {
                    System.getLogger(Workstation.class.getName()).log(System.Logger.Level.ERROR, "screenshot failed", e);
                    exit.complete(WorkstationViewModel.EXIT_INTERNAL);
                }
            }));
        });
        return exit;
    }

    /** Runs an action once the safety check of the shown plan is done (or at the deadline, nanoTime). */
    private void whenSettled(long deadline, Runnable action) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (planning.settled() || System.nanoTime() > deadline) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    /** Runs an action on the FX thread after the given number of rendered pulses. */
    static void afterFrames(int frames, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= frames) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    public WorkstationViewModel viewModel() {
        return viewModel;
    }

    public PlanningViewModel planning() {
        return planning;
    }

    public GuideViewModel guide() {
        return guide;
    }

    /** The user's own files: recent cases, autosaves, the plans folder. */
    UserFiles files() {
        return files;
    }

    Autosave autosave() {
        return autosave;
    }

    /** File > Open plan. */
    PlanOpener opener() {
        return opener;
    }

    /** The planned levels' bone at full resolution, built in the background. */
    LevelSurfaces levels() {
        return levels;
    }

    public CameraViewModel camera() {
        return camera;
    }

    public MainWindow window() {
        return window;
    }

    public Scene scene() {
        return scene;
    }
}
