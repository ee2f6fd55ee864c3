package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.VertebraFrame;

/**
 * The planning panel (view of {@link PlanningViewModel}): the plan's levels (list; selecting one centres
 * the views on its vertebra; rename, add, remove after a confirmation; the measured rotation and tilts
 * of the selected one), needle chooser with add/delete, the selected needle in numbers (entry LPS,
 * cranial and abduction angles in the needle's vertebra frame, with the frame named and the
 * patient-frame angles beside them, depth; Enter or Apply recomputes the target), gauge and working
 * length, "Snap entry to skin", "Propose needles" (a new level is named in a dialog), the entry
 * relative to the skin markers, the live safety verdict of every needle (a needle that was not
 * checked is never shown as safe) with its breach wall, pedicle width and route, and the skin markers
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
    private final ListView<String> levels = new ListView<>();
    private final TextField levelLabel = Controls.field("level-label", 4);
    private final Label levelFrame = new Label();
    private final Label angleFrame = new Label();
    private final Label patientAngles = new Label();
    private final Label pendingNote = new Label();
    private boolean filling;
    /** What the number fields show: the needle and the frame (refilled only when these change). */
    private Object shownKey;
    /** The exact values behind the six number fields, and the text they were shown as. */
    private final double[] shownValue = new double[6];
    private final String[] shownText = new String[6];

    public PlanningPanel(PlanningViewModel vm) {
        super(5);
        this.vm = vm;
        setId("planning-panel");
        setPadding(new Insets(8));

        Button propose = Controls.button("propose", "Propose needles", () -> vm.proposeNeedles(this::askLevelLabel));
        propose.setTooltip(new javafx.scene.control.Tooltip(
            "Bilateral needles for the vertebra at the crosshair (its level, or a new one)"));
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

        levels.setId("levels");
        levels.setPrefHeight(52);
        levels.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
            if (!filling && i.intValue() >= 0) {
                vm.selectLevel(i.intValue());
            }
        });
        levels.setOnMouseClicked(e -> { // a click on the selected level centres it again
            int i = levels.getSelectionModel().getSelectedIndex();
            if (i >= 0 && i == vm.selectedLevelProperty().get()) {
                vm.selectLevel(i);
            }
        });
        levelLabel.setPromptText("label");
        levelLabel.setOnAction(e -> renameLevel());
        Button rename = Controls.button("rename-level", "Rename", this::renameLevel);
        rename.setTooltip(new javafx.scene.control.Tooltip("Give the selected level the label typed on the left"));
        Button addLevel = Controls.button("add-level", "Add...", () -> askLevelLabel(true)
            .ifPresent(vm::addLevel));
        Button removeLevel = Controls.button("remove-level", "Remove", () -> vm.removeLevel(
            vm.selectedLevelProperty().get(), this::confirmRemove));
        levelFrame.setId("level-frame");
        levelFrame.setWrapText(true);
        levelFrame.getStyleClass().add("caption");
        angleFrame.setId("angle-frame");
        angleFrame.setWrapText(true);
        patientAngles.setId("patient-angles");
        patientAngles.getStyleClass().add("caption");
        patientAngles.setWrapText(true);

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
        for (TextField f : List.of(entry[0], entry[1], entry[2], cranial, abduction, depth, workingLength, levelLabel)) {
            f.textProperty().addListener((obs, old, t) -> markPending());
            f.setOnKeyPressed(e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && isPending(f)) {
                    restore(f);
                    e.consume();
                }
            });
        }
        pendingNote.setId("pending-note");
        pendingNote.setWrapText(true);
        pendingNote.setMinHeight(Region.USE_PREF_SIZE);
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
        target.setWrapText(true);
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
        Label hint = Controls.caption("Drag a needle's end or a marker on a slice to move it (the needle becomes the"
            + " selected one); Shift+click a marker deletes it. Typed numbers apply with Enter (Esc restores them)."
            + " Ctrl+Z / Ctrl+Y undo and redo anywhere.");
        // texts that grow (verdicts, notes) get fixed room, so the buttons never move under the pointer
        ScrollPane verdictScroll = new ScrollPane(verdicts);
        verdictScroll.setId("verdicts-scroll");
        verdictScroll.setFitToWidth(true);
        verdictScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        verdictScroll.setPrefHeight(112);
        verdictScroll.setMinHeight(112);
        verdictScroll.setMaxHeight(112);
        fixedLines(levelFrame, 2);
        fixedLines(angleFrame, 1);
        fixedLines(patientAngles, 1);
        fixedLines(target, 2);
        fixedLines(fromMarkers, 2);
        fixedLines(pendingNote, 2);
        fixedLines(markers, 3);
        Label markerWarning = Controls.warning("marker-warning", vm.markerWarningProperty());
        markerWarning.managedProperty().unbind();
        markerWarning.setManaged(true);
        fixedLines(markerWarning, 2);

        getChildren().addAll(new HBox(4, propose, undo, redo), Controls.section("Levels"), levels,
            new HBox(4, levelLabel, rename, addLevel, removeLevel), levelFrame, Controls.section("Needle"),
            new HBox(4, needleChoice, addLeft, addRight, delete), angleFrame, grid, pendingNote, patientAngles,
            new HBox(4, gauge, apply), target,
            new HBox(4, snap), fromMarkers, Controls.section("Safety"), verdictScroll, Controls.section("Skin markers"),
            new HBox(4, detect, place), markers, markerWarning, hint);

        vm.main().planProperty().addListener((obs, old, p) -> refresh());
        vm.selectedNeedleProperty().addListener((obs, old, id) -> refresh());
        vm.selectedLevelProperty().addListener((obs, old, i) -> refresh());
        vm.safetyProperty().addListener((obs, old, s) -> refresh());
        vm.checkingProperty().addListener((obs, old, s) -> refresh());
        vm.checkedPlanProperty().addListener((obs, old, s) -> refresh());
        refresh();
    }

    /** Gives a wrapped label the room of {@code lines} lines whatever it says. */
    private static void fixedLines(Label l, int lines) {
        l.setWrapText(true);
        double h = lines * 16 + 2;
        l.setMinHeight(h);
        l.setPrefHeight(h);
        l.setMaxHeight(h);
        l.setAlignment(javafx.geometry.Pos.TOP_LEFT);
    }

    /** The text a field showed for the plan (what it says when nothing is typed). */
    private String shownTextOf(TextField f) {
        TextField[] fields = numberFields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == f) {
                return shownText[i];
            }
        }
        return f == levelLabel ? (String) levelLabel.getUserData() : (String) f.getProperties().get("shown");
    }

    /** True when the field holds typed text that is not applied yet. */
    boolean isPending(TextField f) {
        String shown = shownTextOf(f);
        return shown != null && !f.getText().equals(shown);
    }

    private void restore(TextField f) {
        f.setText(shownTextOf(f));
    }

    /**
     * Marks every field whose text differs from the plan (orange frame, italic) and says so under the
     * fields: a typed number is never taken for an applied one.
     */
    private void markPending() {
        List<String> names = new ArrayList<>();
        String[] words = {"entry x", "entry y", "entry z", "cranial", "abduction", "depth", "working length", "level label"};
        TextField[] all = {entry[0], entry[1], entry[2], cranial, abduction, depth, workingLength, levelLabel};
        for (int i = 0; i < all.length; i++) {
            boolean pending = isPending(all[i]);
            all[i].getStyleClass().remove("pending");
            if (pending) {
                all[i].getStyleClass().add("pending");
                names.add(words[i]);
            }
        }
        pendingNote.setText(names.isEmpty() ? "" : "Not applied yet: " + String.join(", ", names)
            + ". Press Enter to apply, Esc to restore.");
    }

    private String selected() {
        return vm.selectedNeedleProperty().get();
    }

    private void renameLevel() {
        if (!filling) {
            vm.renameLevel(vm.selectedLevelProperty().get(), levelLabel.getText());
        }
    }

    /** The label of a new level, asked in a dialog; empty when cancelled (or left blank where required). */
    private Optional<String> askLevelLabel(boolean required) {
        TextInputDialog d = new TextInputDialog();
        d.setTitle("New level");
        d.setHeaderText(required ? "The label of the new level (e.g. T12)"
            : "The label of the vertebra's level (e.g. L2); leave it empty to name it later");
        d.getEditor().setId("new-level-label");
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        Optional<String> answer = d.showAndWait();
        return answer.isPresent() && required && answer.get().isBlank() ? Optional.empty() : answer;
    }

    private boolean confirmRemove() {
        Plan p = vm.main().planProperty().get();
        int i = vm.selectedLevelProperty().get();
        String name = p == null || i < 0 || i >= p.levels().size() ? "" : PlanEdits.levelName(p.levels().get(i));
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Remove level " + name + " and its needles? (Ctrl+Z undoes)",
            ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText("Remove a level");
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        return a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK;
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
            vm.say("Not applied: " + ex.getMessage());
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
            vm.say("Not applied: " + ex.getMessage());
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
            refreshLevels(p);
            Needle n = p == null || selected() == null ? null : p.needle(selected());
            if (n == null) {
                java.util.Arrays.fill(shownText, "");
                workingLength.getProperties().put("shown", "");
                for (TextField f : List.of(entry[0], entry[1], entry[2], cranial, abduction, depth, workingLength)) {
                    f.setText("");
                }
                shownKey = null;
                angleFrame.setText("");
                patientAngles.setText("");
                target.setText("No needle: propose needles or add one (+L / +R) at the crosshair.");
                fromMarkers.setText("");
            } else {
                PlanningViewModel.AngleFrameChoice frame = vm.angleFrameFor(n.id());
                NeedleGeometry g = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), frame.frame());
                Object key = List.of(n, frame);
                if (!key.equals(shownKey)) { // refilled only when changed: typing is not overwritten by a check
                    shownKey = key;
                    double[] values = {n.entryLps().x(), n.entryLps().y(), n.entryLps().z(), g.cranialDeg(),
                        g.abductionDeg(), g.depthMm()};
                    TextField[] fields = numberFields();
                    for (int i = 0; i < 6; i++) {
                        shownValue[i] = values[i];
                        shownText[i] = fmt(values[i]);
                        fields[i].setText(shownText[i]);
                    }
                    workingLength.getProperties().put("shown", fmt(n.workingLengthMm()));
                    workingLength.setText(fmt(n.workingLengthMm()));
                } else if (!fmt(n.workingLengthMm()).equals(workingLength.getProperties().get("shown"))) {
                    workingLength.getProperties().put("shown", fmt(n.workingLengthMm()));
                    workingLength.setText(fmt(n.workingLengthMm()));
                }
                angleFrame.setText("Angles in the " + frame.describe());
                angleFrame.getStyleClass().remove("warning");
                if (frame.source() == PlanningViewModel.AngleFrameChoice.Source.PATIENT) {
                    angleFrame.getStyleClass().add("warning");
                }
                NeedleGeometry patient = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps());
                patientAngles.setText(String.format(Locale.ROOT, "Patient frame: cranial %.1f°, abduction %.1f°"
                    + " (read-only)", patient.cranialDeg(), patient.abductionDeg()));
                gauge.setValue(gaugeOf(n.diameterMm()));
                Vec3 t = n.targetLps();
                target.setText(String.format(Locale.ROOT, "Target LPS %.1f, %.1f, %.1f  (%s side, %s, Ø %.2f mm)%s",
                    t.x(), t.y(), t.z(), n.side().jsonName(), n.route().jsonName(), n.diameterMm(),
                    n.workingLengthMm() < g.depthMm() ? "\nWorking length is shorter than the depth!" : ""));
                String m = PlanEdits.entryFromMarkers(p, n);
                fromMarkers.setText(m == null ? "Entry from markers: needs 3 markers" : "Entry: " + m);
            }
            verdicts.setText(describeVerdicts(p));
            verdicts.getStyleClass().removeAll("safe", "warning", "unsafe", "pending", "none");
            verdicts.getStyleClass().add(worst(p));
            markers.setText(describeMarkers(p));
        } finally {
            filling = false;
        }
        markPending();
    }

    /** The level list, the selected level's label and its measured rotation and tilts. */
    private void refreshLevels(Plan p) {
        List<String> rows = new ArrayList<>();
        if (p != null) {
            for (int i = 0; i < p.levels().size(); i++) {
                PlanLevel l = p.levels().get(i);
                int count = PlanEdits.needlesOf(p, i).size();
                rows.add(PlanEdits.levelName(l) + "  ·  " + count + " needle" + (count == 1 ? "" : "s")
                    + (l.angleFrame() == null ? "" : "  ·  angles in its frame"));
            }
        }
        if (!levels.getItems().equals(rows)) {
            levels.getItems().setAll(rows);
        }
        int sel = vm.selectedLevelProperty().get();
        if (levels.getSelectionModel().getSelectedIndex() != sel) {
            if (sel >= 0 && sel < rows.size()) {
                levels.getSelectionModel().select(sel);
            } else {
                levels.getSelectionModel().clearSelection();
            }
        }
        PlanLevel level = p != null && sel >= 0 && sel < p.levels().size() ? p.levels().get(sel) : null;
        String label = level == null || level.label() == null ? "" : level.label();
        if (!Objects.equals(levelLabel.getUserData(), label)) { // refilled only when the level's label changed
            levelLabel.setUserData(label);
            levelLabel.setText(label);
        }
        VertebraFrame f = vm.measuredFrame(sel);
        if (level == null) {
            levelFrame.setText(p == null || p.levels().isEmpty()
                ? "No level yet: Propose needles (or Add level...) names one." : "");
        } else if (f == null) {
            levelFrame.setText(PlanEdits.levelName(level) + ": vertebra not measured yet (the check measures it)");
        } else {
            levelFrame.setText(PlanEdits.levelName(level) + " measured: axial rotation " + deg(f.axialRotationDeg())
                + ", coronal tilt " + deg(f.coronalTiltDeg()) + ", sagittal tilt " + deg(f.sagittalTiltDeg()));
        }
    }

    private boolean current(Plan p) {
        return p != null && vm.checkedPlanProperty().get() != null
            && vm.checkedPlanProperty().get().needles().equals(p.needles());
    }

    private String describeVerdicts(Plan p) {
        if (p == null || p.needles().isEmpty()) {
            return "No needles.";
        }
        if (!current(p)) {
            return "Checking...";
        }
        StringBuilder b = new StringBuilder();
        Map<String, NeedleSafety> s = vm.safetyProperty().get();
        for (Needle n : p.needles()) {
            NeedleSafety r = s.get(n.id());
            String where = " (" + PlanEdits.levelName(p.levelOf(n)) + ", " + n.route().jsonName() + ")";
            if (r == null) {
                b.append(n.id()).append(": NOT CHECKED (unsafe)").append(where).append('\n');
                continue;
            }
            b.append(n.id()).append(": ").append(notChecked(r) ? "NOT CHECKED (unsafe)"
                : r.verdict().word().toUpperCase(Locale.ROOT));
            if (!notChecked(r)) {
                b.append(Double.isNaN(r.canalDistanceMm()) ? "   canal not found"
                    : String.format(Locale.ROOT, "   canal %.1f mm", r.canalDistanceMm()));
                b.append(Double.isNaN(r.pedicleWidthMm()) ? "   pedicle not measured"
                    : String.format(Locale.ROOT, "   pedicle %.1f mm", r.pedicleWidthMm()));
            }
            b.append(where);
            if (r.breachWall() != null) {
                b.append("\n  breach: ").append(r.breachWall().jsonName()).append(" wall");
            }
            for (String reason : r.reasons()) {
                b.append("\n  - ").append(reason);
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    /** A verdict published for a needle the check could not judge ({@link NeedleSafety#notChecked}). */
    static boolean notChecked(NeedleSafety r) {
        return r.frame() == null && Double.isNaN(r.canalDistanceMm()) && r.reasons().size() == 1
            && r.reasons().get(0).startsWith("not checked");
    }

    /**
     * The style of the verdicts: the worst verdict of the shown needles, a needle without a verdict
     * counting as unsafe; "pending" while the check of the shown needles is not in.
     */
    private String worst(Plan p) {
        if (p == null || p.needles().isEmpty()) {
            return "none"; // nothing to judge: not green
        }
        if (!current(p)) {
            return "pending";
        }
        return worstVerdict(p.needles(), vm.safetyProperty().get()).word();
    }

    /** The worst verdict of these needles; a needle without a verdict is unsafe (never shown as safe). */
    static NeedleSafety.Verdict worstVerdict(List<Needle> needles, Map<String, NeedleSafety> verdicts) {
        NeedleSafety.Verdict w = NeedleSafety.Verdict.SAFE;
        for (Needle n : needles) {
            NeedleSafety s = verdicts.get(n.id());
            w = w.and(s == null ? NeedleSafety.Verdict.UNSAFE : s.verdict());
        }
        return w;
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

    /** Degrees to 0.1 with the sign symbol, never "-0.0". */
    private static String deg(double v) {
        return String.format(Locale.ROOT, "%.1f°", Math.round(v * 10) / 10.0 + 0.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
