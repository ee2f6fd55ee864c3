package org.vertebroplan.app;

import java.io.File;
import java.nio.file.Path;
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
 * View; Rehearsal; Help: about), a 3 x 2 grid (3D view, axial, the view along the selected needle; coronal, sagittal, the view
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
    private final UserFiles files;
    private final PlanOpener opener;
    private FileDialogs dialogs = new FileDialogs();

    /**
     * The file and folder choosers of the File menu (the platform's dialogs); tests replace them, since a
     * native dialog cannot be driven by a robot. Each returns null when cancelled.
     */
    public static class FileDialogs {
        /** A plan file to save to, starting in {@code dir} with {@code name}. */
        public Path saveFile(javafx.stage.Window owner, Path dir, String name) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the plan");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("VertebroPlan plan (*.json, *.vplan)", "*.json", "*.vplan"));
            chooser.setInitialDirectory(dir.toFile());
            chooser.setInitialFileName(name);
            File f = chooser.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        }

        /** A plan file to open, starting in {@code dir}. */
        public Path openPlan(javafx.stage.Window owner, Path dir) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a plan (its CT series is found and loaded)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("VertebroPlan plan (*.json, *.vplan)", "*.json", "*.vplan"));
            chooser.setInitialDirectory(dir.toFile());
            File f = chooser.showOpenDialog(owner);
            return f == null ? null : f.toPath();
        }

        /** A folder, starting in {@code dir}. */
        public Path folder(javafx.stage.Window owner, Path dir, String title) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            chooser.setInitialDirectory(dir.toFile());
            File f = chooser.showDialog(owner);
            return f == null ? null : f.toPath();
        }
    }

    /** Replaces the file choosers (tests). */
    public void setFileDialogs(FileDialogs d) {
        dialogs = d == null ? new FileDialogs() : d;
    }

    public MainWindow(WorkstationViewModel vm, CameraViewModel cam, PlanningViewModel planning, GuideViewModel guide,
                      LevelSurfaces levels, UserFiles files, PlanOpener opener) {
        setId("main-window");
        this.planning = planning;
        this.guide = guide;
        this.files = files;
        this.opener = opener;
        planning.setSaveTarget(() -> chooseSaveFile(null));
        viewport = new Viewport3DView(vm, cam);
        viewport.attachGuide(guide);
        vm.setSeriesAsker(q -> SeriesChooser.askInstead(q, getScene() == null ? null : getScene().getWindow()));
        viewport.setOnNeedlePicked(id -> planning.selectedNeedleProperty().set(id));
        levels.shownProperty().addListener((o, a, shown) -> viewport.showLevels(shown));
        // a guide that fails is reported in colour, with its reason
        guide.errorProperty().addListener((o, a, m) -> {
            if (m != null) {
                vm.report(m, WorkstationViewModel.Severity.ERROR);
            }
        });
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
        // selecting or proposing a level centres the 3D view on its vertebra
        planning.focusProperty().addListener((o, a, p) -> viewport.focusLevel(p));

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
            if (!confirmDiscard()) {
                return;
            }
            Path dir = dialogs.folder(owner(), startFolder(), "Open a DICOM folder or a case folder (with dicom/ and plan.json)");
            if (dir != null) {
                SeriesChooser.openWithChoice(vm, dir, owner());
            }
        });
        open.disableProperty().bind(vm.busyProperty());
        MenuItem openPlan = new MenuItem("Open plan...");
        openPlan.setId("menu-open-plan");
        openPlan.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
        openPlan.setOnAction(e -> {
            if (!confirmDiscard()) {
                return;
            }
            Path f = dialogs.openPlan(owner(), folderOrHome(files.plansDirPath()));
            if (f != null) {
                openPlan(f);
            }
        });
        openPlan.disableProperty().bind(vm.busyProperty());
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        recent.getItems().add(new MenuItem("(none)"));
        recent.setOnShowing(e -> fillRecent(vm, recent));
        recent.disableProperty().bind(vm.busyProperty());
        MenuItem save = new MenuItem("Save plan");
        save.setId("menu-save");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> planning.save());
        MenuItem saveAs = new MenuItem("Save plan as...");
        saveAs.setId("menu-save-as");
        saveAs.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+S"));
        saveAs.setOnAction(e -> {
            Path f = chooseSaveFile(planning.planFileProperty().get());
            if (f != null) {
                planning.saveAs(f);
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
        Menu file = new Menu("File", null, open, openPlan, recent, new SeparatorMenuItem(), save, saveAs,
            new SeparatorMenuItem(), exit);
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
        view.getItems().addAll(new SeparatorMenuItem(), bone, soft, new SeparatorMenuItem());
        javafx.scene.control.ToggleGroup others = new javafx.scene.control.ToggleGroup();
        for (WorkstationViewModel.OtherBone b : WorkstationViewModel.OtherBone.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem("3D: other bone " + b.toString()
                .toLowerCase(java.util.Locale.ROOT));
            item.setId("menu-other-bone-" + b.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(others);
            item.setSelected(vm.otherBoneProperty().get() == b);
            item.setOnAction(e -> vm.otherBoneProperty().set(b));
            vm.otherBoneProperty().addListener((o, a, now) -> item.setSelected(now == b));
            view.getItems().add(item);
        }
        MenuItem about = new MenuItem("About VertebroPlan");
        about.setId("menu-about");
        about.setOnAction(e -> AboutBox.show(owner(), files));
        Menu help = new Menu("Help", null, about);
        return new MenuBar(file, edit, view, new RehearsalMenu(this, vm), help);
    }

    /**
     * Opens a plan file with its CT series (File &gt; Open plan, a plan given on the command line or
     * double-clicked), asking for the DICOM folder when the series is not found.
     */
    public void openPlan(Path planFile) {
        opener.open(planFile, this::askDicomFolder);
    }

    private javafx.stage.Window owner() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Where folder choosers start: the last case's parent folder, else the home folder. */
    private Path startFolder() {
        return files.recent().stream().map(c -> c.caseDir().getParent()).filter(p -> p != null
            && p.toFile().isDirectory()).findFirst().orElse(Path.of(System.getProperty("user.home")));
    }

    private static Path folderOrHome(Path dir) {
        return dir != null && dir.toFile().isDirectory() ? dir : Path.of(System.getProperty("user.home"));
    }

    /** The recent cases as menu items (newest first); choosing one opens it with its plan. */
    private void fillRecent(WorkstationViewModel vm, Menu recent) {
        recent.getItems().clear();
        int n = 0;
        for (UserFiles.Case c : files.recent()) {
            MenuItem item = new MenuItem(c.label() + "  -  " + c.caseDir()
                + (c.planFile() == null ? "" : "  (plan " + c.planFile().getFileName() + ")"));
            item.setId("menu-recent-" + n++);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (confirmDiscard()) {
                    vm.open(c.location(), c.seriesUid().isEmpty() ? null : c.seriesUid());
                }
            });
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no recent cases)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    /**
     * Asks where to save the plan: by default the plans folder in the user's home with the case's label as
     * the name (or the current plan file's folder and name), never the DICOM folder. Null when cancelled.
     */
    Path chooseSaveFile(Path current) {
        Path dir;
        String name;
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            dir = current.getParent();
            name = current.getFileName().toString();
        } else {
            try {
                dir = files.plansDir();
            } catch (java.io.IOException e) {
                dir = Path.of(System.getProperty("user.home"));
            }
            name = suggestedName(planning.main().planProperty().get());
        }
        return dialogs.saveFile(owner(), dir, name);
    }

    /** A file name from the plan's case label: letters, digits, dots, dashes and underscores only. */
    static String suggestedName(org.vertebroplan.plan.Plan p) {
        String base = p == null ? "plan" : p.caseId().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "plan" : base) + "-plan.json";
    }

    /** Asks for the DICOM folder of a plan whose series was not found (null: cancelled). */
    private Path askDicomFolder(org.vertebroplan.plan.Plan plan) {
        return dialogs.folder(owner(), startFolder(), "The CT series of plan " + plan.caseId()
            + " was not found: choose its DICOM folder");
    }

    /**
     * Asks whether to save unsaved plan changes (Save / Don't save / Cancel) when there are any; true
     * when the caller may close or open another case.
     */
    public boolean confirmDiscard() {
        return planning.confirmDiscard(() -> {
            ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
            Path target = planning.planFileProperty().get();
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes. Save them"
                + (target == null ? " (you will choose the file)?" : " to " + target + "?"), saveButton, discard,
                ButtonType.CANCEL);
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
