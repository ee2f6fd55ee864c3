package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
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
 *
 * <p>A needle view ({@link NeedlePlanes.Kind}) follows the selected needle instead of the crosshair:
 * its oblique plane ({@link NeedlePlanes}) is rebuilt and re-rendered whenever the plan (an edit, a
 * drag preview, undo), the selected needle or the verdicts (the measured vertebra frame) change,
 * the canal of the needle's level is tinted, and its edge labels name the patient sides the oblique
 * axes point to. The wheel moves its plane (ALONG: along its normal; ACROSS: along the needle) and
 * moves the crosshair with it; a click moves the crosshair onto the plane.
 */
public final class SliceViewModel {

    private final SliceOrientation orientation;
    private final NeedlePlanes.Kind needleKind;
    private final WorkstationViewModel main;
    private final PlanningViewModel planning;
    private final ReadOnlyObjectWrapper<SliceGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyStringWrapper[] edgeLabels = {new ReadOnlyStringWrapper(this, "leftLabel"),
        new ReadOnlyStringWrapper(this, "rightLabel"), new ReadOnlyStringWrapper(this, "topLabel"),
        new ReadOnlyStringWrapper(this, "bottomLabel")};
    private final ObjectProperty<SliceZoom> zoom = new SimpleObjectProperty<>(this, "zoom", SliceZoom.FIT);
    private double renderedPosition = Double.NaN;
    private WindowLevel renderedWindow;
    /** Needle views: the plane's offset (mm), the needle it was set for, and a drag in progress. */
    private double offsetMm;
    private String offsetFor;
    private boolean dragging;

    public SliceViewModel(SliceOrientation orientation, WorkstationViewModel main) {
        this(orientation, main, null);
    }

    /** A slice view model whose drags and clicks also edit the plan through {@code planning} (may be null). */
    public SliceViewModel(SliceOrientation orientation, WorkstationViewModel main, PlanningViewModel planning) {
        this.orientation = orientation;
        this.needleKind = null;
        this.main = main;
        this.planning = planning;
        title.set(orientation.title());
        setEdgeLabels(orientation.leftLabel(), orientation.rightLabel(), orientation.topLabel(),
            orientation.bottomLabel());
        main.loadedCaseProperty().addListener((obs, old, c) -> {
            zoom.set(SliceZoom.FIT);
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

    /** A view that follows the selected needle of {@code planning} (see the class comment). */
    public SliceViewModel(NeedlePlanes.Kind kind, WorkstationViewModel main, PlanningViewModel planning) {
        this.orientation = null;
        this.needleKind = kind;
        this.main = main;
        this.planning = planning;
        title.set(kind.title() + " the needle");
        main.loadedCaseProperty().addListener((obs, old, c) -> {
            zoom.set(SliceZoom.FIT);
            refreshNeedleView();
        });
        main.windowProperty().addListener((obs, old, w) -> refreshNeedleView());
        main.planProperty().addListener((obs, old, p) -> refreshNeedleView());
        planning.selectedNeedleProperty().addListener((obs, old, id) -> refreshNeedleView());
        planning.safetyProperty().addListener((obs, old, v) -> refreshNeedleView());
        refreshNeedleView();
    }

    private void setEdgeLabels(String left, String right, String top, String bottom) {
        String[] t = {left, right, top, bottom};
        for (int i = 0; i < 4; i++) {
            edgeLabels[i].set(t[i]);
        }
    }

    /** The selected needle a needle view follows (null: none, or a standard view). */
    public Needle followed() {
        Plan p = main.planProperty().get();
        String id = planning == null ? null : planning.selectedNeedleProperty().get();
        return needleKind == null || p == null || id == null ? null : p.needle(id);
    }

    /** Rebuilds a needle view's plane for the selected needle and renders it. */
    private void refreshNeedleView() {
        LoadedCase c = main.getLoadedCase();
        Needle n = followed();
        if (c == null || n == null) {
            geometry.set(null);
            image.set(null);
            title.set(needleKind.title() + " the needle: " + (c == null ? "no case" : "no needle selected"));
            setEdgeLabels("", "", "", "");
            return;
        }
        if (!n.id().equals(offsetFor)) {
            offsetFor = n.id();
            offsetMm = 0;
        }
        PlanningViewModel.AngleFrameChoice frame = planning.angleFrameFor(n.id());
        org.vertebroplan.plan.LevelAnalysis level = planning.levelAnalysisOf(n.id());
        SliceGeometry g = geometry.get();
        String where = "";
        if (!dragging || g == null) { // while a point is dragged in this view its plane stays put
            if (needleKind == NeedlePlanes.Kind.ALONG) {
                g = NeedlePlanes.along(c.volume(), n, frame.frame(), offsetMm);
            } else {
                NeedlePlanes.Section at = NeedlePlanes.isthmus(n, planning.pedicleCentreOf(n.id()), level);
                where = " at " + at.where();
                g = NeedlePlanes.across(c.volume(), n, frame.frame(), at.pointLps(), offsetMm);
            }
            geometry.set(g);
        }
        boolean vertebra = frame.source() != PlanningViewModel.AngleFrameChoice.Source.PATIENT;
        title.set(String.format(Locale.ROOT, "%s %s%s%s%s", needleKind.title(), n.id(), where,
            offsetMm == 0 ? "" : String.format(Locale.ROOT, " %+.1f mm", offsetMm), vertebra ? "" : " (patient frame)"));
        setEdgeLabels(NeedlePlanes.letters(g.right().times(-1)), NeedlePlanes.letters(g.right()),
            NeedlePlanes.letters(g.down().times(-1)), NeedlePlanes.letters(g.down()));
        int[] argb = SliceRenderer.render(c.volume(), g, g.normalMin(), main.windowProperty().get());
        NeedlePlanes.tintCanal(argb, g, g.normalMin(), level);
        image.set(toImage(argb, g));
    }

    private static WritableImage toImage(int[] argb, SliceGeometry g) {
        WritableImage img = new WritableImage(g.width(), g.height());
        img.getPixelWriter().setPixels(0, 0, g.width(), g.height(), PixelFormat.getIntArgbInstance(), argb, 0,
            g.width());
        return img;
    }

    /** The position along the normal of the plane shown: the crosshair's, or a needle view's own plane. */
    private double slicePosition(SliceGeometry g) {
        return needleKind != null ? g.normalMin() : g.normalPositionOf(main.crosshairProperty().get());
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
        renderedPosition = position;
        renderedWindow = w;
        image.set(toImage(argb, g));
    }

    private String axisName() {
        return orientation == SliceOrientation.AXIAL ? "z" : orientation == SliceOrientation.CORONAL ? "y" : "x";
    }

    /** How the image is placed in the view: zoom and centre ({@link SliceZoom#FIT}: the whole slice). */
    public ObjectProperty<SliceZoom> zoomProperty() {
        return zoom;
    }

    /** Zooms by {@code factor} about image pixel (u, v), which stays under the mouse. */
    public void zoomAt(double factor, double u, double v) {
        SliceGeometry g = geometry.get();
        if (g != null) {
            zoom.set(zoom.get().zoomAt(factor, u, v, g.width(), g.height()));
        }
    }

    /** Moves the image by (du, dv) image pixels (a pan drag). */
    public void panBy(double du, double dv) {
        SliceGeometry g = geometry.get();
        if (g != null) {
            zoom.set(zoom.get().panBy(du, dv, g.width(), g.height()));
        }
    }

    /** Shows the whole slice again. */
    public void fit() {
        zoom.set(SliceZoom.FIT);
    }

    /** The LPS point under image pixel (u, v) on the slice shown, or null without a case. */
    public Vec3 lpsAt(double u, double v) {
        SliceGeometry g = geometry.get();
        return g == null ? null : g.lpsAt(u, v, slicePosition(g));
    }

    /** Moves the crosshair to image pixel (u, v) of this slice (pixel centres at integers). */
    public void select(double u, double v) {
        SliceGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        main.crosshairProperty().set(g.lpsAt(u, v, slicePosition(g)));
    }

    /** Moves the crosshair by {@code steps} slices along this plane's normal (clamped to the volume). */
    public void scroll(int steps) {
        SliceGeometry g = geometry.get();
        if (g == null || steps == 0) {
            return;
        }
        Vec3 p = main.crosshairProperty().get();
        if (needleKind != null) {
            offsetMm += steps * g.normalStep();
            refreshNeedleView();
            SliceGeometry moved = geometry.get();
            // the crosshair follows: ALONG keeps its place in the plane, ACROSS goes to the needle's point
            main.crosshairProperty().set(needleKind == NeedlePlanes.Kind.ALONG
                ? p.plus(moved.normal().times(moved.normalMin() - moved.normalPositionOf(p)))
                : moved.lpsAt((moved.width() - 1) / 2.0, (moved.height() - 1) / 2.0, moved.normalMin()));
            return;
        }
        double n = g.normalPositionOf(p);
        double target = g.clampNormal(n + steps * g.normalStep());
        main.crosshairProperty().set(p.plus(orientation.normal().times(target - n)));
    }

    /**
     * A needle seen on this slice: its entry and target projected onto the plane (image pixels), and
     * where it crosses the plane (null when the segment does not reach it).
     */
    public record NeedleMark(String id, boolean left, double[] entry, double[] target, double[] crossing,
                             boolean followed, double radiusPx) {
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
            boolean near = needleKind == null || Math.abs(g.normalPositionOf(s.breachAtLps() == null ? Vec3.ZERO
                : s.breachAtLps()) - slicePosition(g)) <= MARKER_SLAB_MM;
            if (s.breach() && s.breachAtLps() != null && near) {
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
        double pos = slicePosition(g);
        Needle followed = followed();
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
                g.pixelOf(n.targetLps()), crossing, followed != null && followed.id().equals(n.id()),
                n.diameterMm() / 2 / g.pixelMm()));
        }
        return marks;
    }

    /** The plan's skin markers near the current slice. */
    public List<MarkerMark> markerMarks() {
        SliceGeometry g = geometry.get();
        if (g == null) {
            return List.of();
        }
        double pos = slicePosition(g);
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
        if (planning == null || geometry.get() == null || needleKind == NeedlePlanes.Kind.ACROSS) {
            return null; // across the needle both ends fall on its circle: nothing to grab there
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
            if (needleKind != null && !n.followed()) {
                continue; // a needle view's plane belongs to its needle: only that one is grabbed there
            }
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

    /** A needle end grabbed: its needle becomes the selected one, so the panel's numbers follow it. */
    public void grab(Handle h) {
        if (planning != null && h.kind() != Handle.Kind.MARKER) {
            planning.selectedNeedleProperty().set(h.id());
        }
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
        dragging = true;
        planning.preview(q -> switch (h.kind()) {
            case ENTRY -> PlanEdits.moveEntry(q, h.id(), lps);
            case TARGET -> PlanEdits.moveTarget(q, h.id(), lps);
            case MARKER -> PlanEdits.moveMarker(q, h.id(), lps);
        });
    }

    /** Ends a drag: the moved point becomes one undoable step. */
    public void endDrag(Handle h) {
        dragging = false;
        if (planning != null) {
            String what = h.kind() == Handle.Kind.MARKER ? "Marker moved"
                : (h.kind() == Handle.Kind.ENTRY ? "Entry" : "Target") + " of " + h.id() + " moved";
            planning.finishDrag(what);
            if (needleKind != null) {
                refreshNeedleView();
            }
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
            planning.placeMarker(g.lpsAt(u, v, slicePosition(g)));
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

    /**
     * The crosshair in image pixel coordinates {u, v}, or null without a case (and, in a needle view, when
     * the crosshair is farther than a voxel from its plane).
     */
    public double[] crosshairPixel() {
        SliceGeometry g = geometry.get();
        Vec3 p = main.crosshairProperty().get();
        if (g == null || (needleKind != null && Math.abs(g.normalPositionOf(p) - g.normalMin()) > g.normalStep())) {
            return null;
        }
        return g.pixelOf(p);
    }

    /** The standard plane of this view (null for a needle view). */
    public SliceOrientation orientation() {
        return orientation;
    }

    /** The needle view's kind (null for a standard view). */
    public NeedlePlanes.Kind needleKind() {
        return needleKind;
    }

    /** The view's name in node ids: "axial", ..., "along", "across". */
    public String viewName() {
        return needleKind != null ? needleKind.id() : orientation.name().toLowerCase(Locale.ROOT);
    }

    /** The patient sides at the left, right, top and bottom edges (oblique views: e.g. "LS"). */
    public ReadOnlyStringProperty edgeLabelProperty(int edge) {
        return edgeLabels[edge].getReadOnlyProperty();
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
