package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.AttemptMode;

/**
 * The window during a rehearsal (view of {@link RehearsalViewModel}): a header with the mode, the shot
 * count, the dose and the running time, Finish and Abandon; the C-arm's monitor ({@link FluoroMonitor})
 * and the view of the patient's back ({@link RehearsalView3D}: skin, needles' steel, the beam); on the
 * right the level, the needle (left/right, its depth and angles), the steps to turn and advance it,
 * the guide (template mode), the C-arm (orbital and angular sliders, AP/lateral/oblique, the table)
 * and the shot button. The plan is nowhere: the trainee sees the CT only through shots.
 *
 * <p>Keys (anywhere in the window): arrows turn the needle 1 degree (cranial, caudal, lateral,
 * medial; with Shift 0.25), W/S or Page Up/Down advance and withdraw 1 mm (Shift: 5 mm), X or Space
 * takes a shot, 1/2 picks the left/right needle, A/L/O put the C-arm in AP, lateral or oblique, Q/E
 * turn it 5 degrees orbitally, R/F angle it 5 degrees cranially/caudally, Home/End move the table
 * 10 mm (the C-arm's centre cranially/caudally), G seats the guide.
 */
public final class RehearsalPane extends BorderPane {

    /** Orbital and angular step of the keys, degrees. */
    static final double CARM_STEP_DEG = 5;
    /** Table step of the keys, mm. */
    static final double TABLE_STEP_MM = 10;

    /** The view of the back: from behind the patient's right shoulder, as from the table's side. */
    static final double OUTSIDE_AZIMUTH_DEG = 155;
    static final double OUTSIDE_ELEVATION_DEG = -12;
    /** How much of the patient the view of the back frames around the level, mm (the body's outline and the needle's hub in sight). */
    static final double OUTSIDE_RADIUS_MM = 220;

    private final RehearsalViewModel vm;
    private final FluoroMonitor monitor;
    private final RehearsalView3D outside;
    private final Button finish;
    private final Button abandon;

    RehearsalPane(RehearsalViewModel vm, String caseLabel) {
        this.vm = vm;
        setId("rehearsal-pane");
        monitor = new FluoroMonitor(vm);
        LoadedCase c = vm.loadedCase();
        outside = new RehearsalView3D(c, true, false, "The patient's back");
        outside.frame(vm.session().levelCentre(vm.levelProperty().get()), OUTSIDE_RADIUS_MM, OUTSIDE_AZIMUTH_DEG,
            OUTSIDE_ELEVATION_DEG);
        outside.setOnSkinPicked(vm::markEntryOnSkin);
        Runnable steel = () -> {
            List<RehearsalView3D.Rod> rods = new ArrayList<>();
            for (RehearsalNeedle n : vm.needlesProperty().get()) {
                org.vertebroplan.plan.Needle rod = n.rod(vm.session().idOf(n));
                boolean current = n.side() == vm.sideProperty().get();
                rods.add(new RehearsalView3D.Rod(rod.id(), rod.entryLps(), rod.targetLps(), n.diameterMm() / 2,
                    current ? Color.rgb(225, 230, 240) : Color.rgb(150, 155, 165)));
            }
            outside.setRods(rods);
            outside.setCArm(vm.carm());
        };
        vm.needlesProperty().addListener((o, a, b) -> steel.run());
        vm.sideProperty().addListener((o, a, b) -> steel.run());
        vm.carmInfoProperty().addListener((o, a, b) -> steel.run());
        steel.run();

        finish = Controls.button("finish-rehearsal", "Finish", vm::finish);
        finish.disableProperty().bind(vm.finishingProperty());
        abandon = new Button("Abandon");
        abandon.setId("abandon-rehearsal");
        setTop(header(caseLabel));
        GridPane views = new GridPane();
        views.setId("rehearsal-views");
        views.setHgap(2);
        ColumnConstraints a = new ColumnConstraints();
        a.setPercentWidth(58);
        ColumnConstraints b = new ColumnConstraints();
        b.setPercentWidth(42);
        views.getColumnConstraints().addAll(a, b);
        RowConstraints row = new RowConstraints();
        row.setPercentHeight(100);
        row.setVgrow(Priority.ALWAYS);
        views.getRowConstraints().add(row);
        views.add(monitor, 0, 0);
        views.add(outside, 1, 0);
        views.setStyle("-fx-background-color: #101216;");
        setCenter(views);
        ScrollPane side = new ScrollPane(panel());
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(320);
        setRight(side);
        Label message = new Label();
        message.setId("rehearsal-message");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(3, 8, 3, 8));
        message.setMaxWidth(Double.MAX_VALUE);
        message.setStyle("-fx-background-color: #1b1e23;");
        setBottom(message);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        monitor.setFocusTraversable(true);
    }

    private HBox header(String caseLabel) {
        Label title = new Label(String.format(Locale.ROOT, "Rehearsal: %s, %s%s", caseLabel,
            vm.mode() == AttemptMode.TEMPLATE ? "template-guided" : "freehand",
            vm.trainee() == null ? "" : ", " + vm.trainee()));
        title.setId("rehearsal-title");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        Label shots = new Label();
        shots.setId("shot-count");
        shots.textProperty().bind(Bindings.format("Shots: %d", vm.shotCountProperty()));
        Label dose = new Label();
        dose.setId("dose");
        dose.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "Dose: %.1f mGy",
            vm.doseProperty().get()), vm.doseProperty()));
        Label time = new Label();
        time.setId("elapsed");
        time.textProperty().bind(Bindings.concat("Time: ", vm.elapsedProperty()));
        for (Label l : List.of(shots, dose, time)) {
            l.setStyle("-fx-font-size: 14px; -fx-text-fill: #ffd54f;");
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox h = new HBox(18, title, shots, dose, time, spacer, finish, abandon);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(6, 8, 6, 8));
        h.setStyle("-fx-background-color: #1b1e23;");
        return h;
    }

    private VBox panel() {
        VBox p = new VBox(5);
        p.setId("rehearsal-panel");
        p.setPadding(new Insets(8));

        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList(vm.levels()));
        level.setId("rehearsal-level");
        level.setValue(vm.levelProperty().get());
        level.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectLevel(b);
            }
        });
        level.setFocusTraversable(false);

        ToggleGroup sides = new ToggleGroup();
        ToggleButton left = new ToggleButton("Left needle (1)");
        left.setId("rehearsal-left");
        ToggleButton right = new ToggleButton("Right needle (2)");
        right.setId("rehearsal-right");
        left.setToggleGroup(sides);
        right.setToggleGroup(sides);
        left.setSelected(true);
        left.setOnAction(e -> vm.selectSide(Side.LEFT));
        right.setOnAction(e -> vm.selectSide(Side.RIGHT));
        vm.sideProperty().addListener((o, a, s) -> (s == Side.LEFT ? left : right).setSelected(true));
        Label info = new Label();
        info.setId("rehearsal-needle");
        info.setWrapText(true);
        info.textProperty().bind(vm.needleInfoProperty());

        GridPane steps = new GridPane();
        steps.setHgap(4);
        steps.setVgap(4);
        boolean template = vm.mode() == AttemptMode.TEMPLATE;
        Button up = step("tilt-cranial", "Cranial (\u2191)", () -> vm.tilt(RehearsalSession.ANGLE_STEP_DEG, 0));
        Button down = step("tilt-caudal", "Caudal (\u2193)", () -> vm.tilt(-RehearsalSession.ANGLE_STEP_DEG, 0));
        Button lateral = step("tilt-lateral", "Lateral (\u2190)", () -> vm.tilt(0, -RehearsalSession.ANGLE_STEP_DEG));
        Button medial = step("tilt-medial", "Medial (\u2192)", () -> vm.tilt(0, RehearsalSession.ANGLE_STEP_DEG));
        for (Button b : List.of(up, down, lateral, medial)) {
            b.setDisable(template);
        }
        steps.addRow(0, up, down);
        steps.addRow(1, lateral, medial);
        steps.addRow(2, step("advance", "Advance 1 mm (W)", () -> vm.advance(RehearsalSession.ADVANCE_STEP_MM)),
            step("advance-5", "+5 mm", () -> vm.advance(5 * RehearsalSession.ADVANCE_STEP_MM)));
        steps.addRow(3, step("withdraw", "Withdraw 1 mm (S)", () -> vm.advance(-RehearsalSession.ADVANCE_STEP_MM)),
            step("withdraw-5", "-5 mm", () -> vm.advance(-5 * RehearsalSession.ADVANCE_STEP_MM)));
        p.getChildren().addAll(Controls.section("Level"), level, Controls.section("Needle"), new HBox(4, left, right),
            info, steps);
        if (template) {
            Button seat = step("seat-guide", "Seat the guide (G)", vm::seatGuide);
            seat.disableProperty().bind(vm.guideSeatedProperty());
            p.getChildren().add(seat);
            p.getChildren().add(Controls.caption("Seated, the guide holds each needle on its sleeve's axis: only its"
                + " depth is yours."));
        } else {
            p.getChildren().add(Controls.caption("Mark the entry: click a point of an AP or oblique shot (the skin of"
                + " the back under it), or click the skin in the view of the back."));
        }

        Slider orbital = slider("orbital", -RehearsalSession.MAX_ORBITAL_DEG, RehearsalSession.MAX_ORBITAL_DEG);
        orbital.valueProperty().bindBidirectional(vm.orbitalProperty());
        Slider angular = slider("angular", -RehearsalSession.MAX_ANGULAR_DEG, RehearsalSession.MAX_ANGULAR_DEG);
        angular.valueProperty().bindBidirectional(vm.angularProperty());
        Label carm = new Label();
        carm.setId("carm-info");
        carm.setWrapText(true);
        carm.textProperty().bind(vm.carmInfoProperty());
        HBox presets = new HBox(4, step("preset-ap", "AP (A)", () -> vm.preset("ap")),
            step("preset-lateral", "Lateral (L)", () -> vm.preset("lateral")),
            step("preset-oblique", "Oblique (O)", () -> vm.preset("oblique")));
        HBox table = new HBox(4, step("table-cranial", "Centre cranially (Home)", () -> vm.moveTable(TABLE_STEP_MM)),
            step("table-caudal", "caudally (End)", () -> vm.moveTable(-TABLE_STEP_MM)));
        Button shot = step("take-shot", "Take shot (X)", vm::takeShot);
        shot.setMaxWidth(Double.MAX_VALUE);
        shot.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        p.getChildren().addAll(Controls.section("C-arm"), new Label("Orbital (Q/E)"), orbital,
            new Label("Angular (R/F)"), angular, carm, presets, table, shot,
            Controls.caption("Keys: arrows turn the needle 1\u00b0 (Shift 0.25\u00b0), W/S advance and withdraw 1 mm"
                + " (Shift 5 mm), X or Space takes a shot, 1/2 pick the needle, A/L/O put the C-arm in AP, lateral or"
                + " oblique, Q/E and R/F turn it 5\u00b0, Home/End move its centre 10 mm"
                + (template ? ", G seats the guide." : ".")));
        return p;
    }

    private static Button step(String id, String text, Runnable action) {
        Button b = Controls.button(id, text, action);
        b.setFocusTraversable(false);
        return b;
    }

    private static Slider slider(String id, double min, double max) {
        Slider s = new Slider(min, max, 0);
        s.setId(id);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        s.setMajorTickUnit(45);
        s.setBlockIncrement(CARM_STEP_DEG);
        s.setFocusTraversable(false);
        return s;
    }

    /** The rehearsal's keys (see the class comment); consumed when used. */
    private void key(KeyEvent e) {
        double angle = e.isShiftDown() ? RehearsalSession.ANGLE_STEP_DEG / 4 : RehearsalSession.ANGLE_STEP_DEG;
        double mm = e.isShiftDown() ? 5 * RehearsalSession.ADVANCE_STEP_MM : RehearsalSession.ADVANCE_STEP_MM;
        KeyCode k = e.getCode();
        switch (k) {
            case UP -> vm.tilt(angle, 0);
            case DOWN -> vm.tilt(-angle, 0);
            case LEFT -> vm.tilt(0, -angle);
            case RIGHT -> vm.tilt(0, angle);
            case W, PAGE_UP -> vm.advance(mm);
            case S, PAGE_DOWN -> vm.advance(-mm);
            case X, SPACE -> vm.takeShot();
            case DIGIT1 -> vm.selectSide(Side.LEFT);
            case DIGIT2 -> vm.selectSide(Side.RIGHT);
            case A -> vm.preset("ap");
            case L -> vm.preset("lateral");
            case O -> vm.preset("oblique");
            case Q -> vm.orbitalProperty().set(vm.orbitalProperty().get() - CARM_STEP_DEG);
            case E -> vm.orbitalProperty().set(vm.orbitalProperty().get() + CARM_STEP_DEG);
            case R -> vm.angularProperty().set(vm.angularProperty().get() + CARM_STEP_DEG);
            case F -> vm.angularProperty().set(vm.angularProperty().get() - CARM_STEP_DEG);
            case HOME -> vm.moveTable(TABLE_STEP_MM);
            case END -> vm.moveTable(-TABLE_STEP_MM);
            case G -> vm.seatGuide();
            default -> {
                return;
            }
        }
        e.consume();
    }

    public RehearsalViewModel viewModel() {
        return vm;
    }

    FluoroMonitor monitor() {
        return monitor;
    }

    RehearsalView3D outside() {
        return outside;
    }

    Button abandonButton() {
        return abandon;
    }
}
