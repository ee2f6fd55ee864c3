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

    static final Vec3 PEDICLE_CENTRE = SyntheticVertebra.PEDICLE_CENTRE;
    static final Vec3 TARGET = SyntheticVertebra.TARGET;
    static Volume ct;

    @BeforeAll
    static void buildCt() {
        ct = SyntheticVertebra.ct();
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
        assertEquals(BreachWall.MEDIAL, s.breachWall());
        assertTrue(s.canalDistanceMm() < 0, "canal distance " + s.canalDistanceMm());
        assertNotNull(s.breachAtLps());
    }

    @Test
    void aNeedleMovedLaterallyOutOfThePedicleIsUnsafe() {
        NeedleSafety s = check(entryOnAxis().plus(new Vec3(9, 0, 0)), TARGET.plus(new Vec3(3, 0, 0)));
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals(BreachWall.LATERAL, s.breachWall(), s.reasons().toString());
    }

    @Test
    void aNeedleThroughTheAnteriorCortexIsUnsafe() {
        Vec3 d = TARGET.minus(PEDICLE_CENTRE).normalized();
        Vec3 deepTarget = TARGET.plus(d.times(16)); // beyond the front of the body (r 18)
        NeedleSafety s = check(entryOnAxis(), deepTarget);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertFalse(s.targetInBody());
        assertTrue(s.breach());
        assertEquals(BreachWall.ANTERIOR, s.breachWall(), s.reasons().toString());
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

    @Test
    void verdictsDoNotDependOnTheNeedlesOrder() {
        SafetyAnalyzer.Input left = new SafetyAnalyzer.Input("left", entryOnAxis(), TARGET, 3.05);
        Vec3 e = entryOnAxis();
        SafetyAnalyzer.Input right = new SafetyAnalyzer.Input("right", new Vec3(-e.x(), e.y(), e.z()),
            new Vec3(-TARGET.x(), TARGET.y(), TARGET.z()), 3.05);
        List<NeedleSafety> ab = SafetyAnalyzer.check(ct, List.of(left, right), SafetyOptions.defaults());
        List<NeedleSafety> ba = SafetyAnalyzer.check(ct, List.of(right, left), SafetyOptions.defaults());
        assertEquals(ab.get(0), ba.get(1));
        assertEquals(ab.get(1), ba.get(0));
        // the mirror-image needles of a symmetric vertebra get the same canal distance
        assertEquals(ab.get(0).canalDistanceMm(), ab.get(1).canalDistanceMm(), 0.3);
    }
}
