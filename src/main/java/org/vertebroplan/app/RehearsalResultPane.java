package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.BreachEvent;
import org.vertebroplan.rehearsal.NeedleScore;

/**
 * The end of a rehearsal: the score (0-100, {@code rehearsal.Scorer}), the attempt's numbers (mode,
 * shots and those before the entry was found, dose, time), per needle the entry, tip, angle and depth
 * errors against the plan and the safety check of where it ended, the reference needles missed and the
 * extra ones, the breaches found on the way, and the attempt file. Shown in 3D (bone, the plan's
 * needles and the trainee's in two colours) and in three slices through the trainee's needle chosen
 * in the list: along it, axial and sagittal through its tip, both needles drawn.
 */
public final class RehearsalResultPane extends BorderPane {

    /** The surgeon's (reference) needles. */
    public static final Color PLAN_COLOR = Color.rgb(80, 220, 110);
    /** The trainee's needles. */
    public static final Color ATTEMPT_COLOR = Color.rgb(255, 80, 210);

    private final RehearsalOutcome outcome;
    private final RehearsalView3D view3d;
    private final RehearsalSliceView along;
    private final RehearsalSliceView axial;
    private final RehearsalSliceView sagittal;
    private final ChoiceBox<String> pair = new ChoiceBox<>();

    RehearsalResultPane(RehearsalOutcome outcome, Runnable onHistory, Runnable onBack) {
        this.outcome = outcome;
        setId("rehearsal-result");
        LoadedCase c = outcome.loaded();
        view3d = new RehearsalView3D(c, false, true, "3D: plan (green) and yours (magenta)");
        List<RehearsalView3D.Rod> rods = new ArrayList<>();
        Vec3 centre = Vec3.ZERO;
        for (Needle n : outcome.reference().needles()) {
            rods.add(new RehearsalView3D.Rod("plan-" + n.id(), n.entryLps(), n.targetLps(), n.diameterMm() / 2,
                PLAN_COLOR));
            centre = centre.plus(n.targetLps());
        }
        for (Needle n : outcome.attempt().plan().needles()) {
            rods.add(new RehearsalView3D.Rod("attempt-" + n.id(), n.entryLps(), n.targetLps(), n.diameterMm() / 2,
                ATTEMPT_COLOR));
        }
        view3d.setRods(rods);
        view3d.frame(centre.times(1.0 / outcome.reference().needles().size()), 90,
            ViewDirection.POSTERIOR.azimuthDeg(), ViewDirection.POSTERIOR.elevationDeg());
        along = new RehearsalSliceView(c.volume(), "result-along");
        axial = new RehearsalSliceView(c.volume(), "result-axial");
        sagittal = new RehearsalSliceView(c.volume(), "result-sagittal");

        GridPane views = new GridPane();
        views.setHgap(2);
        views.setVgap(2);
        views.setStyle("-fx-background-color: #101216;");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints col = new ColumnConstraints();
            col.setPercentWidth(50);
            views.getColumnConstraints().add(col);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            views.getRowConstraints().add(row);
        }
        views.add(view3d, 0, 0);
        views.add(along, 1, 0);
        views.add(axial, 0, 1);
        views.add(sagittal, 1, 1);
        setCenter(views);
        setTop(header());
        ScrollPane side = new ScrollPane(panel(onHistory, onBack));
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(400);
        setRight(side);

        List<String> ids = new ArrayList<>();
        outcome.score().needles().forEach(n -> ids.add(n.referenceId()));
        ids.addAll(outcome.score().missing());
        pair.setItems(FXCollections.observableArrayList(ids));
        pair.valueProperty().addListener((o, a, id) -> showSlices(id));
        if (!ids.isEmpty()) {
            pair.setValue(ids.get(0));
        }
    }

    private HBox header() {
        Label score = new Label(String.format(Locale.ROOT, "Score %.1f / 100", outcome.score().score()));
        score.setId("rehearsal-score");
        score.setStyle("-fx-font-size: 20px; -fx-font-weight: bold; -fx-text-fill: #ffd54f;");
        Attempt a = outcome.attempt();
        Label summary = new Label(String.format(Locale.ROOT, "%s: %d shots (%d to find the entry), %.1f mGy, %s",
            a.mode().jsonName(), a.shots().size(), outcome.shotsBeforeEntry(), a.doseMGy(),
            RehearsalViewModel.clock(a.durationSeconds())));
        summary.setId("rehearsal-summary");
        summary.setStyle("-fx-font-size: 14px;");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox h = new HBox(18, score, summary, spacer, legend("plan", PLAN_COLOR), legend("yours", ATTEMPT_COLOR));
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(6, 8, 6, 8));
        h.setStyle("-fx-background-color: #1b1e23;");
        return h;
    }

    private static HBox legend(String text, Color color) {
        HBox b = new HBox(4, new Rectangle(18, 4, color), new Label(text));
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private VBox panel(Runnable onHistory, Runnable onBack) {
        VBox p = new VBox(6);
        p.setId("result-panel");
        p.setPadding(new Insets(8));
        GridPane table = new GridPane();
        table.setId("result-needles");
        table.setHgap(8);
        table.setVgap(3);
        String[] head = {"needle", "entry", "tip", "angle", "depth", "check", "score"};
        for (int i = 0; i < head.length; i++) {
            Label l = new Label(head[i]);
            l.setStyle("-fx-font-weight: bold;");
            table.add(l, i, 0);
        }
        int row = 1;
        for (NeedleScore n : outcome.score().needles()) {
            NeedleSafety s = n.safety();
            String check = s == null ? "-" : s.verdict().word() + (s.breach() && s.breachWall() != null
                ? " (" + s.breachWall().jsonName() + ")" : "");
            String[] cells = {n.referenceId(), mm(n.entryErrorMm()), mm(n.targetErrorMm()),
                String.format(Locale.ROOT, "%.1f\u00b0", n.angleErrorDeg()),
                String.format(Locale.ROOT, "%+.1f mm", n.depthErrorMm()), check,
                String.format(Locale.ROOT, "%.1f", n.score())};
            for (int i = 0; i < cells.length; i++) {
                Label l = new Label(cells[i]);
                l.setId("result-" + n.referenceId() + "-" + head[i]);
                table.add(l, i, row);
            }
            row++;
        }
        p.getChildren().addAll(Controls.section("Against the plan"), table,
            Controls.caption("Entry and tip: distance to the plan's; angle: between the two directions; depth: yours"
                + " minus the plan's. An unsafe needle keeps half its score; a missing one scores 0."));
        for (String id : outcome.score().missing()) {
            p.getChildren().add(warning("missing-" + id, "Missing: the plan's " + id + " needle was not placed (0)"));
        }
        for (String id : outcome.score().extra()) {
            p.getChildren().add(new Label("Extra needle (not scored): " + id));
        }
        for (NeedleScore n : outcome.score().needles()) {
            if (n.safety() != null && !n.safety().reasons().isEmpty()) {
                Label why = Controls.caption(n.attemptId() + ": " + String.join("; ", n.safety().reasons()));
                p.getChildren().add(why);
            }
        }
        p.getChildren().add(Controls.section("Breaches on the way"));
        List<BreachEvent> breaches = outcome.attempt().breaches();
        Label list = new Label(breaches.isEmpty() ? "None: no needle left the bone or reached the canal on the way."
            : String.join("\n", breaches.stream().map(b -> String.format(Locale.ROOT, "%s at %s: %s wall at %.0f mm",
                b.needleId(), RehearsalViewModel.clock(b.atSeconds()), b.wall(), b.depthMm())).toList()));
        list.setId("breaches-on-the-way");
        list.setWrapText(true);
        p.getChildren().add(list);
        p.getChildren().add(Controls.section("Attempt file"));
        Label file = new Label(outcome.file() != null ? "Saved: " + outcome.file()
            : "Not saved: " + outcome.saveError());
        file.setId("attempt-file");
        file.setWrapText(true);
        p.getChildren().add(file);
        pair.setId("result-needle");
        p.getChildren().addAll(Controls.section("Slices through"), pair);
        Button history = Controls.button("show-history", "Attempt history", onHistory);
        Button back = Controls.button("back-to-planning", "Back to planning", onBack);
        p.getChildren().add(new HBox(6, history, back));
        return p;
    }

    private static Label warning(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #ffb74d;");
        return l;
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.1f mm", v);
    }

    /** The three slices through the trainee's needle matched to this reference needle (else the plan's). */
    private void showSlices(String referenceId) {
        if (referenceId == null) {
            return;
        }
        Needle ref = outcome.reference().needle(referenceId);
        Needle mine = outcome.score().needles().stream().filter(n -> n.referenceId().equals(referenceId))
            .map(n -> outcome.attempt().plan().needle(n.attemptId())).findFirst().orElse(null);
        Needle through = mine != null ? mine : ref;
        List<RehearsalSliceView.Segment> segments = new ArrayList<>();
        for (Needle n : outcome.reference().needles()) {
            segments.add(new RehearsalSliceView.Segment("plan-" + n.id(), n.entryLps(), n.targetLps(), PLAN_COLOR));
        }
        for (Needle n : outcome.attempt().plan().needles()) {
            segments.add(new RehearsalSliceView.Segment("attempt-" + n.id(), n.entryLps(), n.targetLps(),
                ATTEMPT_COLOR));
        }
        var ct = outcome.loaded().volume();
        String whose = mine != null ? "your " + mine.id() : "the plan's " + ref.id();
        SliceGeometry g = NeedlePlanes.along(ct, through, AngleFrame.PATIENT, 0);
        along.show(g, g.normalMin(), "Along " + whose + " needle", segments);
        Vec3 tip = through.targetLps();
        SliceGeometry ax = SliceGeometry.of(ct, SliceOrientation.AXIAL);
        axial.show(ax, ax.normalPositionOf(tip), String.format(Locale.ROOT, "Axial through %s tip, z = %.1f mm", whose,
            tip.z()), segments);
        SliceGeometry sag = SliceGeometry.of(ct, SliceOrientation.SAGITTAL);
        sagittal.show(sag, sag.normalPositionOf(tip), String.format(Locale.ROOT, "Sagittal through %s tip, x = %.1f mm",
            whose, tip.x()), segments);
    }

    public RehearsalOutcome outcome() {
        return outcome;
    }

    RehearsalView3D view3d() {
        return view3d;
    }

    RehearsalSliceView along() {
        return along;
    }

    RehearsalSliceView axial() {
        return axial;
    }

    RehearsalSliceView sagittal() {
        return sagittal;
    }
}
