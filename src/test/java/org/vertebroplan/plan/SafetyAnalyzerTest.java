package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The safety check on a small synthetic vertebra with a known canal and pedicle: a right-placed
 * transpedicular needle is safe; needles moved medially, laterally or through the front are caught.
 */
class SafetyAnalyzerTest {

    static final Vec3 PEDICLE_CENTRE = new Vec3(12.5, 26, 0);   // patient-left pedicle
    static final Vec3 TARGET = new Vec3(4, -8, 0);             // anterior third of the body
    static final double CANAL_RADIUS = 8;
    static Volume ct;

    /** Body: cylinder r 18 (z in +-12) centred at the origin; canal: r 8 at (0, 28); pedicles around
     * the line PEDICLE_CENTRE -> TARGET and its mirror, radius 4; lamina behind the canal. */
    static int hu(Vec3 p) {
        double rBody = Math.hypot(p.x(), p.y());
        if (Math.abs(p.z()) <= 12 && rBody <= 18) {
            return (rBody > 16.5 || Math.abs(p.z()) > 10.5) ? 800 : 150;
        }
        if (Math.hypot(p.x(), p.y() - 28) <= CANAL_RADIUS) {
            return 20;
        }
        Vec3 mirrored = new Vec3(Math.abs(p.x()), p.y(), p.z());
        Vec3 d = TARGET.minus(PEDICLE_CENTRE).normalized();
        Vec3 rel = mirrored.minus(PEDICLE_CENTRE);
        double along = rel.dot(d);
        double radial = rel.minus(d.times(along)).norm();
        if (p.y() >= 10 && p.y() <= 40 && radial <= 4 && Math.abs(p.z()) <= 6) {
            return radial > 2.5 ? 800 : 150;
        }
        if (p.y() >= 36 && p.y() <= 44 && Math.abs(p.x()) <= 21 && Math.abs(p.z()) <= 6) {
            return Math.abs(p.x()) > 19.5 || p.y() > 42.5 || p.y() < 37.5 ? 800 : 150; // lamina: closes the ring, caps the pedicles
        }
        return 40;
    }

    @BeforeAll
    static void buildCt() {
        int nx = 160, ny = 180, nz = 80;
        Vec3 origin = new Vec3(-40, -30, -20);
        short[] v = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[i + nx * (j + ny * k)] = (short) hu(origin.plus(new Vec3(i * 0.5, j * 0.5, k * 0.5)));
                }
            }
        }
        ct = Volume.axisAligned(nx, ny, nz, v, origin, 0.5, 0.5, 0.5);
    }

    static NeedleSafety check(Vec3 entry, Vec3 target) {
        SafetyAnalyzer.Input n = new SafetyAnalyzer.Input("left", entry, target, 3.05);
        return SafetyAnalyzer.check(ct, List.of(n), SafetyOptions.defaults()).get(0);
    }

    static Vec3 entryOnAxis() {
        Vec3 d = TARGET.minus(PEDICLE_CENTRE).normalized();
        return PEDICLE_CENTRE.minus(d.times(60));
    }

    @Test
    void theTruePedicleAxisIsSafe() {
        NeedleSafety s = check(entryOnAxis(), TARGET);
        assertEquals(NeedleSafety.Verdict.SAFE, s.verdict(), s.reasons() + " at " + s.breachAtLps() + " entry " + entryOnAxis());
        assertFalse(s.breach());
        assertTrue(s.targetInBody());
        // the canal is everything the bony ring encloses, so it reaches the pedicle's medial wall: on
        // the pedicle axis that wall is the pedicle radius (4) away, minus the needle radius (1.525)
        assertEquals(4 - 1.525, s.canalDistanceMm(), 0.3);
    }

    @Test
    void aNeedleMovedMediallyIntoTheCanalIsUnsafe() {
        Vec3 shift = new Vec3(-7, 0, 0);
        NeedleSafety s = check(entryOnAxis().plus(shift), TARGET.plus(new Vec3(-3, 0, 0)));
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertTrue(s.breach());
        assertEquals("medial", s.breachWall());
        assertTrue(s.canalDistanceMm() < 0, "canal distance " + s.canalDistanceMm());
        assertNotNull(s.breachAtLps());
    }

    @Test
    void aNeedleMovedLaterallyOutOfThePedicleIsUnsafe() {
        NeedleSafety s = check(entryOnAxis().plus(new Vec3(9, 0, 0)), TARGET.plus(new Vec3(3, 0, 0)));
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals("lateral", s.breachWall(), s.reasons().toString());
    }

    @Test
    void aNeedleThroughTheAnteriorCortexIsUnsafe() {
        Vec3 d = TARGET.minus(PEDICLE_CENTRE).normalized();
        Vec3 deepTarget = TARGET.plus(d.times(16)); // beyond the front of the body (r 18)
        NeedleSafety s = check(entryOnAxis(), deepTarget);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertFalse(s.targetInBody());
        assertTrue(s.breach());
        assertEquals("anterior", s.breachWall(), s.reasons().toString());
    }

    @Test
    void twoNeedlesThatTouchGetAWarning() {
        SafetyAnalyzer.Input left = new SafetyAnalyzer.Input("left", entryOnAxis(), TARGET, 3.05);
        Vec3 mirrorEntry = new Vec3(-entryOnAxis().x(), entryOnAxis().y(), entryOnAxis().z());
        SafetyAnalyzer.Input right = new SafetyAnalyzer.Input("right", mirrorEntry, new Vec3(1, -8, 0), 3.05);
        List<NeedleSafety> r = SafetyAnalyzer.check(ct, List.of(left, right), SafetyOptions.defaults());
        assertTrue(r.get(0).reasons().stream().anyMatch(x -> x.contains("needle right")), r.get(0).reasons().toString());
        assertEquals(NeedleSafety.Verdict.WARNING, r.get(0).verdict(), r.get(0).reasons().toString());
    }

    @Test
    void segmentDistanceHandCases() {
        // parallel, 3 apart
        assertEquals(3, SafetyAnalyzer.segmentDistance(Vec3.ZERO, new Vec3(10, 0, 0), new Vec3(0, 3, 0),
            new Vec3(10, 3, 0)), 1e-12);
        // crossing skew lines 2 apart in z
        assertEquals(2, SafetyAnalyzer.segmentDistance(new Vec3(-5, 0, 0), new Vec3(5, 0, 0), new Vec3(0, -5, 2),
            new Vec3(0, 5, 2)), 1e-12);
        // end points closest
        assertEquals(5, SafetyAnalyzer.segmentDistance(Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(4, 4, 0),
            new Vec3(4, 9, 0)), 1e-12);
    }
}
