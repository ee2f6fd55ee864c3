package org.vertebroplan.app;

import javafx.geometry.Point3D;
import org.vertebroplan.geom.Vec3;

/**
 * The one place where patient coordinates (DICOM LPS, mm) meet the JavaFX 3D scene frame.
 *
 * <p>JavaFX scene axes are +X right, +Y down, +Z into the screen (away from a viewer at the default
 * camera). We map {@code scene = (x, -z, y)} with LPS (x, y, z): L -> +X (screen right), S -> -Y
 * (screen up), P -> +Z (away from the viewer). Both frames are right-handed and this map is a proper
 * rotation (determinant +1), so nothing is mirrored: the default camera (at -Z looking towards +Z)
 * looks at the patient from the front (anterior view), the patient's left appears on the viewer's
 * right and the head at the top, exactly as when facing a standing person. All other views are
 * rotations of the camera, never a flip of the data. Triangle winding (CCW from outside) is kept.
 *
 * <p>Limits: a fixed map; units stay millimetres (1 scene unit = 1 mm).
 */
public final class SceneAxes {

    private SceneAxes() {
    }

    /** Scene point of an LPS point. */
    public static Point3D toScene(Vec3 lps) {
        return new Point3D(lps.x(), -lps.z(), lps.y());
    }

    /** Scene point of LPS coordinates. */
    public static Point3D toScene(double x, double y, double z) {
        return new Point3D(x, -z, y);
    }

    /** LPS point of a scene point (inverse of {@link #toScene(Vec3)}). */
    public static Vec3 toLps(Point3D scene) {
        return new Vec3(scene.getX(), scene.getZ(), -scene.getY());
    }
}
