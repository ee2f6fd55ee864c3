package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.volume.Volume;

/**
 * The planning core on the synthetic phantom, written as DICOM in all four patient positions and read
 * back through the importer: markers found within 1 mm of the truth with the same LPS numbers in every
 * position, the true pedicle axes safe, and needles moved medially, laterally or through the front of
 * the body caught.
 */
class PhantomPlanningTest {

    static PhantomCases.Case phantom(PhantomPosition p) throws Exception {
        return PhantomCases.get(p);
    }

    static List<NeedleSafety> check(Volume v, List<Needle> needles) {
        return SafetyAnalyzer.check(v, needles.stream()
            .map(n -> new SafetyAnalyzer.Input(n.id(), n.entryLps(), n.targetLps(), n.diameterMm())).toList(),
            SafetyOptions.defaults());
    }

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void markersAreFoundWithinAMillimetreWithTheSameLpsInEveryPosition(PhantomPosition p) throws Exception {
        PhantomCases.Case c = phantom(p);
        FiducialDetector.Detection d = FiducialDetector.detect(c.volume(), FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> p + " " + d);
        for (int i = 0; i < 3; i++) {
            Vec3 truth = c.truth().fiducials().get(i).lps();
            double err = d.markers().get(i).lps().distance(truth);
            assertTrue(err < 1.0, p + " M" + (i + 1) + " off by " + err);
        }
        FiducialDetector.Detection reference = FiducialDetector.detect(phantom(PhantomPosition.HFP).volume(),
            FiducialOptions.defaults());
        for (int i = 0; i < 3; i++) {
            assertTrue(d.markers().get(i).lps().distance(reference.markers().get(i).lps()) < 0.01,
                p + " M" + (i + 1) + " differs from HFP");
        }
    }

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void theTruePedicleAxesAreSafeInEveryPosition(PhantomPosition p) throws Exception {
        PhantomCases.Case c = phantom(p);
        for (NeedleSafety s : check(c.volume(), c.truth().needles())) {
            assertEquals(NeedleSafety.Verdict.SAFE, s.verdict(), p + " " + s.id() + ": " + s.reasons());
            assertFalse(s.breach());
            assertTrue(s.targetInBody());
            // the truth says the needle surface clears the canal by about 2.7 mm
            assertEquals(2.7, s.canalDistanceMm(), 0.6, p + " " + s.id());
        }
    }

    static Needle shifted(Needle n, Vec3 by) {
        return new Needle(n.id(), n.side(), n.entryLps().plus(by), n.targetLps().plus(by), n.diameterMm(),
            n.workingLengthMm());
    }

    @Test
    void aNeedleMovedMediallyIsCaught() throws Exception {
        PhantomCases.Case c = phantom(PhantomPosition.HFP);
        Needle left = c.truth().needle("left");
        // 7 mm towards the midline (the patient's right, -x, for the left needle): into the canal
        NeedleSafety s = check(c.volume(), List.of(shifted(left, new Vec3(-7, 0, 0)))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals(BreachWall.MEDIAL, s.breachWall(), s.reasons().toString());
        assertTrue(s.canalDistanceMm() < 0);
    }

    @Test
    void aNeedleMovedLaterallyIsCaught() throws Exception {
        PhantomCases.Case c = phantom(PhantomPosition.FFS);
        Needle right = c.truth().needle("right");
        // 7 mm away from the midline (-x for the right needle): out of the side of the pedicle
        NeedleSafety s = check(c.volume(), List.of(shifted(right, new Vec3(-7, 0, 0)))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals(BreachWall.LATERAL, s.breachWall(), s.reasons().toString());
    }

    @Test
    void aNeedleThroughTheAnteriorCortexIsCaught() throws Exception {
        PhantomCases.Case c = phantom(PhantomPosition.HFS);
        Needle left = c.truth().needle("left");
        Vec3 u = left.direction();
        Needle deep = new Needle("left", left.side(), left.entryLps(), left.targetLps().plus(u.times(14)),
            left.diameterMm(), left.workingLengthMm());
        NeedleSafety s = check(c.volume(), List.of(deep)).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertFalse(s.targetInBody());
        assertTrue(s.breach());
        assertEquals(BreachWall.ANTERIOR, s.breachWall(), s.reasons().toString());
    }

    @Test
    void theProposalMatchesTheTruePedicles() throws Exception {
        PhantomCases.Case c = phantom(PhantomPosition.FFP);
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(c.volume(), new Vec3(1.5, 18, -142),
            SegmentationOptions.defaults());
        // isthmus centres from truth.json: left (17, 37.5, -140.5), right (-14, 37.5, -140.5); the pedicle is
        // an elliptic cylinder, so the proposal must run along its axis (its narrowest section may lie
        // anywhere along it)
        for (int i = 0; i < 2; i++) {
            Needle truth = c.truth().needles().get(i);
            Vec3 isthmus = new Vec3(i == 0 ? 17 : -14, 37.5, -140.5);
            double off = TrajectoryProposerTest.distanceToLine(isthmus, p.get(i).entryLps(), p.get(i).targetLps());
            assertTrue(off < 1.0, p.get(i) + " passes " + off + " mm from the isthmus centre");
            double angle = Math.toDegrees(Math.acos(truth.direction().dot(p.get(i).targetLps()
                .minus(p.get(i).entryLps()).normalized())));
            assertTrue(angle < 3, "angle to the pedicle axis " + angle);
            assertEquals(NeedleGauge.G11, p.get(i).gauge());
        }
        List<NeedleSafety> s = check(c.volume(), List.of(
            new Needle("left", Side.LEFT, p.get(0).entryLps(), p.get(0).targetLps(), 3.05, 120),
            new Needle("right", Side.RIGHT, p.get(1).entryLps(), p.get(1).targetLps(), 3.05, 120)));
        for (NeedleSafety n : s) {
            assertEquals(NeedleSafety.Verdict.SAFE, n.verdict(), n.id() + ": " + n.reasons());
        }
    }
}
