package org.vertebroplan.app;

import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.vertebroplan.geom.Vec3;

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
    private final ReadOnlyObjectWrapper<SliceGeometry> geometry = new ReadOnlyObjectWrapper<>(this, "geometry");
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private double renderedPosition = Double.NaN;
    private WindowLevel renderedWindow;

    public SliceViewModel(SliceOrientation orientation, WorkstationViewModel main) {
        this.orientation = orientation;
        this.main = main;
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
