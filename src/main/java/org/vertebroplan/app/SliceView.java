package org.vertebroplan.app;

import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * One slice view: the slice image of a {@link SliceViewModel} drawn on a canvas (aspect kept,
 * centred), the crosshair lines, the plane's title and the patient-side labels at the four edges
 * (radiological convention, see {@link SliceOrientation}), and the plan: each needle's projection
 * (dashed, in its side's colour, dot at the target) with a ring where it crosses the slice, and the
 * skin markers within 3 mm of the slice. Click or drag with the left button to move the crosshair;
 * the wheel steps through slices; right-drag adjusts the window (width left/right, level up/down). Label ids: {@code label-left},
 * {@code label-right}, {@code label-top}, {@code label-bottom}.
 */
public final class SliceView extends StackPane {

    private static final Color CROSSHAIR = Color.rgb(255, 220, 0, 0.8);
    /** Where the safety check found a breach. */
    private static final Color BREACH = Color.rgb(255, 60, 60);

    private final SliceViewModel vm;
    private final Canvas canvas = new Canvas();
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    /** Grab radius for needle ends and markers, in screen pixels. */
    private static final double GRAB_PX = 8;
    private SliceViewModel.Handle dragging;
    private boolean placing;
    private double lastX;
    private double lastY;

    public SliceView(SliceViewModel vm) {
        this.vm = vm;
        setId("slice-" + vm.viewName());
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
        Label title = new Label();
        title.getStyleClass().add("view-title");
        title.textProperty().bind(vm.titleProperty());
        getChildren().addAll(holder, title,
            edgeLabel("label-left", 0, Pos.CENTER_LEFT), edgeLabel("label-right", 1, Pos.CENTER_RIGHT),
            edgeLabel("label-top", 2, Pos.TOP_CENTER), edgeLabel("label-bottom", 3, Pos.BOTTOM_CENTER));
        setAlignment(title, Pos.TOP_LEFT);
        setMargin(title, new Insets(4, 6, 4, 6));
        setMinSize(0, 0);
        canvas.setOnMousePressed(e -> {
            lastX = e.getX();
            lastY = e.getY();
            if (!press(e)) {
                select(e);
            }
        });
        canvas.setOnMouseDragged(e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                vm.adjustWindow(e.getX() - lastX, e.getY() - lastY);
            }
            lastX = e.getX();
            lastY = e.getY();
            if (dragging != null) {
                double[] uv = toImagePixel(e.getX(), e.getY());
                vm.dragHandle(dragging, uv[0], uv[1]);
            } else if (!placing) {
                select(e);
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (dragging != null) {
                vm.endDrag(dragging);
                dragging = null;
            }
            placing = false;
        });
        setOnScroll(e -> vm.scroll(e.getDeltaY() > 0 ? 1 : e.getDeltaY() < 0 ? -1 : 0));
        vm.imageProperty().addListener((obs, old, img) -> redraw());
        vm.geometryProperty().addListener((obs, old, g) -> redraw());
        vm.main().crosshairProperty().addListener((obs, old, p) -> redraw());
        vm.main().planProperty().addListener((obs, old, p) -> redraw());
        vm.safetyListeners(this::redraw);
    }

    private Label edgeLabel(String id, int edge, Pos pos) {
        Label l = new Label();
        l.textProperty().bind(vm.edgeLabelProperty(edge));
        l.setId(id);
        l.getStyleClass().add("orientation-label");
        l.setMouseTransparent(true);
        setAlignment(l, pos);
        // the top letter sits below the title line, so a long title never hides it
        setMargin(l, new Insets(pos == Pos.TOP_CENTER ? 24 : 4, 8, 4, 8));
        return l;
    }

    /**
     * Planning on a left press: grab a needle end or marker within {@value #GRAB_PX} screen pixels
     * (Shift deletes a grabbed marker), or place a marker in placing mode. True when it was used.
     */
    private boolean press(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || vm.imageProperty().get() == null) {
            return false;
        }
        double[] uv = toImagePixel(e.getX(), e.getY());
        SliceViewModel.Handle h = vm.hit(uv[0], uv[1], GRAB_PX / scale);
        if (h != null && h.kind() == SliceViewModel.Handle.Kind.MARKER && e.isShiftDown()) {
            vm.deleteMarker(h.id());
            placing = true; // no crosshair moves until release
            return true;
        }
        if (h != null) {
            dragging = h;
            return true;
        }
        if (vm.placingMarkers()) {
            vm.placeMarker(uv[0], uv[1]);
            placing = true;
            return true;
        }
        return false;
    }

    private void select(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && vm.imageProperty().get() != null) {
            double[] uv = toImagePixel(e.getX(), e.getY());
            vm.select(uv[0], uv[1]);
        }
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, w, h);
        Image img = vm.imageProperty().get();
        if (img == null || w <= 0 || h <= 0) {
            return;
        }
        scale = Math.min(w / img.getWidth(), h / img.getHeight());
        offsetX = (w - img.getWidth() * scale) / 2;
        offsetY = (h - img.getHeight() * scale) / 2;
        g.drawImage(img, offsetX, offsetY, img.getWidth() * scale, img.getHeight() * scale);
        double[] c = vm.crosshairPixel();
        if (c != null) {
            Point2D p = toViewPoint(c[0], c[1]);
            g.setStroke(CROSSHAIR);
            g.setLineWidth(1);
            double gap = 6;
            g.strokeLine(offsetX, p.getY(), p.getX() - gap, p.getY());
            g.strokeLine(p.getX() + gap, p.getY(), offsetX + img.getWidth() * scale, p.getY());
            g.strokeLine(p.getX(), offsetY, p.getX(), p.getY() - gap);
            g.strokeLine(p.getX(), p.getY() + gap, p.getX(), offsetY + img.getHeight() * scale);
        }
        drawPlan(g);
    }

    /** Needles (projection thin and dashed, crossing point as a ring) and nearby skin markers. */
    private void drawPlan(GraphicsContext g) {
        for (SliceViewModel.NeedleMark n : vm.needleMarks()) {
            Color c = n.left() ? Viewport3DView.LEFT_NEEDLE_COLOR : Viewport3DView.RIGHT_NEEDLE_COLOR;
            Point2D e = toViewPoint(n.entry()[0], n.entry()[1]);
            Point2D t = toViewPoint(n.target()[0], n.target()[1]);
            if (n.followed() && vm.needleKind() != null) {
                drawFollowed(g, n, c, e, t);
                continue;
            }
            g.setStroke(c);
            g.setLineWidth(1.5);
            g.setLineDashes(6, 4);
            g.strokeLine(e.getX(), e.getY(), t.getX(), t.getY());
            g.setLineDashes();
            g.setFill(c);
            g.fillOval(t.getX() - 3, t.getY() - 3, 6, 6);
            g.setLineWidth(1.5);
            g.strokeRect(e.getX() - 4, e.getY() - 4, 8, 8); // the entry: a handle to drag
            if (n.crossing() != null) {
                Point2D x = toViewPoint(n.crossing()[0], n.crossing()[1]);
                g.setLineWidth(2);
                g.strokeOval(x.getX() - 6, x.getY() - 6, 12, 12);
            }
        }
        g.setStroke(BREACH);
        g.setFill(BREACH);
        g.setLineWidth(2.5);
        for (SliceViewModel.BreachMark b : vm.breachMarks()) {
            Point2D p = toViewPoint(b.at()[0], b.at()[1]);
            g.strokeLine(p.getX() - 6, p.getY() - 6, p.getX() + 6, p.getY() + 6);
            g.strokeLine(p.getX() - 6, p.getY() + 6, p.getX() + 6, p.getY() - 6);
            g.fillText(b.id() + " breach" + (b.wall() == null ? "" : " (" + b.wall() + ")"), p.getX() + 8,
                p.getY() + 14);
        }
        g.setStroke(Viewport3DView.MARKER_COLOR);
        g.setLineWidth(2);
        for (SliceViewModel.MarkerMark m : vm.markerMarks()) {
            Point2D p = toViewPoint(m.at()[0], m.at()[1]);
            g.strokeOval(p.getX() - 7, p.getY() - 7, 14, 14);
            g.setFill(Viewport3DView.MARKER_COLOR);
            g.fillText(m.id(), p.getX() + 9, p.getY() - 6);
        }
    }

    /**
     * The needle a needle view follows: along it, the needle itself (its width to scale, translucent,
     * with its axis, the target dot and the entry handle); across it, a circle of its diameter.
     */
    private void drawFollowed(GraphicsContext g, SliceViewModel.NeedleMark n, Color c, Point2D e, Point2D t) {
        double r = Math.max(1.5, n.radiusPx() * scale);
        g.setLineDashes();
        if (vm.needleKind() == NeedlePlanes.Kind.ALONG) {
            g.setStroke(c.deriveColor(0, 1, 1, 0.45));
            g.setLineWidth(2 * r);
            g.strokeLine(e.getX(), e.getY(), t.getX(), t.getY());
            g.setStroke(c);
            g.setLineWidth(1.5);
            g.strokeLine(e.getX(), e.getY(), t.getX(), t.getY());
            g.setFill(c);
            g.fillOval(t.getX() - 3, t.getY() - 3, 6, 6);
            g.strokeRect(e.getX() - 4, e.getY() - 4, 8, 8);
        } else if (n.crossing() != null) {
            Point2D x = toViewPoint(n.crossing()[0], n.crossing()[1]);
            g.setStroke(c);
            g.setLineWidth(2);
            g.strokeOval(x.getX() - r, x.getY() - r, 2 * r, 2 * r);
        }
    }

    /** Image pixel {u, v} (centres at integers) under a point of this view's canvas. */
    public double[] toImagePixel(double x, double y) {
        return new double[] {(x - offsetX) / scale - 0.5, (y - offsetY) / scale - 0.5};
    }

    /** Canvas point of image pixel (u, v). */
    public Point2D toViewPoint(double u, double v) {
        return new Point2D(offsetX + (u + 0.5) * scale, offsetY + (v + 0.5) * scale);
    }

    public Canvas canvas() {
        return canvas;
    }

    public SliceViewModel viewModel() {
        return vm;
    }
}
