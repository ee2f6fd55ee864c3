package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;

class VertebraFrameTest {

    private static final Vec3 C = new Vec3(1.5, 18, -142);

    @Test
    void anglesRoundTripExactly() {
        double[][] cases = {{0, 0, 0}, {12, 0, 0}, {-25, 0, 0}, {0, 15, 0}, {0, 0, -15}, {20, -10, 12},
            {-17, 14, -9}, {25, 15, 15}};
        for (double[] c : cases) {
            VertebraFrame f = VertebraFrame.fromAngles(C, c[0], c[1], c[2]);
            assertEquals(c[0], f.axialRotationDeg(), 1e-9, "axial " + java.util.Arrays.toString(c));
            assertEquals(c[1], f.coronalTiltDeg(), 1e-9, "coronal");
            assertEquals(c[2], f.sagittalTiltDeg(), 1e-9, "sagittal");
            assertEquals(1, f.left().norm(), 1e-12);
            assertEquals(0, f.left().dot(f.superior()), 1e-12);
            assertEquals(0, f.left().dot(f.posterior()), 1e-12);
            // right-handed like LPS: left x posterior = superior
            assertEquals(0, f.left().cross(f.posterior()).distance(f.superior()), 1e-12);
        }
    }

    @Test
    void signsInTheSurgeonsTerms() {
        // axial +10: the front of the body turns to the patient's left (+x)
        VertebraFrame axial = VertebraFrame.fromAngles(C, 10, 0, 0);
        assertTrue(axial.anterior().x() > 0.17 && axial.anterior().y() < -0.98, axial.anterior().toString());
        // coronal +10: the superior axis leans to the patient's left
        assertTrue(VertebraFrame.fromAngles(C, 0, 10, 0).superior().x() > 0.17);
        // sagittal +10: the superior axis leans anteriorly (-y)
        assertTrue(VertebraFrame.fromAngles(C, 0, 0, 10).superior().y() < -0.17);
    }

    @Test
    void localCoordinatesRoundTripAndSquareFrameIsATranslation() {
        VertebraFrame f = VertebraFrame.fromAngles(C, 17, -8, 11);
        Vec3 p = new Vec3(10, -20, 33);
        assertEquals(0, f.toLps(f.toLocal(p)).distance(p), 1e-9);
        assertEquals(0, f.localToLps().apply(f.toLocal(p)).distance(p), 1e-9);
        assertEquals(0, VertebraFrame.square(C).toLocal(p).distance(p.minus(C)), 1e-12);
        assertEquals(0, f.angleToDeg(f), 1e-6);
        assertEquals(17, f.angleToDeg(VertebraFrame.fromAngles(C, 0, -8, 11)), 1e-6);
    }

    @Test
    void angleFrameMeasuresNeedleAnglesRelativeToTheVertebra() {
        // a needle given by vertebra-frame angles reads those angles in that frame
        VertebraFrame f = VertebraFrame.fromAngles(C, 12, 5, -7);
        Vec3 entry = f.toLps(new Vec3(40, 80, 5));
        Vec3 target = NeedleGeometry.targetFrom(Side.LEFT, entry, 3, 19, 90, f.angleFrame());
        NeedleGeometry g = NeedleGeometry.of(Side.LEFT, entry, target, f.angleFrame());
        assertEquals(3, g.cranialDeg(), 1e-9);
        assertEquals(19, g.abductionDeg(), 1e-9);
        assertEquals(90, g.depthMm(), 1e-9);
    }
}
