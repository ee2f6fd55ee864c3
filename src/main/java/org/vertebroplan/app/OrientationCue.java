package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.transform.Transform;
import org.vertebroplan.geom.Vec3;

/**
 * The 3D orientation cue: the patient axes L, P, S (and their opposites R, A, I) drawn as a small 2D
 * gizmo in a corner of the viewport, projected with the camera's actual rotation (the camera node's
 * local-to-scene transform), so it always agrees with what the 3D view shows. Axis colours follow
 * the common convention of medical viewers (left/right red, posterior/anterior green,
 * superior/inferior blue). Labels have ids {@code cue-L}, {@code cue-P}, ... for tests.
 */
public final class OrientationCue extends Pane {

    private static final double SIZE = 110;
    private static final double ARM = 38;

    private record Axis(String letter, Vec3 lps, Color color, boolean primary) {
    }

    private static final List<Axis> AXES = List.of(
        new Axis("L", Vec3.X, Color.rgb(235, 80, 80), true),
        new Axis("R", Vec3.X.times(-1), Color.rgb(235, 80, 80), false),
        new Axis("P", Vec3.Y, Color.rgb(90, 210, 90), true),
        new Axis("A", Vec3.Y.times(-1), Color.rgb(90, 210, 90), false),
        new Axis("S", Vec3.Z, Color.rgb(100, 150, 255), true),
        new Axis("I", Vec3.Z.times(-1), Color.rgb(100, 150, 255), false));

    private final List<Line> lines = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final Point2D[] directions = new Point2D[AXES.size()];
    private final double[] depths = new double[AXES.size()];

    public OrientationCue() {
        setPrefSize(SIZE, SIZE);
        setMinSize(SIZE, SIZE);
        setMaxSize(SIZE, SIZE);
        setMouseTransparent(true);
        for (Axis a : AXES) {
            Line line = new Line();
            line.setStroke(a.color());
            line.setStrokeWidth(a.primary() ? 3 : 1);
            line.setOpacity(a.primary() ? 1 : 0.5);
            Label label = new Label(a.letter());
            label.setId("cue-" + a.letter());
            label.setTextFill(a.color());
            label.setStyle(a.primary() ? "-fx-font-weight: bold; -fx-font-size: 13px;" : "-fx-font-size: 10px;");
            lines.add(line);
            labels.add(label);
        }
        getChildren().addAll(lines);
        getChildren().addAll(labels);
        update(Transform.rotate(0, 0, 0));
    }

    /** Re-projects the axes for a camera-to-scene transform (only its rotation is used). */
    public void update(Transform cameraToScene) {
        Point3D right = cameraToScene.deltaTransform(1, 0, 0).normalize();
        Point3D down = cameraToScene.deltaTransform(0, 1, 0).normalize();
        Point3D forward = cameraToScene.deltaTransform(0, 0, 1).normalize();
        double c = SIZE / 2;
        for (int n = 0; n < AXES.size(); n++) {
            Point3D s = SceneAxes.toScene(AXES.get(n).lps());
            directions[n] = new Point2D(s.dotProduct(right), s.dotProduct(down));
            depths[n] = s.dotProduct(forward);
            Line line = lines.get(n);
            line.setStartX(c);
            line.setStartY(c);
            line.setEndX(c + ARM * directions[n].getX());
            line.setEndY(c + ARM * directions[n].getY());
            Label label = labels.get(n);
            label.setLayoutX(c + (ARM + 9) * directions[n].getX() - 5);
            label.setLayoutY(c + (ARM + 9) * directions[n].getY() - 9);
        }
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < AXES.size(); n++) {
            order.add(n);
        }
        order.sort(Comparator.comparingDouble((Integer n) -> -depths[n])); // far first, near drawn on top
        for (int n : order) {
            lines.get(n).toFront();
            labels.get(n).toFront();
        }
    }

    /**
     * Screen direction (x right, y down, unit length when the axis lies in the view plane) of a
     * patient axis letter (L, R, P, A, S, I) for the last camera.
     */
    public Point2D screenDirection(String letter) {
        for (int n = 0; n < AXES.size(); n++) {
            if (AXES.get(n).letter().equals(letter)) {
                return directions[n];
            }
        }
        throw new IllegalArgumentException("no axis " + letter);
    }
}
