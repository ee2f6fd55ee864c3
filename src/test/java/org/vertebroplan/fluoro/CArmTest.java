package org.vertebroplan.fluoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.VertebraFrame;

/** The C-arm's conventions in LPS, its detector and its projection of points. */
class CArmTest {

    static final Vec3 ISO = new Vec3(10, 20, -30);

    private static void assertVec(Vec3 expected, Vec3 actual) {
        assertEquals(0, expected.distance(actual), 1e-9, "expected " + expected + ", got " + actual);
    }

    @Test
    void apPutsTheSourceInFrontOfThePatientAndThePatientsLeftOnTheImagesRight() {
        CArm ap = CArm.ap(ISO);
        assertVec(ISO.plus(new Vec3(0, -600, 0)), ap.sourceLps());
        assertVec(ISO.plus(new Vec3(0, 400, 0)), ap.detectorCentreLps());
        assertVec(Vec3.X, ap.detectorRight());
        assertVec(new Vec3(0, 0, -1), ap.detectorDown());
    }

    @Test
    void orbitalPlusNinetyPutsTheSourceOnThePatientsLeftWithPosteriorOnTheImagesRight() {
        CArm lat = CArm.lateral(ISO);
        assertVec(ISO.plus(new Vec3(600, 0, 0)), lat.sourceLps());
        assertVec(new Vec3(-1, 0, 0), lat.beam());
        assertVec(Vec3.Y, lat.detectorRight());
        assertVec(new Vec3(0, 0, -1), lat.detectorDown());
        CArm other = CArm.at(ISO, -90, 0);
        assertVec(ISO.plus(new Vec3(-600, 0, 0)), other.sourceLps());
    }

    @Test
    void positiveAngularTiltsTheBeamCraniallyWithTheSourceMovedCaudally() {
        CArm c = CArm.at(ISO, 0, 20);
        assertTrue(c.beam().z() > 0.3, "beam " + c.beam());
        assertTrue(c.sourceLps().z() < ISO.z() - 100, "source " + c.sourceLps());
        assertTrue(c.detectorCentreLps().z() > ISO.z() + 100);
        assertEquals(Math.sin(Math.toRadians(20)), c.beam().z(), 1e-12);
    }

    @Property(tries = 200)
    void theDetectorFrameIsRightHandedAboutTheBeam(@ForAll @DoubleRange(min = -179.9, max = 179.9) double orbital,
                                                   @ForAll @DoubleRange(min = -60, max = 60) double angular) {
        CArm c = CArm.at(ISO, orbital, angular);
        assertVec(c.beam(), c.detectorRight().cross(c.detectorDown()));
        assertEquals(1, c.beam().norm(), 1e-12);
        assertEquals(0, c.detectorRight().dot(c.beam()), 1e-12);
        assertEquals(0, c.detectorDown().dot(c.beam()), 1e-12);
        // withBeam finds the angles again
        CArm back = CArm.ap(ISO).withBeam(c.beam());
        assertEquals(orbital, back.orbitalDeg(), 1e-9);
        assertEquals(angular, back.angularDeg(), 1e-9);
    }

    @Property(tries = 200)
    void pointsOnARayProjectToThePixelTheRayWasCastThrough(@ForAll @DoubleRange(min = -179.9, max = 179.9) double orbital,
                                                           @ForAll @DoubleRange(min = -45, max = 45) double angular,
                                                           @ForAll @DoubleRange(min = 0, max = 511) double c,
                                                           @ForAll @DoubleRange(min = 0, max = 511) double r,
                                                           @ForAll @DoubleRange(min = 0.05, max = 1) double t) {
        CArm carm = CArm.at(ISO, orbital, angular);
        Vec3 onRay = carm.sourceLps().lerp(carm.pixelLps(c, r), t);
        double[] p = carm.project(onRay);
        assertEquals(c, p[0], 1e-6);
        assertEquals(r, p[1], 1e-6);
    }

    @Test
    void theIsocentreProjectsToTheImageCentreMagnifiedBySourceDetectorOverSourceIso() {
        CArm c = CArm.at(ISO, 30, 10);
        double[] centre = c.project(ISO);
        assertArrayEquals(new double[] {255.5, 255.5}, centre, 1e-9);
        assertEquals(1000.0 / 600, c.magnification(), 1e-12);
        // 10 mm beside the isocentre, across the beam along the detector's right: 10 * 1000 / 600 mm on the detector
        double[] beside = c.project(ISO.plusScaled(c.detectorRight(), 10));
        assertEquals(255.5 + 10 * 1000.0 / 600 / c.pixelMm(), beside[0], 1e-9);
        assertEquals(300.0 / 512, c.pixelMm(), 1e-12);
        assertNull(c.project(c.sourceLps().minus(c.beam())), "behind the source");
    }

    @Test
    void theTrueApOfATurnedVertebraLooksAlongItsPosteriorAxis() {
        VertebraFrame f = VertebraFrame.fromAngles(new Vec3(5, 30, -40), 12, 0, 8);
        CArm c = CArm.ap(ISO).trueAp(f);
        assertVec(f.posterior(), c.beam());
        assertVec(f.centreLps(), c.isoLps());
        // the endplates (the vertebra's superior axis) lie across the beam: seen edge on
        assertEquals(0, f.superior().dot(c.beam()), 1e-12);
        // a vertebra only turned is seen at orbital = its axial rotation; one only tilted at angular = its tilt
        CArm turned = CArm.ap(ISO).trueAp(VertebraFrame.fromAngles(ISO, 12, 0, 0));
        assertEquals(12, turned.orbitalDeg(), 1e-9);
        assertEquals(0, turned.angularDeg(), 1e-9);
        CArm tilted = CArm.ap(ISO).trueAp(VertebraFrame.fromAngles(ISO, 0, 0, 8));
        assertEquals(0, tilted.orbitalDeg(), 1e-9);
        assertEquals(8, tilted.angularDeg(), 1e-9);
    }

    @Test
    void impossibleGeometriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CArm(0, 0, 600, 500, ISO, 300, 512));
        assertThrows(IllegalArgumentException.class, () -> new CArm(0, 0, 0, 1000, ISO, 300, 512));
        assertThrows(IllegalArgumentException.class, () -> new CArm(Double.NaN, 0, 600, 1000, ISO, 300, 512));
        assertThrows(IllegalArgumentException.class, () -> new CArm(0, 0, 600, 1000, ISO, 300, 1));
        assertThrows(IllegalArgumentException.class, () -> new CArm(0, 0, 600, 1000, ISO, -3, 512));
    }
}
