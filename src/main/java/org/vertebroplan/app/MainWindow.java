package org.vertebroplan.app;

import java.io.File;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The main window's layout: menu bar (File: open, save plan, save plan as, exit; Edit: undo/redo;
 * View), a 3 x 2 grid (3D view, axial, the view along the selected needle; coronal, sagittal, the view
 * across it), on the right the planning panel, the guide
 * panel and the case/view panel as tabs, and the status bar at the bottom. Builds the views and their slice view
 * models from the shared {@link WorkstationViewModel} and {@link PlanningViewModel}; asks before
 * unsaved plan changes are lost.
 */
public final class MainWindow extends BorderPane {

    private final Viewport3DView viewport;
    private final SliceView axial;
    private final SliceView coronal;
    private final SliceView sagittal;
    private final SliceView along;
    private final SliceView across;

    private final PlanningViewModel planning;
    private final GuideViewModel guide;

    public MainWindow(WorkstationViewModel vm, CameraViewModel cam, PlanningViewModel planning, GuideViewModel guide) {
        setId("main-window");
        this.planning = planning;
        this.guide = guide;
        viewport = new Viewport3DView(vm, cam);
        viewport.attachGuide(guide);
        // unsafe needles turn red in 3D once the check of the plan on screen is in
        Runnable verdicts = () -> {
            if (planning.checkedPlanProperty().get() != null
                && planning.checkedPlanProperty().get().equals(vm.planProperty().get())) {
                viewport.markVerdicts(planning.safetyProperty().get());
            }
        };
        planning.safetyProperty().addListener((o, a, b) -> verdicts.run());
        planning.checkedPlanProperty().addListener((o, a, b) -> verdicts.run());
        axial = new SliceView(new SliceViewModel(SliceOrientation.AXIAL, vm, planning));
        coronal = new SliceView(new SliceViewModel(SliceOrientation.CORONAL, vm, planning));
        sagittal = new SliceView(new SliceViewModel(SliceOrientation.SAGITTAL, vm, planning));
        along = new SliceView(new SliceViewModel(NeedlePlanes.Kind.ALONG, vm, planning));
        across = new SliceView(new SliceViewModel(NeedlePlanes.Kind.ACROSS, vm, planning));
        // selecting a level turns the 3D view about its vertebra
        planning.focusProperty().addListener((o, a, p) -> viewport.lookAt(p));

        GridPane grid = new GridPane();
        grid.setId("views");
        grid.setHgap(2);
        grid.setVgap(2);
        for (int n = 0; n < 3; n++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / 3);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (int n = 0; n < 2; n++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        grid.add(viewport, 0, 0);
        grid.add(axial, 1, 0);
        grid.add(along, 2, 0);
        grid.add(coronal, 0, 1);
        grid.add(sagittal, 1, 1);
        grid.add(across, 2, 1);

        setTop(menuBar(vm, cam));
        setCenter(grid);
        ScrollPane planScroll = new ScrollPane(new PlanningPanel(planning));
        planScroll.setFitToWidth(true);
        planScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Tab plan = new Tab("Plan", planScroll);
        plan.setId("tab-plan");
        ScrollPane guideScroll = new ScrollPane(new GuidePanel(guide));
        guideScroll.setFitToWidth(true);
        guideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Tab guideTab = new Tab("Guide", guideScroll);
        guideTab.setId("tab-guide");
        Tab view = new Tab("Case / view", new SidePanel(vm));
        view.setId("tab-case");
        TabPane tabs = new TabPane(plan, guideTab, view);
        tabs.setId("side-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefWidth(340);
        tabs.setMinWidth(280);
        setRight(tabs);
        setBottom(new StatusBar(vm));
    }

    private MenuBar menuBar(WorkstationViewModel vm, CameraViewModel cam) {
        MenuItem open = new MenuItem("Open DICOM folder...");
        open.setId("menu-open");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a DICOM folder or a case folder (with dicom/ and plan.json)");
            if (!confirmDiscard()) {
                return;
            }
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                SeriesChooser.openWithChoice(vm, dir.toPath(), getScene() == null ? null : getScene().getWindow());
            }
        });
        open.disableProperty().bind(vm.busyProperty());
        MenuItem save = new MenuItem("Save plan");
        save.setId("menu-save");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> planning.save());
        MenuItem saveAs = new MenuItem("Save plan as...");
        saveAs.setId("menu-save-as");
        saveAs.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+S"));
        saveAs.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the plan");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("VertebroPlan plan (*.json)", "*.json"));
            java.nio.file.Path current = planning.planFileProperty().get();
            if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(current.getParent().toFile());
                chooser.setInitialFileName(current.getFileName().toString());
            }
            File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                planning.saveAs(f.toPath());
            }
        });
        save.disableProperty().bind(vm.loadedCaseProperty().isNull());
        saveAs.disableProperty().bind(vm.loadedCaseProperty().isNull());
        MenuItem exit = new MenuItem("Exit");
        exit.setOnAction(e -> {
            if (confirmDiscard()) {
                Platform.exit();
            }
        });
        Menu file = new Menu("File", null, open, save, saveAs, new SeparatorMenuItem(), exit);
        MenuItem undo = new MenuItem("Undo");
        undo.setId("menu-undo");
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        undo.setOnAction(e -> planning.undo());
        undo.disableProperty().bind(planning.canUndoProperty().not());
        MenuItem redo = new MenuItem("Redo");
        redo.setId("menu-redo");
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Y"));
        redo.setOnAction(e -> planning.redo());
        redo.disableProperty().bind(planning.canRedoProperty().not());
        Menu edit = new Menu("Edit", null, undo, redo);
        Menu view = new Menu("View");
        for (ViewDirection d : ViewDirection.values()) {
            MenuItem item = new MenuItem("3D: look from " + d.name().toLowerCase());
            item.setOnAction(e -> cam.look(d));
            view.getItems().add(item);
        }
        MenuItem bone = new MenuItem("Window: bone");
        bone.setOnAction(e -> vm.windowProperty().set(WindowLevel.BONE));
        MenuItem soft = new MenuItem("Window: soft tissue");
        soft.setOnAction(e -> vm.windowProperty().set(WindowLevel.SOFT_TISSUE));
        view.getItems().addAll(new SeparatorMenuItem(), bone, soft);
        return new MenuBar(file, edit, view, new RehearsalMenu(this, vm));
    }

    /**
     * Asks whether to save unsaved plan changes (Save / Don't save / Cancel) when there are any; true
     * when the caller may close or open another case.
     */
    public boolean confirmDiscard() {
        return planning.confirmDiscard(() -> {
            ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes. Save them to "
                + planning.planFileProperty().get() + "?", saveButton, discard, ButtonType.CANCEL);
            alert.setHeaderText("Unsaved plan changes");
            if (getScene() != null) {
                alert.initOwner(getScene().getWindow());
            }
            ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
            return answer == saveButton ? PlanningViewModel.UnsavedChoice.SAVE
                : answer == discard ? PlanningViewModel.UnsavedChoice.DISCARD : PlanningViewModel.UnsavedChoice.CANCEL;
        });
    }

    public PlanningViewModel planning() {
        return planning;
    }

    public GuideViewModel guide() {
        return guide;
    }

    public Viewport3DView viewport() {
        return viewport;
    }

    public SliceView axial() {
        return axial;
    }

    public SliceView coronal() {
        return coronal;
    }

    public SliceView sagittal() {
        return sagittal;
    }

    /** The view along the selected needle. */
    public SliceView along() {
        return along;
    }

    /** The view across the selected needle at its pedicle isthmus. */
    public SliceView across() {
        return across;
    }
}
