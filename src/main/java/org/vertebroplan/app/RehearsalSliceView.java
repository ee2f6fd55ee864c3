package org.vertebroplan.app;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A slice of the CT at the end of a rehearsal with needles drawn in their own colours (the reference
 * plan's and the trainee's side by side): each needle projected onto the plane (solid, a dot at the
 * tip, a square at the entry) and a ring where it crosses the plane. Any plane ({@link SliceGeometry}:
 * a standard one or the view along a needle), bone window, the patient sides at the edges.
 */
final class RehearsalSliceView extends StackPane {

    /** A needle to draw: from its entry to its tip. */
    record Segment(String id, Vec3 entryLps, Vec3 tipLps, Color color) {
    }

    private final Volume ct;
    private final Canvas canvas = new Canvas();
    private final Label title = new Label();
    private final Label[] edges = {new Label(), new Label(), new Label(), new Label()};
    private SliceGeometry geometry;
    private double position;
    private WritableImage image;
    private List<Segment> segments = List.of();
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    RehearsalSliceView(Volume ct, String id) {
        this.ct = ct;
        setId(id);
        setStyle("-fx-background-color: black;");
        Pane holder = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
                redraw();
            }
        };
        holder.setMinSize(0, 0);
        holder.setPrefSize(300, 300);
        title.getStyleClass().add("view-title");
        getChildren().addAll(holder, title);
        setAlignment(title, Pos.TOP_LEFT);
        setMargin(title, new Insets(4, 6, 4, 6));
        Pos[] where = {Pos.CENTER_LEFT, Pos.CENTER_RIGHT, Pos.TOP_CENTER, Pos.BOTTOM_CENTER};
        for (int i = 0; i < 4; i++) {
            edges[i].getStyleClass().add("orientation-label");
            edges[i].setMouseTransparent(true);
            getChildren().add(edges[i]);
            setAlignment(edges[i], where[i]);
            setMargin(edges[i], new Insets(i == 2 ? 24 : 4, 8, 4, 8));
        }
        setMinSize(0, 0);
    }

    /** Shows the plane {@code g} at {@code normalPosition} with these needles. */
    void show(SliceGeometry g, double normalPosition, String text, List<Segment> needles) {
        geometry = g;
        position = normalPosition;
        segments = List.copyOf(needles);
        title.setText(text);
        String[] letters = {NeedlePlanes.letters(g.right().times(-1)), NeedlePlanes.letters(g.right()),
            NeedlePlanes.letters(g.down().times(-1)), NeedlePlanes.letters(g.down())};
        for (int i = 0; i < 4; i++) {
            edges[i].setText(letters[i]);
        }
        int[] argb = SliceRenderer.render(ct, g, normalPosition, WindowLevel.BONE);
        image = new WritableImage(g.width(), g.height());
        image.getPixelWriter().setPixels(0, 0, g.width(), g.height(), PixelFormat.getIntArgbInstance(), argb, 0,
            g.width());
        redraw();
    }

    private void redraw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.setFill(Color.BLACK);
        gc.fillRect(0, 0, w, h);
        if (image == null || w <= 0 || h <= 0) {
            return;
        }
        scale = Math.min(w / image.getWidth(), h / image.getHeight());
        offsetX = (w - image.getWidth() * scale) / 2;
        offsetY = (h - image.getHeight() * scale) / 2;
        gc.drawImage(image, offsetX, offsetY, image.getWidth() * scale, image.getHeight() * scale);
        for (Segment s : segments) {
            Point2D e = viewPoint(s.entryLps());
            Point2D t = viewPoint(s.tipLps());
            gc.setStroke(s.color());
            gc.setFill(s.color());
            gc.setLineWidth(2);
            gc.strokeLine(e.getX(), e.getY(), t.getX(), t.getY());
            gc.fillOval(t.getX() - 3.5, t.getY() - 3.5, 7, 7);
            gc.strokeRect(e.getX() - 4, e.getY() - 4, 8, 8);
            double de = geometry.normalPositionOf(s.entryLps()) - position;
            double dt = geometry.normalPositionOf(s.tipLps()) - position;
            if ((de != 0 || dt != 0) && de * dt <= 0) {
                Point2D x = viewPoint(s.entryLps().lerp(s.tipLps(), de / (de - dt)));
                gc.strokeOval(x.getX() - 7, x.getY() - 7, 14, 14);
            }
        }
    }

    /** The canvas point of an LPS point projected on the plane. */
    Point2D viewPoint(Vec3 lps) {
        double[] uv = geometry.pixelOf(lps);
        return new Point2D(offsetX + (uv[0] + 0.5) * scale, offsetY + (uv[1] + 0.5) * scale);
    }

    Canvas canvas() {
        return canvas;
    }

    String title() {
        return title.getText();
    }
}
