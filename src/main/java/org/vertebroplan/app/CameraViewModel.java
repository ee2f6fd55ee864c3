package org.vertebroplan.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The 3D camera as plain numbers the viewport binds to: orbit angles about the scene centre
 * (azimuth, elevation in degrees), distance from the centre (mm) and a pan offset in the view plane
 * (mm). Mouse gestures and view buttons call the methods; nothing here knows about nodes.
 */
public final class CameraViewModel {

    /** The view a case opens in: the surgeon's view of a prone patient's back. */
    public static final ViewDirection DEFAULT_VIEW = ViewDirection.POSTERIOR;

    private final DoubleProperty azimuth = new SimpleDoubleProperty(this, "azimuth", DEFAULT_VIEW.azimuthDeg());
    private final DoubleProperty elevation = new SimpleDoubleProperty(this, "elevation", DEFAULT_VIEW.elevationDeg());
    private final DoubleProperty distance = new SimpleDoubleProperty(this, "distance", 500);
    private final DoubleProperty panX = new SimpleDoubleProperty(this, "panX", 0);
    private final DoubleProperty panY = new SimpleDoubleProperty(this, "panY", 0);
    private double fitDistance = 500;

    /** Orbits by mouse deltas in pixels (0.3 degree per pixel; elevation kept within +-90). */
    public void orbit(double dxPixels, double dyPixels) {
        azimuth.set(azimuth.get() + 0.3 * dxPixels);
        elevation.set(Math.max(-90, Math.min(90, elevation.get() - 0.3 * dyPixels)));
    }

    /** Zooms by a factor (> 1 moves closer). */
    public void zoom(double factor) {
        distance.set(Math.max(fitDistance * 0.05, Math.min(fitDistance * 10, distance.get() / factor)));
    }

    /** Pans by mouse deltas in pixels, scaled to the distance. */
    public void pan(double dxPixels, double dyPixels) {
        double mmPerPixel = distance.get() / 1000.0;
        panX.set(panX.get() - dxPixels * mmPerPixel);
        panY.set(panY.get() - dyPixels * mmPerPixel);
    }

    /** Looks from a standard direction, keeping the zoom. */
    public void look(ViewDirection d) {
        azimuth.set(d.azimuthDeg());
        elevation.set(d.elevationDeg());
        panX.set(0);
        panY.set(0);
    }

    /** Frames a scene of the given bounding radius (mm) and resets to the default view. */
    public void fit(double radiusMm) {
        frame(radiusMm);
        look(DEFAULT_VIEW);
    }

    /** Steps the camera to frame a scene of the given bounding radius (mm), keeping the angles; no pan. */
    public void frame(double radiusMm) {
        fitDistance = Math.max(10, radiusMm * 2.6);
        distance.set(fitDistance);
        panX.set(0);
        panY.set(0);
    }

    public DoubleProperty azimuthProperty() {
        return azimuth;
    }

    public DoubleProperty elevationProperty() {
        return elevation;
    }

    public DoubleProperty distanceProperty() {
        return distance;
    }

    public DoubleProperty panXProperty() {
        return panX;
    }

    public DoubleProperty panYProperty() {
        return panY;
    }
}
