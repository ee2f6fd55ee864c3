package org.vertebroplan.app;

import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.paint.Color;
import org.fxyz3d.utils.CameraTransformer;

/**
 * The orbit rig of the 3D views (the workstation's viewport and the rehearsal's): a perspective camera and
 * a head light on an FXyz3D {@link CameraTransformer}, turned, pulled back and panned by a
 * {@link CameraViewModel}.
 */
final class OrbitRig {

    private OrbitRig() {
    }

    /** Sets the camera up (near/far clip, 30-degree field of view) and returns the rig that carries it. */
    static CameraTransformer of(PerspectiveCamera camera, CameraViewModel cam) {
        camera.setNearClip(1);
        camera.setFarClip(20000);
        camera.setFieldOfView(30);
        PointLight headLight = new PointLight(Color.gray(0.65));
        CameraTransformer rig = new CameraTransformer();
        rig.getChildren().addAll(camera, headLight);
        rig.ry.angleProperty().bind(cam.azimuthProperty());
        rig.rx.angleProperty().bind(cam.elevationProperty());
        camera.translateZProperty().bind(cam.distanceProperty().negate());
        headLight.translateZProperty().bind(cam.distanceProperty().negate());
        camera.translateXProperty().bind(cam.panXProperty());
        camera.translateYProperty().bind(cam.panYProperty());
        return rig;
    }
}
