package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Planning on the real chest CT {@code ct-real-2} (supine, lower thoracic spine, no skin markers).
 * The needles below were placed by hand on the axial slice at z = -637.8 mm: the pedicle centres read
 * off the image at (4, 240) left and (-23, 240) right, the body from y = 205 (anterior cortex) to
 * y = 232 (posterior wall), the canal centred at x = -9.5.
 */
class RealCtPlanningTest {

    static final double Z = -637.8;
    static Volume ct;

    /**
     * Loads the CT once, before each test rather than in a {@code @BeforeAll}: without the shared data
     * every test is then reported as skipped (with the reason) instead of vanishing from the report.
     */
    @BeforeEach
    void load() throws Exception {
        java.nio.file.Path dir = TestData.require("ct-real-2");
        if (ct == null) {
            ct = DicomImport.loadVolume(dir, ProgressListener.NONE);
        }
    }

    static NeedleSafety check(String id, Vec3 entry, Vec3 target) {
        return SafetyAnalyzer.check(ct, List.of(new SafetyAnalyzer.Input(id, entry, target, 3.05)),
            SafetyOptions.defaults()).get(0);
    }

    @Test
    void handPlacedTranspedicularNeedlesAreSafe() {
        NeedleSafety left = check("left", new Vec3(22, 286.7, Z), new Vec3(-6, 214, Z));
        NeedleSafety right = check("right", new Vec3(-40.9, 286.7, Z), new Vec3(-13, 214, Z));
        for (NeedleSafety s : List.of(left, right)) {
            assertEquals(NeedleSafety.Verdict.SAFE, s.verdict(), s.id() + ": " + s.reasons());
            assertFalse(s.breach(), s.id());
            assertTrue(s.targetInBody(), s.id());
            assertTrue(s.canalDistanceMm() > 2 && s.canalDistanceMm() < 8, s.id() + " " + s.canalDistanceMm());
        }
    }

    @Test
    void aMidlineNeedleThroughTheCanalIsUnsafe() {
        NeedleSafety s = check("mid", new Vec3(-9.5, 290, Z), new Vec3(-9.5, 214, Z));
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertTrue(s.canalDistanceMm() < 0, "canal distance " + s.canalDistanceMm());
        assertTrue(s.reasons().stream().anyMatch(r -> r.contains("spinal canal")), s.reasons().toString());
    }

    @Test
    void aNeedleMovedMediallyIntoTheCanalIsUnsafe() {
        // the left needle with its entry moved 12 mm towards the midline: it crosses the canal
        NeedleSafety s = check("left", new Vec3(10, 286.7, Z), new Vec3(-6, 214, Z));
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
    }

    @Test
    void theProposalFollowsTheHandPlacedPedicles() throws Exception {
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(ct, new Vec3(-9.6, 222, Z),
            SegmentationOptions.defaults());
        // the needles pass the hand-read pedicle centres (on the axial slice Z) within 3 mm and converge
        assertTrue(TrajectoryProposerTest.distanceToLine(new Vec3(4, 240, Z), p.get(0).entryLps(), p.get(0).targetLps())
            < 3, p.get(0).toString());
        assertTrue(TrajectoryProposerTest.distanceToLine(new Vec3(-23, 240, Z), p.get(1).entryLps(),
            p.get(1).targetLps()) < 3, p.get(1).toString());
        assertTrue(p.get(0).entryLps().x() > p.get(0).targetLps().x() && p.get(1).entryLps().x() < p.get(1).targetLps().x());
        List<NeedleSafety> s = SafetyAnalyzer.check(ct, List.of(
            new SafetyAnalyzer.Input("left", p.get(0).entryLps(), p.get(0).targetLps(), 3.05),
            new SafetyAnalyzer.Input("right", p.get(1).entryLps(), p.get(1).targetLps(), 3.05)),
            SafetyOptions.defaults());
        for (NeedleSafety n : s) {
            assertEquals(NeedleSafety.Verdict.SAFE, n.verdict(), n.id() + ": " + n.reasons());
        }
    }

    @Test
    void thereAreNoSkinMarkersInThisCt() {
        FiducialDetector.Detection d = FiducialDetector.detect(ct, FiducialOptions.defaults());
        assertEquals(0, d.markers().size());
        assertEquals(1, d.warnings().size());
    }
}
