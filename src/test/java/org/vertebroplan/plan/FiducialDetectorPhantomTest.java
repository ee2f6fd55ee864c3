package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomGrid;
import org.vertebroplan.phantom.PhantomVolume;
import org.vertebroplan.volume.Volume;

/**
 * Skin-marker detection on the phantom's back (three 2.5 mm beads of 3000 HU, 25 mm apart on the midline,
 * truth in PhantomAnatomy) made noisy the way real scans are: seeded speckle voxels and pairs of 2000-3000 HU
 * in soft tissue, under the skin and in bone, and a bright streak; on thin and on 3 mm slices, stored axial,
 * sagittal or coronal, and with a fourth bead off the line.
 */
class FiducialDetectorPhantomTest {

    static final List<Vec3> TRUTH = MarkerScenes.phantomMarkers();
    /** Why speckle may be rejected: as noise, or before that for lying deep in the body or in bone. */
    static final Set<String> SPECKLE_REASONS = Set.of("isolated noise voxel", "too small", "not on the skin",
        "inside bone");

    static Volume thin;
    static MarkerScenes.Speckled speckled;

    @BeforeAll
    static void scenes() {
        thin = MarkerScenes.phantomBack(1, 80, 7);
        speckled = MarkerScenes.speckle(thin, 11, 40, TRUTH, true);
    }

    /** The three markers are the truth, M1..M3 cranial to caudal, each within {@code tolMm}. */
    static void assertTruth(FiducialDetector.Detection d, double tolMm) {
        assertEquals(3, d.markers().size(), () -> "markers " + d.markers() + "\nwarnings " + d.warnings());
        for (int n = 0; n < 3; n++) {
            double err = d.markers().get(n).lps().distance(TRUTH.get(n));
            int m = n + 1;
            assertTrue(err < tolMm, () -> "M" + m + " off by " + err + " mm: " + d.markers().get(m - 1));
        }
    }

    /** Every speckle was found and rejected for a speckle's reason, the streak as elongated. */
    static void assertNoiseRejected(FiducialDetector.Detection d, MarkerScenes.Speckled s) {
        for (Vec3 p : s.speckleLps()) {
            MarkerCandidate c = nearest(d.rejected(), p);
            assertNotNull(c, "speckle at " + p + " not reported");
            assertTrue(c.lps().distance(p) < 2, "speckle at " + p + " not reported; nearest " + c);
            assertTrue(SPECKLE_REASONS.stream().anyMatch(r -> c.rejection().startsWith(r)), c.toString());
        }
        MarkerCandidate streak = nearest(d.rejected(), s.streakCentreLps());
        assertTrue(streak.rejection().startsWith("elongated"), streak.toString());
    }

    static MarkerCandidate nearest(List<MarkerCandidate> list, Vec3 p) {
        MarkerCandidate best = null;
        for (MarkerCandidate c : list) {
            if (best == null || c.lps().distance(p) < best.lps().distance(p)) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void thinSlicesWithSpeckleAndAStreakGiveExactlyTheThreeBeads() {
        FiducialDetector.Detection d = FiducialDetector.detect(speckled.volume(), FiducialOptions.defaults());
        assertTruth(d, 0.3);
        assertEquals(List.of(), d.warnings());
        assertNoiseRejected(d, speckled);
        // most speckle is told as noise, not only rejected for where it lies
        long noise = d.rejected().stream().filter(c -> c.rejection().startsWith("isolated noise voxel")).count();
        assertTrue(noise >= speckled.speckleLps().size() / 2, noise + " of " + speckled.speckleLps().size());
        // the speckle just under the skin (every sixth) is on the skin, so only the noise rule can reject it
        for (int i = 0; i < speckled.speckleLps().size(); i += 6) {
            MarkerCandidate c = nearest(d.rejected(), speckled.speckleLps().get(i));
            assertTrue(c.rejection().startsWith("isolated noise voxel") || c.rejection().startsWith("too small"),
                c.toString());
        }
        MarkerPattern p = d.pattern();
        assertTrue(p.fits());
        assertEquals(25, p.spacing12Mm(), 0.2);
        assertEquals(25, p.spacing23Mm(), 0.2);
        for (MarkerCandidate m : d.markers()) {
            assertEquals(2.5, m.diameterMm(), 0.25, m.toString());
            assertTrue(m.outward().y() > 0.9, "the back faces posterior: " + m.outward());
        }
    }

    /**
     * 3 mm slices made the way a scanner makes them (each slice the mean over its thickness of 0.5 mm
     * samples), with the slice boundaries moved so that the beads fall across them or inside one slice (the
     * beads are 25 mm apart, so each shift puts the three at three other places in their slices): partial
     * volume along z leaves some beads far below the metal threshold (down to about 600 HU).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1.25})
    void threeMillimetreSlicesKeepTheBeadsWithinAThirdOfAMillimetre(double shiftMm) {
        Volume thick = MarkerScenes.thickSlices(3, 6, 81, shiftMm, 7);
        MarkerScenes.Speckled s = MarkerScenes.speckle(thick, 5, 30, TRUTH, false);
        FiducialDetector.Detection d = FiducialDetector.detect(s.volume(), FiducialOptions.defaults());
        assertTruth(d, 0.3);
        assertEquals(List.of(), d.warnings());
        for (Vec3 p : s.speckleLps()) {
            MarkerCandidate c = nearest(d.rejected(), p);
            assertTrue(c.lps().distance(p) < 3, "speckle at " + p + " not reported");
            assertTrue(SPECKLE_REASONS.stream().anyMatch(r -> c.rejection().startsWith(r)), c.toString());
        }
    }

    /**
     * The phantom sampled straight on a 3 mm grid (its own sampler: the model at the slice centres, edges
     * blurred over the mean voxel size) shows a bead 1 mm from a slice centre in that slice only: the
     * detector finds it, in-plane within 0.3 mm, and along z in that slice (no data can say where in it).
     */
    @Test
    void thePhantomsOwnThreeMillimetreGridFindsTheBeadsInTheirSlices() {
        PhantomGrid g = MarkerScenes.backGrid(3, 81);
        Volume v = PhantomVolume.sample(g, 7, 12);
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> d.toString());
        for (int n = 0; n < 3; n++) {
            Vec3 e = d.markers().get(n).lps().minus(TRUTH.get(n));
            assertTrue(Math.hypot(e.x(), e.y()) < 0.3, "M" + (n + 1) + " in-plane " + e);
            double sliceOffset = Math.abs(Math.IEEEremainder(TRUTH.get(n).z() - g.originLps().z(), g.dz()));
            assertTrue(Math.abs(e.z()) < sliceOffset + 0.1, "M" + (n + 1) + " along z " + e.z() + ", truth "
                + sliceOffset + " mm from its slice centre");
        }
    }

    @ParameterizedTest
    @EnumSource(MarkerScenes.Storage.class)
    void sagittalAndCoronalStorageGiveTheSameMarkersAsAxial(MarkerScenes.Storage storage) {
        Volume v = MarkerScenes.stored(speckled.volume(), storage);
        if (storage != MarkerScenes.Storage.AXIAL) {
            assertTrue(Math.abs(v.ijkToLps().column(2).normalized().z()) < 0.01, "slices are not axial");
        }
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        FiducialDetector.Detection axial = FiducialDetector.detect(speckled.volume(), FiducialOptions.defaults());
        assertTruth(d, 0.3);
        for (int n = 0; n < 3; n++) {
            assertTrue(d.markers().get(n).lps().distance(axial.markers().get(n).lps()) < 0.01,
                storage + " M" + (n + 1) + " " + d.markers().get(n).lps() + " vs axial " + axial.markers().get(n).lps());
        }
        assertEquals(axial.rejected().size(), d.rejected().size());
        assertNoiseRejected(d, speckled);
    }

    @Test
    void thickSagittalSlicesAreThickAlongLeftRight() {
        // 3 mm slices along x (a sagittal series): the thick axis is no longer k = z
        // 51 slices: the midline, where the beads are, is the centre of slice 25
        PhantomGrid g = PhantomGrid.centred(51, 140, 80, 3.0, 0.75, 1.0, -10);
        Volume v = MarkerScenes.stored(PhantomVolume.sample(g, 7, 12), MarkerScenes.Storage.SAGITTAL);
        assertEquals(3.0, v.spacingMm()[2], 1e-9);
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> d.toString());
        for (int n = 0; n < 3; n++) {
            Vec3 e = d.markers().get(n).lps().minus(TRUTH.get(n));
            assertTrue(e.norm() < 0.3, "M" + (n + 1) + " off " + e);
        }
    }

    @Test
    void aFourthBeadOffTheLineIsRejectedAsNotFittingThePattern() {
        // a bead of the same kind on the back skin, 30 mm to the patient's left of M2 and 8 mm caudal
        Vec3 decoy = MarkerScenes.onSkin(thin, TRUTH.get(1).plus(new Vec3(30, -40, -8)), Vec3.Y, 1.25, 5);
        assertNotNull(decoy);
        Volume v = MarkerScenes.withBeads(speckled.volume(), List.of(decoy), 2.5, 3000, 0.3);
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertTruth(d, 0.3);
        MarkerCandidate c = nearest(d.rejected(), decoy);
        assertTrue(c.lps().distance(decoy) < 0.3, c.toString());
        assertTrue(c.rejection().startsWith("does not fit the three-marker pattern"), c.rejection());
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void twoBeadsAreReportedAsTwoWithAWarningNotCompletedByNoise() {
        // M3 taken off the skin: the air it was in is air again
        Volume v = MarkerScenes.copy(speckled.volume());
        Vec3 m3 = TRUTH.get(2);
        double skinY = m3.y() - 1.25;
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    Vec3 p = v.lpsOf(i, j, k);
                    if (p.distance(m3) < 2.5 && p.y() > skinY) {
                        v.voxels()[v.index(i, j, k)] = -1000;
                    }
                }
            }
        }
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(2, d.markers().size(), () -> d.markers().toString());
        for (int n = 0; n < 2; n++) {
            assertTrue(d.markers().get(n).lps().distance(TRUTH.get(n)) < 0.3);
        }
        assertTrue(d.warnings().get(0).startsWith("found 2 skin markers where 3 are expected"), d.warnings().get(0));
        assertNull(d.pattern());
    }
}
