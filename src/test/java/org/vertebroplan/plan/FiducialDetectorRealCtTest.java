package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Skin-marker detection on the real chest CT {@code ct-real-2} (512 x 512 x 96, 0.78 mm pixels, 1 mm slices,
 * feet-first supine, no markers), with seeded speckle (voxels and pairs of 2000-3000 HU in the patient's soft
 * tissue, under the skin and in bone, and a streak), alone and with three 2.5 mm beads pasted on the right
 * flank, where air lies next to the skin (the back rests on the table pad). Real anatomy, real noise, a
 * real couch.
 */
class FiducialDetectorRealCtTest {

    /** The patient, not the couch: an ellipse around the body's outline in every slice. */
    static final Predicate<Vec3> IN_PATIENT = p -> Math.pow(p.x() / 142, 2) + Math.pow((p.y() - 166) / 118, 2) < 1;

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

    /** Three bead centres on the right flank skin, 25 mm apart cranio-caudally (slices 23, 48 and 73). */
    static List<Vec3> flankBeads(double diameterMm) {
        List<Vec3> beads = new ArrayList<>();
        for (int k : new int[] {73, 48, 23}) {
            Vec3 c = MarkerScenes.onSkin(ct, ct.lpsOf(150, 300, k), new Vec3(-1, 0, 0), diameterMm / 2, 4);
            assertNotNull(c, "no air beside the skin at slice " + k);
            beads.add(c);
        }
        return beads;
    }

    static void assertNoiseRejected(FiducialDetector.Detection d, MarkerScenes.Speckled s) {
        for (Vec3 p : s.speckleLps()) {
            MarkerCandidate c = FiducialDetectorPhantomTest.nearest(d.rejected(), p);
            assertTrue(c != null && c.lps().distance(p) < 2, "speckle at " + p + " not reported");
            assertTrue(FiducialDetectorPhantomTest.SPECKLE_REASONS.stream().anyMatch(r -> c.rejection().startsWith(r)),
                c.toString());
        }
        MarkerCandidate streak = FiducialDetectorPhantomTest.nearest(d.rejected(), s.streakCentreLps());
        assertTrue(streak.rejection().startsWith("elongated"), streak.toString());
    }

    @Test
    void theCtAloneHasNoMarkersAndItsSpeckleIsRejected() {
        FiducialDetector.Detection clean = FiducialDetector.detect(ct, FiducialOptions.defaults());
        assertEquals(List.of(), clean.markers());
        assertEquals(List.of(), clean.rejected(), "the couch, bones and skin are not candidates");

        MarkerScenes.Speckled s = MarkerScenes.speckle(ct, 5, 60, List.of(), true, IN_PATIENT);
        FiducialDetector.Detection d = FiducialDetector.detect(s.volume(), FiducialOptions.defaults());
        assertEquals(List.of(), d.markers(), () -> d.markers().toString());
        assertEquals(s.speckleLps().size() + 1, d.rejected().size());
        assertNoiseRejected(d, s);
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).startsWith("found 0 skin markers where 3 are expected (61 candidate(s)"),
            d.warnings().get(0));
        long noise = d.rejected().stream().filter(c -> c.rejection().startsWith("isolated noise voxel")).count();
        assertTrue(noise >= s.speckleLps().size() / 2, noise + " of " + s.speckleLps().size() + " told as noise");
    }

    @Test
    void threeBeadsPastedOnTheFlankAreFoundExactlyAmongTheSpeckle() {
        List<Vec3> beads = flankBeads(2.5);
        Volume withBeads = MarkerScenes.withBeads(ct, beads, 2.5, 3000, 0.4);
        MarkerScenes.Speckled s = MarkerScenes.speckle(withBeads, 5, 60, beads, true, IN_PATIENT);
        FiducialDetector.Detection d = FiducialDetector.detect(s.volume(), FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> d.markers() + "\n" + d.warnings());
        for (int n = 0; n < 3; n++) {
            double err = d.markers().get(n).lps().distance(beads.get(n));
            int m = n + 1;
            assertTrue(err < 0.3, () -> "M" + m + " off by " + err + ": " + d.markers().get(m - 1));
            assertEquals(2.5, d.markers().get(n).diameterMm(), 0.25);
            assertTrue(d.markers().get(n).outward().x() < -0.9, "the right flank faces -x");
        }
        assertEquals(List.of(), d.warnings());
        assertTrue(d.pattern().fits(), d.pattern().toString());
        assertNoiseRejected(d, s);
    }

    @Test
    void smallSteelBeadsAreKeptOnThickSlicesOfTheRealCt() {
        // 1.5 mm steel beads (about 12000 HU, stored clipped at 3071), the CT averaged into 3 mm slices
        List<Vec3> beads = flankBeads(1.5);
        Volume thick = slabs(MarkerScenes.withBeads(ct, beads, 1.5, 12000, 0.4), 3);
        FiducialDetector.Detection d = FiducialDetector.detect(thick, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> d.markers() + "\n" + d.warnings());
        for (int n = 0; n < 3; n++) {
            Vec3 e = d.markers().get(n).lps().minus(beads.get(n));
            assertTrue(Math.hypot(e.x(), e.y()) < 0.3, "M" + (n + 1) + " in-plane " + e);
            // a 1.5 mm bead inside one 3 mm slice could be anywhere within 0.75 mm of its centre
            assertTrue(Math.abs(e.z()) < 0.75 + 0.3, "M" + (n + 1) + " along z " + e);
        }
    }

    /** {@code v} with every {@code group} slices averaged into one (thick slices). */
    static Volume slabs(Volume v, int group) {
        int nz = v.nz() / group, plane = v.nx() * v.ny();
        short[] out = new short[plane * nz];
        for (int k = 0; k < nz; k++) {
            for (int p = 0; p < plane; p++) {
                int sum = 0;
                for (int t = 0; t < group; t++) {
                    sum += v.voxels()[p + plane * (k * group + t)];
                }
                out[p + plane * k] = (short) Math.round(sum / (double) group);
            }
        }
        double[] sp = v.spacingMm();
        return Volume.axisAligned(v.nx(), v.ny(), nz, out, v.lpsOf(0, 0, (group - 1) / 2.0), sp[0], sp[1],
            sp[2] * group);
    }
}
