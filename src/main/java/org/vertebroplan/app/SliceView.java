package org.vertebroplan.app;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * One slice view: the slice image of a {@link SliceViewModel} drawn on a canvas, zoomed and panned
 * ({@link SliceZoom}: the whole slice fits at first), the crosshair lines, the plane's title, the
 * patient-side labels at the four edges (radiological convention, see {@link SliceOrientation}), a scale
 * bar with the zoom and the display window, and the plan: each needle's projection (dashed, in its side's
 * colour, dot at the target) with a ring where it crosses the slice, and the skin markers within 3 mm of
 * the slice.
 *
 * <p>Mouse: left click or drag moves the crosshair; a left drag on a needle end or a marker moves it (and
 * selects that needle); the wheel zooms about the pointer; Shift or Ctrl + wheel (and the arrow and page
 * keys) step through slices; a middle drag or Ctrl + left drag pans; a right drag adjusts the window
 * (width left/right, level up/down), a right click without dragging opens the menu (window presets, fit,
 * zoom). {@code F} or Home fits the slice again, as does the Fit button. The point under the mouse (LPS and
 * HU) goes to the status bar. Label ids: {@code label-left}, {@code label-right}, {@code label-top},
 * {@code label-bottom}; the Fit button {@code fit-<view>}.
 */
public final class SliceView extends StackPane {

    private static final Color CROSSHAIR = Color.rgb(255, 220, 0, 0.8);
    /** Where the safety check found a breach. */
    private static final Color BREACH = Color.rgb(255, 60, 60);
    private static final Color OVERLAY_TEXT = Color.rgb(220, 224, 230);
    /** Zoom per wheel notch (40 units of delta). */
    static final double WHEEL_ZOOM = 1.2;

    /** What the pressed mouse button does until it is released. */
    private enum Gesture { NONE, SELECT, HANDLE, PLACED, PAN, WINDOW }

    private final SliceViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ContextMenu menu = new ContextMenu();
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    /** Grab radius for needle ends and markers, in screen pixels. */
    private static final double GRAB_PX = 8;
    private SliceViewModel.Handle dragging;
    private Gesture gesture = Gesture.NONE;
    private boolean moved;
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
        title.setMouseTransparent(true);
        Button fit = new Button("Fit");
        fit.setId("fit-" + vm.viewName());
        fit.getStyleClass().add("view-button");
        fit.setFocusTraversable(false);
        fit.setTooltip(new Tooltip("Show the whole slice (F)"));
        fit.setOnAction(e -> vm.fit());
        getChildren().addAll(holder, title,
            edgeLabel("label-left", 0, Pos.CENTER_LEFT), edgeLabel("label-right", 1, Pos.CENTER_RIGHT),
            edgeLabel("label-top", 2, Pos.TOP_CENTER), edgeLabel("label-bottom", 3, Pos.BOTTOM_CENTER), fit);
        setAlignment(title, Pos.TOP_LEFT);
        setMargin(title, new Insets(4, 6, 4, 6));
        setAlignment(fit, Pos.TOP_RIGHT);
        setMargin(fit, new Insets(4));
        setMinSize(0, 0);
        buildMenu();
        canvas.setFocusTraversable(true);
        installMouse();
        canvas.setOnKeyPressed(this::key);
        vm.imageProperty().addListener((obs, old, img) -> redraw());
        vm.geometryProperty().addListener((obs, old, g) -> redraw());
        vm.zoomProperty().addListener((obs, old, z) -> redraw());
        vm.main().crosshairProperty().addListener((obs, old, p) -> redraw());
        vm.main().planProperty().addListener((obs, old, p) -> redraw());
        vm.main().windowProperty().addListener((obs, old, w) -> redraw());
        vm.safetyListeners(this::redraw);
    }

    private void buildMenu() {
        MenuItem bone = new MenuItem("Window: bone (W 1800 / L 400)");
        bone.setOnAction(e -> vm.main().windowProperty().set(WindowLevel.BONE));
        MenuItem soft = new MenuItem("Window: soft tissue (W 400 / L 40)");
        soft.setOnAction(e -> vm.main().windowProperty().set(WindowLevel.SOFT_TISSUE));
        MenuItem fit = new MenuItem("Fit to view (F)");
        fit.setOnAction(e -> vm.fit());
        MenuItem in = new MenuItem("Zoom in");
        in.setOnAction(e -> zoomAtCentre(WHEEL_ZOOM * WHEEL_ZOOM));
        MenuItem out = new MenuItem("Zoom out");
        out.setOnAction(e -> zoomAtCentre(1 / (WHEEL_ZOOM * WHEEL_ZOOM)));
        menu.getItems().addAll(bone, soft, new SeparatorMenuItem(), fit, in, out);
    }

    private void zoomAtCentre(double factor) {
        double[] uv = toImagePixel(canvas.getWidth() / 2, canvas.getHeight() / 2);
        vm.zoomAt(factor, uv[0], uv[1]);
    }

    private void installMouse() {
        canvas.setOnMousePressed(e -> {
            canvas.requestFocus();
            menu.hide();
            lastX = e.getX();
            lastY = e.getY();
            moved = false;
            if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && e.isShortcutDown())) {
                gesture = Gesture.PAN;
            } else if (e.getButton() == MouseButton.SECONDARY) {
                gesture = Gesture.WINDOW;
            } else if (e.getButton() == MouseButton.PRIMARY) {
                gesture = press(e);
                if (gesture == Gesture.SELECT) {
                    select(e);
                }
            } else {
                gesture = Gesture.NONE;
            }
        });
        canvas.setOnMouseDragged(e -> {
            double dx = e.getX() - lastX;
            double dy = e.getY() - lastY;
            lastX = e.getX();
            lastY = e.getY();
            moved |= dx != 0 || dy != 0;
            switch (gesture) {
                case PAN -> vm.panBy(dx / scale, dy / scale);
                case WINDOW -> vm.adjustWindow(dx, dy);
                case HANDLE -> {
                    double[] uv = toImagePixel(e.getX(), e.getY());
                    vm.dragHandle(dragging, uv[0], uv[1]);
                }
                case SELECT -> select(e);
                default -> { }
            }
            pointAt(e.getX(), e.getY());
        });
        canvas.setOnMouseReleased(e -> {
            if (gesture == Gesture.HANDLE && dragging != null) {
                vm.endDrag(dragging);
                dragging = null;
            }
            if (gesture == Gesture.WINDOW && !moved) {
                menu.show(canvas, e.getScreenX(), e.getScreenY());
            }
            gesture = Gesture.NONE;
        });
        canvas.setOnMouseMoved(e -> pointAt(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> vm.main().pointAt(null));
        setOnScroll(e -> {
            double delta = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
            if (delta == 0) {
                return;
            }
            if (e.isShiftDown() || e.isShortcutDown()) {
                vm.scroll(delta > 0 ? 1 : -1);
            } else {
                double[] uv = toImagePixel(e.getX(), e.getY());
                vm.zoomAt(Math.pow(WHEEL_ZOOM, delta / 40), uv[0], uv[1]);
            }
            e.consume();
        });
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case UP, PAGE_UP -> vm.scroll(1);
            case DOWN, PAGE_DOWN -> vm.scroll(-1);
            case F, HOME -> vm.fit();
            case PLUS, ADD, EQUALS -> zoomAtCentre(WHEEL_ZOOM);
            case MINUS, SUBTRACT -> zoomAtCentre(1 / WHEEL_ZOOM);
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The point under the mouse to the status bar. */
    private void pointAt(double x, double y) {
        if (vm.imageProperty().get() == null) {
            vm.main().pointAt(null);
            return;
        }
        double[] uv = toImagePixel(x, y);
        vm.main().pointAt(vm.lpsAt(uv[0], uv[1]));
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
     * Planning on a left press: grab a needle end (its needle becomes the selected one) or marker within
     * {@value #GRAB_PX} screen pixels (Shift deletes a grabbed marker), or place a marker in placing mode;
     * else the press selects a point.
     */
    private Gesture press(MouseEvent e) {
        if (vm.imageProperty().get() == null) {
            return Gesture.NONE;
        }
        double[] uv = toImagePixel(e.getX(), e.getY());
        SliceViewModel.Handle h = vm.hit(uv[0], uv[1], GRAB_PX / scale);
        if (h != null && h.kind() == SliceViewModel.Handle.Kind.MARKER && e.isShiftDown()) {
            vm.deleteMarker(h.id());
            return Gesture.PLACED; // no crosshair moves until release
        }
        if (h != null) {
            dragging = h;
            vm.grab(h);
            return Gesture.HANDLE;
        }
        if (vm.placingMarkers()) {
            vm.placeMarker(uv[0], uv[1]);
            return Gesture.PLACED;
        }
        return Gesture.SELECT;
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
        SliceZoom.Placement at = vm.zoomProperty().get().place(w, h, (int) img.getWidth(), (int) img.getHeight());
        scale = at.scale();
        offsetX = at.offsetX();
        offsetY = at.offsetY();
        g.setImageSmoothing(scale < 3); // close up, the voxels themselves
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
        drawScale(g, w, h);
    }

    /** The scale bar (bottom right), the zoom and the display window (bottom left). */
    private void drawScale(GraphicsContext g, double w, double h) {
        SliceGeometry geo = vm.geometryProperty().get();
        if (geo == null) {
            return;
        }
        double mmPerPx = geo.pixelMm() / scale;
        double mm = SliceZoom.scaleBarMm(mmPerPx, 40);
        double px = mm / mmPerPx;
        double x1 = w - 12;
        double x0 = x1 - px;
        double y = h - 14;
        g.setLineDashes();
        g.setStroke(OVERLAY_TEXT);
        g.setLineWidth(2);
        g.strokeLine(x0, y, x1, y);
        g.strokeLine(x0, y - 4, x0, y + 2);
        g.strokeLine(x1, y - 4, x1, y + 2);
        g.setFill(OVERLAY_TEXT);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText((mm >= 1 ? String.format(Locale.ROOT, "%.0f", mm) : String.format(Locale.ROOT, "%.1f", mm)) + " mm",
            x1, y - 6);
        g.setTextAlign(TextAlignment.LEFT);
        WindowLevel wl = vm.main().windowProperty().get();
        g.fillText(String.format(Locale.ROOT, "x%.1f   W %.0f L %.0f", vm.zoomProperty().get().zoom(), wl.widthHu(),
            wl.centerHu()), 8, h - 8);
    }

    /** The length (mm) of the scale bar shown now. */
    public double scaleBarMm() {
        SliceGeometry geo = vm.geometryProperty().get();
        return geo == null ? Double.NaN : SliceZoom.scaleBarMm(geo.pixelMm() / scale, 40);
    }

    /** Screen pixels per image pixel now (zoom included). */
    public double scale() {
        return scale;
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
