package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The canal distance against an analytic canal: a cylinder of radius 8 mm along z (CSF, 15 HU) in a
 * 2 mm cortical ring (900 HU) in soft tissue, sampled on a 0.6 mm grid with partial-volume edges (the
 * occupancy of each voxel), so the wall lies exactly at r = 8. Needles pass at known distances, at
 * any angle; the distance is pinned to 0.1 mm.
 */
class CanalDistanceTest {

    static final double R = 8, RADIUS = 1.525, S = 0.6;
    static CanalSurface wall;

    static double hu(double x, double y) {
        double r = Math.hypot(x, y);
        double inCanal = occupancy(r - R), inRing = occupancy(r - (R + 2)) - inCanal;
        return 15 * inCanal + 900 * inRing + 40 * (1 - inCanal - inRing);
    }

    /** Fraction of a voxel of size S inside a surface at signed distance d (linear ramp). */
    static double occupancy(double d) {
        return Math.max(0, Math.min(1, 0.5 - d / S));
    }

    @BeforeAll
    static void build() {
        int n = 61, nz = 41;
        double o = -(n - 1) * S / 2, oz = -(nz - 1) * S / 2;
        short[] v = new short[n * n * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[i + n * (j + n * k)] = (short) Math.round(hu(o + i * S, o + j * S));
                }
            }
        }
        Volume grid = Volume.axisAligned(n, n, nz, v, new Vec3(o, o, oz), S, S, S);
        CanalSurface.Mask mask = (i, j, k) -> grid.get(i, j, k) < 200 && Math.hypot(o + i * S, o + j * S) < R + 1;
        wall = CanalSurface.of(grid, mask, p -> hu(p.x(), p.y()), 15);
    }

    /** A needle whose axis passes at {@code axisToCentreMm} from the canal's axis, turned by the angles. */
    static double distance(double axisToCentreMm, double headingDeg, double tiltDeg) {
        double h = Math.toRadians(headingDeg), t = Math.toRadians(tiltDeg);
        Vec3 u = new Vec3(Math.cos(h) * Math.cos(t), Math.sin(h) * Math.cos(t), Math.sin(t));
        Vec3 side = new Vec3(-Math.sin(h), Math.cos(h), 0);
        Vec3 closest = side.times(axisToCentreMm);
        Vec3 entry = closest.minus(u.times(20));
        return NeedleChecks.canalDistance(wall, entry, u, 40, RADIUS, 0.1);
    }

    @ParameterizedTest
    @CsvSource({"14,0,0", "11,30,0", "10,-50,20", "9.8,75,-30", "12.5,10,45"})
    void aNeedleBesideTheCanalReadsTheGapBetweenItsSurfaceAndTheWall(double d, double heading, double tilt) {
        // the gap along the common normal of the needle axis and the canal axis: d - R - radius
        assertEquals(d - R - RADIUS, distance(d, heading, tilt), 0.1);
    }

    @ParameterizedTest
    @CsvSource({"8.5,0,0", "7,40,10", "4,-20,0", "0,0,0", "0,60,30"})
    void aNeedleInTheCanalReadsHowDeepItReaches(double d, double heading, double tilt) {
        // its deepest point is where it passes nearest to the canal's axis: R - d deep (never more than R)
        double expected = -(R - Math.max(0, d - RADIUS));
        assertEquals(expected, distance(d, heading, tilt), 0.1, "axis " + d + " mm from the canal's axis");
    }
}
