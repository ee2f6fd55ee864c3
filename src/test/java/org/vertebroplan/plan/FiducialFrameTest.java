package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;

/** Marker-line coordinates with hand-computed answers, including the left/right sign. */
class FiducialFrameTest {

    // a prone patient's back: markers on the midline (x = 0) at the skin (y = 100), 25 mm apart
    final FiducialFrame frame = FiducialFrame.of(new Vec3(0, 100, 25), new Vec3(0, 100, 0), new Vec3(0, 100, -25));

    @Test
    void patientLeftIsPositiveLeftAndCranialIsPositiveAlong() {
        // 30 mm to the patient's left (+x in LPS), 10 mm cranial, on the skin
        FiducialFrame.SkinPoint p = frame.toSkin(new Vec3(30, 100, 10));
        assertEquals(10, p.alongMm(), 1e-12);
        assertEquals(30, p.leftMm(), 1e-12);
        assertEquals(0, p.aboveMm(), 1e-12);
        // the patient's right is negative
        assertEquals(-30, frame.toSkin(new Vec3(-30, 100, 10)).leftMm(), 1e-12);
    }

    @Test
    void aboveIsPosteriorOutOfTheBack() {
        assertEquals(5, frame.toSkin(new Vec3(0, 105, 0)).aboveMm(), 1e-12);
        assertEquals(new Vec3(0, 1, 0), frame.above());
    }

    @Test
    void aTiltedLineStillRoundTripsExactly() {
        FiducialFrame f = FiducialFrame.of(new Vec3(3, 110, 30), new Vec3(1, 104, 2), new Vec3(-1, 98, -27));
        Vec3 q = new Vec3(-22.5, 91.25, 14);
        assertTrue(f.toLps(f.toSkin(q)).distance(q) < 1e-9);
        assertEquals(0, f.along().dot(f.left()), 1e-12);
        assertEquals(1, f.above().norm(), 1e-12);
        assertTrue(f.lineResidualMm() > 0 && f.lineResidualMm() < 2, "residual " + f.lineResidualMm());
    }

    @Test
    void refusesMarkersGivenCaudalFirstOrTooClose() {
        assertThrows(IllegalArgumentException.class,
            () -> FiducialFrame.of(new Vec3(0, 100, -25), new Vec3(0, 100, 0), new Vec3(0, 100, 25)));
        assertThrows(IllegalArgumentException.class,
            () -> FiducialFrame.of(new Vec3(0, 100, 1), new Vec3(0, 100, 0), new Vec3(0, 100, -1)));
    }

    @Test
    void ofMarkersTakesThemCranialToCaudalWhateverTheirOrder() {
        java.util.List<Fiducial> shuffled = java.util.List.of(new Fiducial("M3", new Vec3(0, 100, -25)),
            new Fiducial("M1", new Vec3(0, 100, 25)), new Fiducial("M2", new Vec3(0, 100, 0)));
        FiducialFrame f = FiducialFrame.ofMarkers(shuffled);
        assertEquals(0, f.originLps().distance(new Vec3(0, 100, 0)), 1e-12);
        assertEquals(10, f.toSkin(new Vec3(0, 100, 10)).alongMm(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FiducialFrame.ofMarkers(shuffled.subList(0, 2)));
    }
}
