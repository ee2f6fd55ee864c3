package org.vertebroplan.app;

import org.vertebroplan.geom.Vec3;

/**
 * The three standard slice planes in radiological convention, as screen axes in LPS:
 * axial seen from the feet (patient's right on screen left, anterior at the top), coronal seen from
 * the front (right on the left, superior at the top), sagittal seen from the patient's left
 * (anterior on the left, superior at the top). {@code right} and {@code down} are the LPS directions
 * of increasing screen x and y; the labels name the patient side at each screen edge.
 */
public enum SliceOrientation {
    AXIAL("Axial", Vec3.X, Vec3.Y, Vec3.Z, "R", "L", "A", "P"),
    CORONAL("Coronal", Vec3.X, new Vec3(0, 0, -1), Vec3.Y, "R", "L", "S", "I"),
    SAGITTAL("Sagittal", Vec3.Y, new Vec3(0, 0, -1), Vec3.X, "A", "P", "S", "I");

    private final String title;
    private final Vec3 right;
    private final Vec3 down;
    private final Vec3 normal;
    private final String leftLabel;
    private final String rightLabel;
    private final String topLabel;
    private final String bottomLabel;

    SliceOrientation(String title, Vec3 right, Vec3 down, Vec3 normal, String leftLabel, String rightLabel,
                     String topLabel, String bottomLabel) {
        this.title = title;
        this.right = right;
        this.down = down;
        this.normal = normal;
        this.leftLabel = leftLabel;
        this.rightLabel = rightLabel;
        this.topLabel = topLabel;
        this.bottomLabel = bottomLabel;
    }

    public String title() {
        return title;
    }

    /** LPS unit direction of increasing screen x. */
    public Vec3 right() {
        return right;
    }

    /** LPS unit direction of increasing screen y. */
    public Vec3 down() {
        return down;
    }

    /** LPS unit normal of the plane (the coordinate the slice position is measured along). */
    public Vec3 normal() {
        return normal;
    }

    public String leftLabel() {
        return leftLabel;
    }

    public String rightLabel() {
        return rightLabel;
    }

    public String topLabel() {
        return topLabel;
    }

    public String bottomLabel() {
        return bottomLabel;
    }
}
