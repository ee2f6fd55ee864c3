package org.vertebroplan.app;

/**
 * Standard 3D view directions, named after the side of the patient the camera looks from, as
 * camera orbit angles in degrees (azimuth about the scene's vertical axis, elevation about its
 * horizontal axis; see {@link SceneAxes}). Anterior: patient's left on screen right, head up;
 * posterior: left on screen left; left/right: looking at that side; superior/inferior: from the head
 * or the feet. Checked by rendering in the viewport tests.
 */
public enum ViewDirection {
    ANTERIOR("A", 0, 0),
    POSTERIOR("P", 180, 0),
    LEFT("L", -90, 0),
    RIGHT("R", 90, 0),
    SUPERIOR("S", 0, -90),
    INFERIOR("I", 0, 90);

    private final String letter;
    private final double azimuthDeg;
    private final double elevationDeg;

    ViewDirection(String letter, double azimuthDeg, double elevationDeg) {
        this.letter = letter;
        this.azimuthDeg = azimuthDeg;
        this.elevationDeg = elevationDeg;
    }

    public String letter() {
        return letter;
    }

    public double azimuthDeg() {
        return azimuthDeg;
    }

    public double elevationDeg() {
        return elevationDeg;
    }
}
