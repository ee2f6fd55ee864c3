package org.vertebroplan.app;

import java.io.File;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.stage.DirectoryChooser;

/**
 * The main window's layout: menu bar, a 2 x 2 grid (3D view, axial, coronal, sagittal), the side
 * panel on the right and the status bar at the bottom. Builds the views and their slice view models
 * from the shared {@link WorkstationViewModel}.
 */
public final class MainWindow extends BorderPane {

    private final Viewport3DView viewport;
    private final SliceView axial;
    private final SliceView coronal;
    private final SliceView sagittal;

    public MainWindow(WorkstationViewModel vm, CameraViewModel cam) {
        setId("main-window");
        viewport = new Viewport3DView(vm, cam);
        axial = new SliceView(new SliceViewModel(SliceOrientation.AXIAL, vm));
        coronal = new SliceView(new SliceViewModel(SliceOrientation.CORONAL, vm));
        sagittal = new SliceView(new SliceViewModel(SliceOrientation.SAGITTAL, vm));

        GridPane grid = new GridPane();
        grid.setId("views");
        grid.setHgap(2);
        grid.setVgap(2);
        for (int n = 0; n < 2; n++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        grid.add(viewport, 0, 0);
        grid.add(axial, 1, 0);
        grid.add(coronal, 0, 1);
        grid.add(sagittal, 1, 1);

        setTop(menuBar(vm, cam));
        setCenter(grid);
        setRight(new SidePanel(vm));
        setBottom(new StatusBar(vm));
    }

    private MenuBar menuBar(WorkstationViewModel vm, CameraViewModel cam) {
        MenuItem open = new MenuItem("Open DICOM folder...");
        open.setId("menu-open");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a DICOM folder or a case folder (with dicom/ and plan.json)");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                vm.open(dir.toPath());
            }
        });
        open.disableProperty().bind(vm.busyProperty());
        MenuItem exit = new MenuItem("Exit");
        exit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, open, new SeparatorMenuItem(), exit);
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
        return new MenuBar(file, view);
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
}
