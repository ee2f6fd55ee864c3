package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;

/**
 * State of one slice view: its pixel grid, the rendered image of the slice through the crosshair,
 * and the crosshair's pixel position. Re-renders when the case, the window or the crosshair's
 * position along this plane's normal changes (moving the crosshair within the plane only moves the
 * lines). A click selects a point ({@link #select}), the mouse wheel steps through slices
 * ({@link #scroll}); both move the shared crosshair, which updates the other views.
 */
public final class SliceViewModel {

    private final SliceOrientation orientation;
    private final WorkstationViewModel main;
    private final PlanningViewModel planning;
    private final ReadOnlyObjectWrapper<SliceGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private double renderedPosition = Double.NaN;
    private WindowLevel renderedWindow;

    public SliceViewModel(SliceOrientation orientation, WorkstationViewModel main) {
        this(orientation, main, null);
    }

    /** A slice view model whose drags and clicks also edit the plan through {@code planning} (may be null). */
    public SliceViewModel(SliceOrientation orientation, WorkstationViewModel main, PlanningViewModel planning) {
        this.orientation = orientation;
        this.main = main;
        this.planning = planning;
        title.set(orientation.title());
        main.loadedCaseProperty().addListener((obs, old, c) -> {
            geometry.set(c == null ? null : SliceGeometry.of(c.volume(), orientation));
            renderedPosition = Double.NaN;
            refresh();
        });
        main.crosshairProperty().addListener((obs, old, p) -> refresh());
        main.windowProperty().addListener((obs, old, w) -> refresh());
        if (main.getLoadedCase() != null) {
            geometry.set(SliceGeometry.of(main.getLoadedCase().volume(), orientation));
            refresh();
        }
    }

    private void refresh() {
        SliceGeometry g = geometry.get();
        LoadedCase c = main.getLoadedCase();
        if (g == null || c == null) {
            image.set(null);
            return;
        }
        double position = g.normalPositionOf(main.crosshairProperty().get());
        WindowLevel w = main.windowProperty().get();
        title.set(String.format(Locale.ROOT, "%s  %s = %.1f mm", orientation.title(), axisName(), position));
        if (position == renderedPosition && w.equals(renderedWindow)) {
            return;
        }
        int[] argb = SliceRenderer.render(c.volume(), g, position, w);
        WritableImage img = new WritableImage(g.width(), g.height());
        img.getPixelWriter().setPixels(0, 0, g.width(), g.height(), PixelFormat.getIntArgbInstance(), argb, 0,
            g.width());
        renderedPosition = position;
        renderedWindow = w;
        image.set(img);
    }

    private String axisName() {
        return orientation == SliceOrientation.AXIAL ? "z" : orientation == SliceOrientation.CORONAL ? "y" : "x";
    }

    /** Moves the crosshair to image pixel (u, v) of this slice (pixel centres at integers). */
    public void select(double u, double v) {
        SliceGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        main.crosshairProperty().set(g.lpsAt(u, v, g.normalPositionOf(main.crosshairProperty().get())));
    }

    /** Moves the crosshair by {@code steps} slices along this plane's normal (clamped to the volume). */
    public void scroll(int steps) {
        SliceGeometry g = geometry.get();
        if (g == null || steps == 0) {
            return;
        }
        Vec3 p = main.crosshairProperty().get();
        double n = g.normalPositionOf(p);
        double target = g.clampNormal(n + steps * g.normalStep());
        main.crosshairProperty().set(p.plus(orientation.normal().times(target - n)));
    }

    /**
     * A needle seen on this slice: its entry and target projected onto the plane (image pixels), and
     * where it crosses the plane (null when the segment does not reach it).
     */
    public record NeedleMark(String id, boolean left, double[] entry, double[] target, double[] crossing) {
    }

    /**
     * Where the safety check found a needle leaving the bone, projected onto this slice (image pixels),
     * with the wall it breaks; only for verdicts of the needles shown now.
     */
    public record BreachMark(String id, double[] at, String wall) {
    }

    /** Calls {@code redraw} whenever the verdicts change. */
    void safetyListeners(Runnable redraw) {
        if (planning != null) {
            planning.safetyProperty().addListener((obs, old, v) -> redraw.run());
        }
    }

    /** The breaches of the current verdicts (empty without a planning view model or a verdict). */
    public List<BreachMark> breachMarks() {
        SliceGeometry g = geometry.get();
        Plan p = main.planProperty().get();
        if (planning == null || g == null || p == null) {
            return List.of();
        }
        Plan checked = planning.checkedPlanProperty().get();
        if (checked == null || !checked.needles().equals(p.needles())) {
            return List.of();
        }
        List<BreachMark> marks = new ArrayList<>();
        for (NeedleSafety s : planning.safetyProperty().get().values()) {
            if (s.breach() && s.breachAtLps() != null) {
                marks.add(new BreachMark(s.id(), g.pixelOf(s.breachAtLps()), s.breachWall().jsonName()));
            }
        }
        return marks;
    }

    /** A skin marker within {@link #MARKER_SLAB_MM} of the plane, in image pixels. */
    public record MarkerMark(String id, double[] at, double distanceMm) {
    }

    /** Markers farther than this from the slice plane are not drawn. */
    public static final double MARKER_SLAB_MM = 3;

    /** The plan's needles projected onto the current slice. */
    public List<NeedleMark> needleMarks() {
        SliceGeometry g = geometry.get();
        if (g == null) {
            return List.of();
        }
        double pos = g.normalPositionOf(main.crosshairProperty().get());
        List<NeedleMark> marks = new ArrayList<>();
        for (Needle n : main.needles()) {
            double de = g.normalPositionOf(n.entryLps()) - pos;
            double dt = g.normalPositionOf(n.targetLps()) - pos;
            double[] crossing = null;
            if ((de != 0 || dt != 0) && de * dt <= 0) { // in-plane needles: the projection is the needle
                double t = de / (de - dt);
                crossing = g.pixelOf(n.entryLps().lerp(n.targetLps(), t));
            }
            marks.add(new NeedleMark(n.id(), n.side() == Side.LEFT, g.pixelOf(n.entryLps()),
                g.pixelOf(n.targetLps()), crossing));
        }
        return marks;
    }

    /** The plan's skin markers near the current slice. */
    public List<MarkerMark> markerMarks() {
        SliceGeometry g = geometry.get();
        if (g == null) {
            return List.of();
        }
        double pos = g.normalPositionOf(main.crosshairProperty().get());
        List<MarkerMark> marks = new ArrayList<>();
        for (Fiducial m : main.markers()) {
            double d = Math.abs(g.normalPositionOf(m.lps()) - pos);
            if (d <= MARKER_SLAB_MM) {
                marks.add(new MarkerMark(m.id(), g.pixelOf(m.lps()), d));
            }
        }
        return marks;
    }

    /** What a press on the slice grabbed: a needle's entry or target, or a skin marker. */
    public record Handle(Kind kind, String id) {
        public enum Kind { ENTRY, TARGET, MARKER }
    }

    /**
     * The needle end or marker drawn within {@code tolerancePx} image pixels of (u, v), the nearest
     * one; null when there is none (or no planning view model).
     */
    public Handle hit(double u, double v, double tolerancePx) {
        if (planning == null || geometry.get() == null) {
            return null;
        }
        Handle best = null;
        double bestD = tolerancePx;
        for (MarkerMark m : markerMarks()) {
            double d = Math.hypot(m.at()[0] - u, m.at()[1] - v);
            if (d <= bestD) {
                bestD = d;
                best = new Handle(Handle.Kind.MARKER, m.id());
            }
        }
        for (NeedleMark n : needleMarks()) {
            double dt = Math.hypot(n.target()[0] - u, n.target()[1] - v);
            if (dt < bestD) {
                bestD = dt;
                best = new Handle(Handle.Kind.TARGET, n.id());
            }
            double de = Math.hypot(n.entry()[0] - u, n.entry()[1] - v);
            if (de < bestD) {
                bestD = de;
                best = new Handle(Handle.Kind.ENTRY, n.id());
            }
        }
        return best;
    }

    /**
     * Moves a grabbed point to image pixel (u, v) within the plane parallel to this slice through the
     * point (its coordinate along the slice normal is kept); shown at once, recorded by {@link #endDrag}.
     */
    public void dragHandle(Handle h, double u, double v) {
        SliceGeometry g = geometry.get();
        Plan p = main.planProperty().get();
        if (planning == null || g == null || p == null) {
            return;
        }
        Vec3 old = pointOf(p, h);
        if (old == null) {
            return;
        }
        Vec3 lps = g.lpsAt(u, v, g.normalPositionOf(old));
        planning.preview(q -> switch (h.kind()) {
            case ENTRY -> PlanEdits.moveEntry(q, h.id(), lps);
            case TARGET -> PlanEdits.moveTarget(q, h.id(), lps);
            case MARKER -> PlanEdits.moveMarker(q, h.id(), lps);
        });
    }

    /** Ends a drag: the moved point becomes one undoable step. */
    public void endDrag(Handle h) {
        if (planning != null) {
            String what = h.kind() == Handle.Kind.MARKER ? "Marker moved"
                : (h.kind() == Handle.Kind.ENTRY ? "Entry" : "Target") + " of " + h.id() + " moved";
            planning.finishDrag(what);
        }
    }

    private static Vec3 pointOf(Plan p, Handle h) {
        if (h.kind() == Handle.Kind.MARKER) {
            return p.fiducials().stream().filter(f -> f.id().equals(h.id())).map(Fiducial::lps).findFirst()
                .orElse(null);
        }
        Needle n = p.needle(h.id());
        return n == null ? null : h.kind() == Handle.Kind.ENTRY ? n.entryLps() : n.targetLps();
    }

    /** True when a click on empty slice places a marker (the planning panel's "Place by click"). */
    public boolean placingMarkers() {
        return planning != null && planning.placingMarkersProperty().get();
    }

    /** Places a skin marker at image pixel (u, v) of the current slice. */
    public void placeMarker(double u, double v) {
        SliceGeometry g = geometry.get();
        if (planning != null && g != null) {
            planning.placeMarker(g.lpsAt(u, v, g.normalPositionOf(main.crosshairProperty().get())));
        }
    }

    public void deleteMarker(String id) {
        if (planning != null) {
            planning.deleteMarker(id);
        }
    }

    /**
     * Adjusts the display window by a mouse drag (pixels): right widens, down raises the level, as
     * in common DICOM viewers. Leaves the presets for a custom window.
     */
    public void adjustWindow(double dxPixels, double dyPixels) {
        WindowLevel w = main.windowProperty().get();
        double width = Math.max(1, w.widthHu() + 4 * dxPixels);
        double center = w.centerHu() + 2 * dyPixels;
        main.windowProperty().set(new WindowLevel("Custom", center, width));
    }

    /** The crosshair in image pixel coordinates {u, v}, or null without a case. */
    public double[] crosshairPixel() {
        SliceGeometry g = geometry.get();
        return g == null ? null : g.pixelOf(main.crosshairProperty().get());
    }

    public SliceOrientation orientation() {
        return orientation;
    }

    public WorkstationViewModel main() {
        return main;
    }

    public ReadOnlyObjectProperty<SliceGeometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    /** The rendered slice (null without a case). */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
