package org.vertebroplan.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;

/**
 * The planning panel (view of {@link PlanningViewModel}): needle chooser with add/delete, the
 * selected needle in numbers (entry LPS, cranial and abduction angles, depth; Enter or Apply
 * recomputes the target), gauge and working length, "Snap entry to skin", "Propose needles", the
 * entry relative to the skin markers, the live safety verdict of every needle, and the skin markers
 * (detect, place by clicking on a slice, delete) with a warning when there are not three. The fields
 * are refilled from the plan whenever it changes (drags, undo); they never hold state of their own.
 */
public final class PlanningPanel extends VBox {

    private final PlanningViewModel vm;
    private final ChoiceBox<String> needleChoice = new ChoiceBox<>();
    private final TextField[] entry = {Controls.field("entry-x", 5), Controls.field("entry-y", 5), Controls.field("entry-z", 5)};
    private final TextField cranial = Controls.field("cranial", 5);
    private final TextField abduction = Controls.field("abduction", 5);
    private final TextField depth = Controls.field("depth", 5);
    private final ChoiceBox<NeedleGauge> gauge = new ChoiceBox<>(FXCollections.observableArrayList(NeedleGauge.values()));
    private final TextField workingLength = Controls.field("working-length", 5);
    private final Label target = new Label();
    private final Label fromMarkers = new Label();
    private final Label verdicts = new Label();
    private final Label markers = new Label();
    private boolean filling;
    /** The exact values behind the six number fields, and the text they were shown as. */
    private final double[] shownValue = new double[6];
    private final String[] shownText = new String[6];

    public PlanningPanel(PlanningViewModel vm) {
        super(5);
        this.vm = vm;
        setId("planning-panel");
        setPadding(new Insets(8));

        Button propose = Controls.button("propose", "Propose needles", () -> vm.proposeNeedles());
        propose.setTooltip(new javafx.scene.control.Tooltip(
            "Bilateral transpedicular needles for the vertebra at the crosshair"));
        Button undo = Controls.button("undo", "Undo", vm::undo);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = Controls.button("redo", "Redo", vm::redo);
        redo.disableProperty().bind(vm.canRedoProperty().not());
        propose.disableProperty().bind(vm.busyProperty());

        needleChoice.setId("needle-choice");
        needleChoice.valueProperty().bindBidirectional(vm.selectedNeedleProperty());
        Button addLeft = Controls.button("add-left", "+L", () -> vm.addNeedle(Side.LEFT));
        Button addRight = Controls.button("add-right", "+R", () -> vm.addNeedle(Side.RIGHT));
        Button delete = Controls.button("delete-needle", "Delete", () -> {
            if (selected() != null) {
                vm.deleteNeedle(selected());
            }
        });

        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(3);
        grid.addRow(0, new Label("Entry LPS"), entry[0], entry[1], entry[2]);
        grid.addRow(1, new Label("Cranial °"), cranial, new Label("Abduct. °"), abduction);
        grid.addRow(2, new Label("Depth mm"), depth, new Label("Work. mm"), workingLength);
        for (TextField f : List.of(entry[0], entry[1], entry[2], cranial, abduction, depth)) {
            f.setOnAction(e -> applyNumbers());
        }
        workingLength.setOnAction(e -> applyWorkingLength());
        gauge.setId("gauge");
        gauge.setConverter(new StringConverter<>() {
            @Override
            public String toString(NeedleGauge g) {
                return g == null ? "" : String.format(Locale.ROOT, "%s (%.2f mm)", g.label(), g.diameterMm());
            }

            @Override
            public NeedleGauge fromString(String s) {
                return null;
            }
        });
        gauge.setOnAction(e -> {
            if (!filling && selected() != null && gauge.getValue() != null) {
                vm.setGauge(selected(), gauge.getValue());
            }
        });
        Button apply = Controls.button("apply", "Apply", () -> {
            applyNumbers();
            applyWorkingLength();
        });
        Button snap = Controls.button("snap", "Snap entry to skin", () -> {
            if (selected() != null) {
                vm.snapEntryToSkin(selected());
            }
        });
        target.setId("target");
        fromMarkers.setId("entry-from-markers");
        fromMarkers.setWrapText(true);
        verdicts.setId("verdicts");
        verdicts.setWrapText(true);

        Button detect = Controls.button("detect-markers", "Detect markers", () -> vm.detectMarkers());
        detect.disableProperty().bind(vm.busyProperty());
        ToggleButton place = new ToggleButton("Place by click");
        place.setId("place-markers");
        place.selectedProperty().bindBidirectional(vm.placingMarkersProperty());
        markers.setId("marker-list");
        Label markerWarning = new Label();
        markerWarning.setId("marker-warning");
        markerWarning.getStyleClass().add("warning");
        markerWarning.setWrapText(true);
        markerWarning.textProperty().bind(vm.markerWarningProperty());
        markerWarning.visibleProperty().bind(Bindings.isNotEmpty(vm.markerWarningProperty()));
        markerWarning.managedProperty().bind(markerWarning.visibleProperty());
        Label hint = Controls.caption("Drag a needle's end or a marker on a slice to move it; Shift+click a marker"
            + " deletes it. Ctrl+Z / Ctrl+Y undo and redo.");
        Label message = new Label();
        message.setId("planning-message");
        message.setWrapText(true);
        message.getStyleClass().add("caption");
        message.textProperty().bind(vm.messageProperty());

        getChildren().addAll(new HBox(4, propose, undo, redo), Controls.section("Needle"),
            new HBox(4, needleChoice, addLeft, addRight, delete), grid, new HBox(4, gauge, apply), target,
            new HBox(4, snap), fromMarkers, Controls.section("Safety"), verdicts, Controls.section("Skin markers"),
            new HBox(4, detect, place), markers, markerWarning, hint, message);

        vm.main().planProperty().addListener((obs, old, p) -> refresh());
        vm.selectedNeedleProperty().addListener((obs, old, id) -> refresh());
        vm.safetyProperty().addListener((obs, old, s) -> refresh());
        vm.checkingProperty().addListener((obs, old, s) -> refresh());
        vm.checkedPlanProperty().addListener((obs, old, s) -> refresh());
        refresh();
    }

    private String selected() {
        return vm.selectedNeedleProperty().get();
    }

    private void applyNumbers() {
        String id = selected();
        if (filling || id == null) {
            return;
        }
        try {
            // a field left as shown keeps its exact value, so Apply without changes changes nothing
            TextField[] fields = numberFields();
            double[] v = new double[6];
            boolean changed = false;
            for (int i = 0; i < 6; i++) {
                boolean same = fields[i].getText().equals(shownText[i]);
                v[i] = same ? shownValue[i] : parse(fields[i]);
                changed |= !same;
            }
            if (changed) {
                vm.setByAngles(id, new Vec3(v[0], v[1], v[2]), v[3], v[4], v[5]);
            }
        } catch (NumberFormatException ex) {
            vm.messageProperty().set("Not applied: " + ex.getMessage());
        }
    }

    private TextField[] numberFields() {
        return new TextField[] {entry[0], entry[1], entry[2], cranial, abduction, depth};
    }

    private void applyWorkingLength() {
        String id = selected();
        Plan p = vm.main().planProperty().get();
        if (filling || id == null || p == null || p.needle(id) == null) {
            return;
        }
        try {
            double wl = parse(workingLength);
            if (!workingLength.getText().equals(fmt(p.needle(id).workingLengthMm()))) {
                vm.setWorkingLength(id, wl);
            }
        } catch (NumberFormatException ex) {
            vm.messageProperty().set("Not applied: " + ex.getMessage());
        }
    }

    /** Refills every field from the current plan and verdicts. */
    private void refresh() {
        filling = true;
        try {
            Plan p = vm.main().planProperty().get();
            List<String> ids = p == null ? List.of() : p.needles().stream().map(Needle::id).toList();
            if (!needleChoice.getItems().equals(ids)) {
                String keep = selected();
                needleChoice.getItems().setAll(ids);
                needleChoice.setValue(keep);
            }
            Needle n = p == null || selected() == null ? null : p.needle(selected());
            if (n == null) {
                for (TextField f : List.of(entry[0], entry[1], entry[2], cranial, abduction, depth, workingLength)) {
                    f.setText("");
                }
                target.setText("No needle: propose needles or add one (+L / +R) at the crosshair.");
                fromMarkers.setText("");
            } else {
                NeedleGeometry g = PlanEdits.geometry(p, n);
                double[] values = {n.entryLps().x(), n.entryLps().y(), n.entryLps().z(), g.cranialDeg(),
                    g.abductionDeg(), g.depthMm()};
                TextField[] fields = numberFields();
                for (int i = 0; i < 6; i++) {
                    shownValue[i] = values[i];
                    shownText[i] = fmt(values[i]);
                    fields[i].setText(shownText[i]);
                }
                workingLength.setText(fmt(n.workingLengthMm()));
                gauge.setValue(gaugeOf(n.diameterMm()));
                Vec3 t = n.targetLps();
                target.setText(String.format(Locale.ROOT, "Target LPS %.1f, %.1f, %.1f  (%s side, Ø %.2f mm)%s",
                    t.x(), t.y(), t.z(), n.side().jsonName(), n.diameterMm(),
                    n.workingLengthMm() < g.depthMm() ? "\nWorking length is shorter than the depth!" : ""));
                String m = PlanEdits.entryFromMarkers(p, n);
                fromMarkers.setText(m == null ? "Entry from markers: needs 3 markers" : "Entry: " + m);
            }
            verdicts.setText(describeVerdicts(p));
            verdicts.getStyleClass().removeAll("safe", "warning", "unsafe");
            verdicts.getStyleClass().add(worst(p));
            markers.setText(describeMarkers(p));
        } finally {
            filling = false;
        }
    }

    private String describeVerdicts(Plan p) {
        if (p == null || p.needles().isEmpty()) {
            return "No needles.";
        }
        boolean current = vm.checkedPlanProperty().get() != null
            && vm.checkedPlanProperty().get().needles().equals(p.needles());
        if (!current) {
            return "Checking...";
        }
        StringBuilder b = new StringBuilder();
        Map<String, NeedleSafety> s = vm.safetyProperty().get();
        for (Needle n : p.needles()) {
            NeedleSafety r = s.get(n.id());
            if (r == null) {
                b.append(n.id()).append(": not checked (see the message below)\n");
                continue;
            }
            b.append(n.id()).append(": ").append(r.verdict().word().toUpperCase(Locale.ROOT));
            b.append(Double.isNaN(r.canalDistanceMm()) ? "   canal not found"
                : String.format(Locale.ROOT, "   canal %.1f mm", r.canalDistanceMm()));
            for (String reason : r.reasons()) {
                b.append("\n  - ").append(reason);
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private String worst(Plan p) {
        boolean current = p != null && vm.checkedPlanProperty().get() != null
            && vm.checkedPlanProperty().get().needles().equals(p.needles());
        if (!current) {
            return "pending";
        }
        NeedleSafety.Verdict w = NeedleSafety.Verdict.SAFE;
        for (NeedleSafety s : vm.safetyProperty().get().values()) {
            w = s.verdict().compareTo(w) > 0 ? s.verdict() : w;
        }
        return w.word();
    }

    private static String describeMarkers(Plan p) {
        if (p == null || p.fiducials().isEmpty()) {
            return "No markers";
        }
        StringBuilder b = new StringBuilder();
        for (Fiducial f : p.fiducials()) {
            b.append(String.format(Locale.ROOT, "%s  %.1f, %.1f, %.1f%n", f.id(), f.lps().x(), f.lps().y(),
                f.lps().z()));
        }
        return b.toString().strip();
    }

    private static NeedleGauge gaugeOf(double diameterMm) {
        for (NeedleGauge g : NeedleGauge.values()) {
            if (Math.abs(g.diameterMm() - diameterMm) < 1e-6) {
                return g;
            }
        }
        return null;
    }

    private static double parse(TextField f) {
        String s = f.getText().trim().replace(',', '.');
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("\"" + f.getText() + "\" is not a number");
        }
    }





    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
