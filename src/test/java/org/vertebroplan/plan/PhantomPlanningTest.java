package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The planning core on the synthetic phantom, written as DICOM in all four patient positions and read
 * back through the importer: markers found within 1 mm of the truth with the same LPS numbers in every
 * position, the true pedicle axes safe, and needles moved medially, laterally or through the front of
 * the body caught.
 */
class PhantomPlanningTest {

    record Case(Volume volume, Plan truth) {
    }

    static final Map<PhantomPosition, Case> CASES = new EnumMap<>(PhantomPosition.class);
    static Path tmp;

    static synchronized Case phantom(PhantomPosition p) throws Exception {
        if (!CASES.containsKey(p)) {
            if (tmp == null) {
                tmp = Files.createTempDirectory("vp-phantom-planning");
            }
            PhantomCase.Result r = PhantomCase.write(tmp.resolve(p.name()), PhantomOptions.of(7, p));
            CASES.put(p, new Case(DicomImport.loadVolume(r.dicomDir(), ProgressListener.NONE), r.plan()));
        }
        return CASES.get(p);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static List<NeedleSafety> check(Volume v, List<Needle> needles) {
        return SafetyAnalyzer.check(v, needles.stream()
            .map(n -> new SafetyAnalyzer.Input(n.id(), n.entryLps(), n.targetLps(), n.diameterMm())).toList(),
            SafetyOptions.defaults());
    }

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void markersAreFoundWithinAMillimetreWithTheSameLpsInEveryPosition(PhantomPosition p) throws Exception {
        Case c = phantom(p);
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
        Case c = phantom(p);
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
        Case c = phantom(PhantomPosition.HFP);
        Needle left = c.truth().needle("left");
        // 7 mm towards the midline (the patient's right, -x, for the left needle): into the canal
        NeedleSafety s = check(c.volume(), List.of(shifted(left, new Vec3(-7, 0, 0)))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals("medial", s.breachWall(), s.reasons().toString());
        assertTrue(s.canalDistanceMm() < 0);
    }

    @Test
    void aNeedleMovedLaterallyIsCaught() throws Exception {
        Case c = phantom(PhantomPosition.FFS);
        Needle right = c.truth().needle("right");
        // 7 mm away from the midline (-x for the right needle): out of the side of the pedicle
        NeedleSafety s = check(c.volume(), List.of(shifted(right, new Vec3(-7, 0, 0)))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertTrue(s.breach());
        assertEquals("lateral", s.breachWall(), s.reasons().toString());
    }

    @Test
    void aNeedleThroughTheAnteriorCortexIsCaught() throws Exception {
        Case c = phantom(PhantomPosition.HFS);
        Needle left = c.truth().needle("left");
        Vec3 u = left.direction();
        Needle deep = new Needle("left", left.side(), left.entryLps(), left.targetLps().plus(u.times(14)),
            left.diameterMm(), left.workingLengthMm());
        NeedleSafety s = check(c.volume(), List.of(deep)).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict(), s.reasons().toString());
        assertFalse(s.targetInBody());
        assertTrue(s.breach());
        assertEquals("anterior", s.breachWall(), s.reasons().toString());
    }

    @Test
    void theProposalMatchesTheTruePedicles() throws Exception {
        Case c = phantom(PhantomPosition.FFP);
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(c.volume(), new Vec3(1.5, 18, -142),
            SegmentationOptions.defaults());
        // isthmus centres from truth.json: left (17, 37.5, -140.5), right (-14, 37.5, -140.5)
        assertTrue(p.get(0).pedicleCentreLps().distance(new Vec3(17, 37.5, -140.5)) < 3, p.get(0).toString());
        assertTrue(p.get(1).pedicleCentreLps().distance(new Vec3(-14, 37.5, -140.5)) < 3, p.get(1).toString());
        List<NeedleSafety> s = check(c.volume(), List.of(
            new Needle("left", Side.LEFT, p.get(0).entryLps(), p.get(0).targetLps(), 3.05, 120),
            new Needle("right", Side.RIGHT, p.get(1).entryLps(), p.get(1).targetLps(), 3.05, 120)));
        for (NeedleSafety n : s) {
            assertEquals(NeedleSafety.Verdict.SAFE, n.verdict(), n.id() + ": " + n.reasons());
        }
    }
}
