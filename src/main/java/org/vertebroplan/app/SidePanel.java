package org.vertebroplan.app;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;

/**
 * The "Case / view" tab of the right-hand panel: case information, the crosshair read-out (LPS mm and
 * HU), display settings (window preset, skin on/off) and a summary of the plan's needles (depth and
 * angles in the plan's angle frame) and markers; editing is in {@link PlanningPanel}. Binds to
 * {@link WorkstationViewModel} only.
 */
public final class SidePanel extends VBox {

    public SidePanel(WorkstationViewModel vm) {
        super(6);
        setId("side-panel");
        setPadding(new Insets(8));
        setPrefWidth(320);
        setMinWidth(260);

        Label caseInfo = new Label();
        caseInfo.setId("case-info");
        caseInfo.setWrapText(true);
        caseInfo.textProperty().bind(vm.caseInfoProperty());
        Label cross = new Label();
        cross.setId("crosshair-info");
        cross.textProperty().bind(vm.crosshairInfoProperty());

        ToggleGroup windows = new ToggleGroup();
        HBox presets = new HBox(4);
        for (WindowLevel w : new WindowLevel[] {WindowLevel.BONE, WindowLevel.SOFT_TISSUE}) {
            ToggleButton b = new ToggleButton(w.name());
            b.setId("window-" + w.name().toLowerCase(Locale.ROOT).replace(' ', '-'));
            b.setUserData(w);
            b.setToggleGroup(windows);
            b.setOnAction(e -> vm.windowProperty().set(w));
            presets.getChildren().add(b);
        }
        Label windowText = new Label();
        windowText.setId("window-text");
        presets.getChildren().add(windowText);
        Runnable syncWindow = () -> {
            WindowLevel w = vm.windowProperty().get();
            windows.selectToggle(windows.getToggles().stream().filter(t -> w.equals(t.getUserData())).findFirst()
                .orElse(null));
            windowText.setText(String.format(Locale.ROOT, "W %.0f / L %.0f", w.widthHu(), w.centerHu()));
        };
        vm.windowProperty().addListener((obs, old, w) -> syncWindow.run());
        syncWindow.run();
        CheckBox skin = new CheckBox("Show skin");
        skin.setId("show-skin");
        skin.selectedProperty().bindBidirectional(vm.skinVisibleProperty());
        javafx.scene.control.ChoiceBox<WorkstationViewModel.OtherBone> other = new javafx.scene.control.ChoiceBox<>(
            javafx.collections.FXCollections.observableArrayList(WorkstationViewModel.OtherBone.values()));
        other.setId("other-bone");
        other.valueProperty().bindBidirectional(vm.otherBoneProperty());
        HBox otherRow = new HBox(6, new Label("Other bone (3D)"), other);
        otherRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label otherNote = new Label("Once a level is measured its bone is shown at full resolution; the rest of the"
            + " bone is then shown, dimmed or hidden.");
        otherNote.getStyleClass().add("caption");
        otherNote.setWrapText(true);

        TableView<Needle> needles = new TableView<>(vm.needles());
        needles.setId("needles");
        needles.setPrefHeight(96);
        needles.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        needles.setPlaceholder(new Label("No needles planned"));
        needles.getColumns().add(column("Needle", Needle::id));
        needles.getColumns().add(column("Level", n -> {
            Plan p = vm.planProperty().get();
            return p == null ? "" : PlanEdits.levelName(p.levelOf(n));
        }));
        needles.getColumns().add(column("Side", n -> n.side().jsonName()));
        needles.getColumns().add(column("Depth", n -> fmt(geometry(vm, n).depthMm())));
        needles.getColumns().add(column("Cran.°", n -> fmt(geometry(vm, n).cranialDeg())));
        needles.getColumns().add(column("Abd.°", n -> fmt(geometry(vm, n).abductionDeg())));

        Label units = new Label("Depth in mm; cranial and abduction angles in degrees, in the frame the plan records"
            + " for the needle's level (the patient frame when none; the Plan tab shows both).");
        units.getStyleClass().add("caption");
        units.setWrapText(true);

        Label markers = new Label();
        markers.setId("markers");
        markers.textProperty().bind(Bindings.createStringBinding(() -> {
            StringBuilder b = new StringBuilder();
            for (Fiducial m : vm.markers()) {
                Vec3 p = m.lps();
                b.append(String.format(Locale.ROOT, "%s  %.1f, %.1f, %.1f%n", m.id(), p.x(), p.y(), p.z()));
            }
            return b.length() == 0 ? "No markers" : b.toString().strip();
        }, vm.markers()));

        getChildren().addAll(section("Case"), caseInfo, section("Crosshair (LPS)"), cross,
            section("Display"), presets, skin, otherRow, otherNote, section("Needles"), needles, units,
            section("Skin markers (LPS mm)"), markers);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /** Depth and angles in the frame the plan records for the needle's level (else the patient frame). */
    static NeedleGeometry geometry(WorkstationViewModel vm, Needle n) {
        Plan plan = vm.planProperty().get();
        AngleFrame frame = plan == null ? AngleFrame.PATIENT : plan.angleFrameOf(n);
        return NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), frame);
    }

    private static TableColumn<Needle, String> column(String title, Function<Needle, String> value) {
        TableColumn<Needle, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
