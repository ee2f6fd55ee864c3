package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;

/**
 * Depth and angles against hand-computed cases (docs/architecture.md: S = +z, A = -y, M = -x for a left needle,
 * +x for a right one; LPS: +x is patient left, +y posterior).
 */
class NeedleGeometryTest {

    static final double EPS = 1e-9;
    /** atan(1/3) and asin(1/sqrt(10)) in degrees, by hand: 18.43494882... */
    static final double ATAN_THIRD_DEG = 18.434948822922010;

    @Test
    void leftNeedleConvergingMediallyHasPositiveAbduction() {
        // entry 40 mm left of the midline, tip 10 mm towards the midline (-x) and 30 mm anterior (-y)
        NeedleGeometry g = NeedleGeometry.of(Side.LEFT, new Vec3(40, 80, 0), new Vec3(30, 50, 0));
        assertEquals(Math.sqrt(1000), g.depthMm(), EPS);
        assertEquals(0, g.cranialDeg(), EPS);
        assertEquals(ATAN_THIRD_DEG, g.abductionDeg(), EPS);
    }

    @Test
    void rightNeedleMirroredHasTheSameAngles() {
        NeedleGeometry g = NeedleGeometry.of(Side.RIGHT, new Vec3(-40, 80, 0), new Vec3(-30, 50, 0));
        assertEquals(Math.sqrt(1000), g.depthMm(), EPS);
        assertEquals(ATAN_THIRD_DEG, g.abductionDeg(), EPS);
    }

    @Test
    void needlePointingAwayFromTheMidlineHasNegativeAbduction() {
        assertEquals(-ATAN_THIRD_DEG,
            NeedleGeometry.of(Side.LEFT, new Vec3(20, 80, 0), new Vec3(30, 50, 0)).abductionDeg(), EPS);
        assertEquals(-ATAN_THIRD_DEG,
            NeedleGeometry.of(Side.RIGHT, new Vec3(-20, 80, 0), new Vec3(-30, 50, 0)).abductionDeg(), EPS);
        // the same lateral-going direction read as the other side's needle converges
        assertEquals(ATAN_THIRD_DEG,
            NeedleGeometry.of(Side.RIGHT, new Vec3(20, 80, 0), new Vec3(30, 50, 0)).abductionDeg(), EPS);
    }

    @Test
    void cranialAngleIsPositiveWhenTheTipHeadsCranially() {
        NeedleGeometry up = NeedleGeometry.of(Side.LEFT, new Vec3(0, 80, 0), new Vec3(0, 50, 10));
        assertEquals(ATAN_THIRD_DEG, up.cranialDeg(), EPS); // asin(10 / sqrt(1000)) = atan(1/3)
        assertEquals(0, up.abductionDeg(), EPS);
        NeedleGeometry down = NeedleGeometry.of(Side.RIGHT, new Vec3(0, 80, 0), new Vec3(0, 50, -10));
        assertEquals(-ATAN_THIRD_DEG, down.cranialDeg(), EPS);
    }

    @Test
    void threeFourTwelveThirteen() {
        // d = (-3, -4, 12): |d| = 13; cranial = asin(12/13) = 67.38013505...; abduction = atan2(3, 4) = 36.86989765...
        NeedleGeometry g = NeedleGeometry.of(Side.LEFT, new Vec3(10, 20, 30), new Vec3(7, 16, 42));
        assertEquals(13, g.depthMm(), EPS);
        assertEquals(67.38013505195957, g.cranialDeg(), 1e-9);
        assertEquals(36.86989764584402, g.abductionDeg(), 1e-9);
    }

    @Test
    void targetFromInvertsTheAngles() {
        Vec3 entry = new Vec3(35.2, 95.1, -140.3);
        for (Side side : Side.values()) {
            for (double c : new double[] {-30, -5, 0, 12.5}) {
                for (double a : new double[] {-10, 0, 19.3, 45}) {
                    Vec3 t = NeedleGeometry.targetFrom(side, entry, c, a, 87.5);
                    NeedleGeometry g = NeedleGeometry.of(side, entry, t);
                    assertEquals(87.5, g.depthMm(), 1e-9);
                    assertEquals(c, g.cranialDeg(), 1e-9);
                    assertEquals(a, g.abductionDeg(), 1e-9);
                }
            }
        }
        // a left needle converging 90 degrees goes straight to patient right (-x)
        Vec3 t = NeedleGeometry.targetFrom(Side.LEFT, Vec3.ZERO, 0, 90, 10);
        assertEquals(-10, t.x(), 1e-9);
    }

    @Test
    void needleRecordRejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class,
            () -> new Needle("x", Side.LEFT, Vec3.ZERO, Vec3.ZERO, 3.05, 100));
        assertThrows(IllegalArgumentException.class,
            () -> new Needle("x", Side.LEFT, Vec3.ZERO, Vec3.X, 0, 100));
    }
}
