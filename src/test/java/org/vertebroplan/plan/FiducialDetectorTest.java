package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** Skin-marker detection on small synthetic CTs whose answers are known exactly. */
class FiducialDetectorTest {

    static final double SI = 0.7, SJ = 0.7, SK = 1.0;
    static final Vec3 ORIGIN = new Vec3(-35, -35, -40);
    static final Vec3 M_TOP = new Vec3(1.3, 11.4, 22.3);
    static final Vec3 M_MID = new Vec3(-0.4, 11.6, 0.6);
    static final Vec3 M_LOW = new Vec3(0.2, 11.5, -21.7);

    /** Air above y = 10 (the back skin of a prone patient), soft tissue below. */
    static int body(Vec3 p) {
        return p.y() < 10 ? 40 : -1000;
    }

    static boolean inBall(Vec3 p, Vec3 c, double r) {
        return p.distance(c) <= r;
    }

    /** Samples a scene with 4x4x4 supersampling for realistic partial volume at the edges. */
    static Volume sample(ToIntFunction<Vec3> scene) {
        int nx = 100, ny = 100, nz = 80;
        short[] hu = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double s = 0;
                    for (int a = 0; a < 4; a++) {
                        for (int b = 0; b < 4; b++) {
                            for (int c = 0; c < 4; c++) {
                                Vec3 p = new Vec3(ORIGIN.x() + (i + (a + 0.5) / 4 - 0.5) * SI,
                                    ORIGIN.y() + (j + (b + 0.5) / 4 - 0.5) * SJ,
                                    ORIGIN.z() + (k + (c + 0.5) / 4 - 0.5) * SK);
                                s += scene.applyAsInt(p);
                            }
                        }
                    }
                    hu[i + nx * (j + ny * k)] = (short) Math.round(s / 64);
                }
            }
        }
        return Volume.axisAligned(nx, ny, nz, hu, ORIGIN, SI, SJ, SK);
    }

    static int scene(Vec3 p, List<Vec3> beads) {
        for (Vec3 b : beads) {
            if (inBall(p, b, 1.5)) {
                return 3000;
            }
        }
        // a thin couch wire: a long metal rod in the air below the patient
        if (Math.abs(p.x() - 20) < 0.6 && Math.abs(p.y() + 30) < 0.6) {
            return 3000;
        }
        // a vertebra-like bone block with a metal screw inside it
        if (Math.abs(p.x()) < 12 && p.y() > -25 && p.y() < -5 && Math.abs(p.z()) < 15) {
            return inBall(p, new Vec3(0, -15, 0), 2.0) ? 3000 : 700;
        }
        return body(p);
    }

    @Test
    void findsThreeBeadsOnTheSkinCranialToCaudalWithSubVoxelAccuracy() {
        // listed out of order on purpose: the detector must order them cranial (high z) to caudal
        Volume v = sample(p -> scene(p, List.of(M_MID, M_LOW, M_TOP)));
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> "markers " + d.markers() + " rejected " + d.rejected());
        assertEquals(List.of(), d.warnings());
        List<Vec3> truth = List.of(M_TOP, M_MID, M_LOW);
        for (int n = 0; n < 3; n++) {
            MarkerCandidate m = d.markers().get(n);
            double err = m.lps().distance(truth.get(n));
            assertTrue(err < 0.3, "marker M" + (n + 1) + " off by " + err + " mm: " + m);
            assertTrue(m.peakHu() > 2000, "peak " + m.peakHu());
            assertTrue(m.diameterMm() > 1.5 && m.diameterMm() < 4.0, "diameter " + m.diameterMm());
        }
    }

    @Test
    void rejectsTheCouchRailAndTheScrewInBoneWithReasons() {
        Volume v = sample(p -> scene(p, List.of(M_TOP, M_MID, M_LOW)));
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(2, d.rejected().size(), () -> "rejected " + d.rejected());
        MarkerCandidate rail = d.rejected().stream().filter(c -> c.lps().x() > 10).findFirst().orElseThrow();
        assertTrue(rail.rejection().contains("elongated") || rail.rejection().contains("too large"),
            rail.rejection());
        MarkerCandidate screw = d.rejected().stream().filter(c -> c.lps().x() < 10).findFirst().orElseThrow();
        assertTrue(screw.rejection().contains("skin") || screw.rejection().contains("bone"), screw.rejection());
        assertTrue(screw.lps().distance(new Vec3(0, -15, 0)) < 0.5, "screw centroid " + screw.lps());
    }

    @Test
    void saysSoWhenThereAreNotThreeMarkers() {
        Volume v = sample(p -> scene(p, List.of(M_TOP, M_LOW)));
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(2, d.markers().size());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("found 2 skin markers where 3 are expected"), d.warnings().get(0));
    }

    @Test
    void aSingleHotVoxelIsIsolatedNoise() {
        Volume v = sample(p -> body(p));
        v.voxels()[v.index(50, 20, 40)] = 2500;
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(0, d.markers().size());
        assertEquals(1, d.rejected().size());
        assertEquals("isolated noise voxel", d.rejected().get(0).rejection());
    }

    /** A bead-like candidate on the back skin that passed every rule of its own. */
    static MarkerCandidate bead(double x, double y, double z) {
        return new MarkerCandidate(new Vec3(x, y, z), 3000, 2.5, 8, 3, 1.5, 4000, 5, 1, 1, 0.35, 0, Vec3.Y, null);
    }

    @Test
    void ofFiveBeadLikeCandidatesTheLineWithSimilarSpacingsIsChosen() {
        List<MarkerCandidate> judged = List.of(bead(0, 100, -30), bead(25, 98, -5), bead(1, 100, 0),
            bead(-1, 101, 30), bead(0, 100, 75));
        FiducialDetector.Detection d = FiducialDetector.select(judged, FiducialOptions.defaults());
        assertEquals(List.of(new Vec3(-1, 101, 30), new Vec3(1, 100, 0), new Vec3(0, 100, -30)),
            d.markers().stream().map(MarkerCandidate::lps).toList());
        assertEquals(2, d.rejected().size());
        for (MarkerCandidate c : d.rejected()) {
            assertTrue(c.rejection().startsWith("does not fit the three-marker pattern"), c.rejection());
        }
        assertEquals(List.of(), d.warnings());
        assertTrue(d.pattern().fits());
        assertEquals(30, d.pattern().spacing12Mm(), 0.2);
    }

    @Test
    void whenNoThreeOfMoreCandidatesFitNoneIsAcceptedAndTheUserIsTold() {
        // a square on the back: every three of them bend by 90 degrees
        List<MarkerCandidate> judged = List.of(bead(0, 100, 0), bead(30, 95, 0), bead(0, 100, 30), bead(30, 95, 30));
        FiducialDetector.Detection d = FiducialDetector.select(judged, FiducialOptions.defaults());
        assertEquals(List.of(), d.markers());
        assertEquals(4, d.rejected().size());
        assertTrue(d.rejected().stream().allMatch(c -> c.rejection().startsWith("ambiguous")));
        assertTrue(d.warnings().get(0).startsWith("found 0 skin markers where 3 are expected"), d.warnings().get(0));
        assertTrue(d.warnings().get(1).contains("no three of them lie in a line"), d.warnings().get(1));
    }

    @Test
    void threeCandidatesOutOfPatternAreKeptWithAWarning() {
        // the only three beads, spaced 15 and 45 mm: kept (they are real), but the user checks them
        List<MarkerCandidate> judged = List.of(bead(0, 100, 0), bead(0, 100, 15), bead(0, 100, 60));
        FiducialDetector.Detection d = FiducialDetector.select(judged, FiducialOptions.defaults());
        assertEquals(3, d.markers().size());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("spacings 45 and 15 mm too different"), d.warnings().get(0));
        assertTrue(!d.pattern().fits());
    }

    @Test
    void twoCandidatesThatFitAboutEquallyWellAreFlagged() {
        // four beads in a line 25 mm apart: two sets of three fit alike
        List<MarkerCandidate> judged = List.of(bead(0, 100, 0), bead(0, 100, 25), bead(0, 100, 50), bead(0, 100, 75));
        FiducialDetector.Detection d = FiducialDetector.select(judged, FiducialOptions.defaults());
        assertEquals(3, d.markers().size());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("fits the marker pattern almost as well")),
            d.warnings().toString());
    }

    /**
     * A 1.5 mm steel bead (about 12000 HU, stored clipped at 3071) on 3 mm slices: partial volume leaves it below
     * the metal threshold (down to a few hundred HU), yet it is found through the faint path and placed
     * within 0.3 mm in-plane; along z, a bead that lies inside one slice is placed at that slice's centre.
     */
    @Test
    void smallBeadsOnThickSlicesAreFoundBelowTheMetalThreshold() {
        int nx = 100, ny = 100, nz = 30;
        short[] hu = new short[nx * ny * nz];
        Vec3 origin = new Vec3(-35, -35, -45);
        Volume base = Volume.axisAligned(nx, ny, nz, hu, origin, 0.78, 0.78, 3.0);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        for (int idx = 0; idx < hu.length; idx++) {
            double y = origin.y() + ((idx / nx) % ny) * 0.78;
            hu[idx] = (short) (y < 10 ? 40 + Math.round(12 * gaussian(rnd)) : -1000);
        }
        // in-plane off the voxel centres; along z inside a slice, across two, and near a slice face
        List<Vec3> truth = List.of(new Vec3(0.3, 10.75, 25.2), new Vec3(0.6, 10.75, 1.4), new Vec3(-0.2, 10.75, -24.1));
        Volume v = MarkerScenes.withBeads(base, truth, 1.5, 12000, 0.4);
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> d.markers() + " " + d.warnings());
        for (int n = 0; n < 3; n++) {
            MarkerCandidate m = d.markers().get(n);
            Vec3 e = m.lps().minus(truth.get(n));
            assertTrue(Math.hypot(e.x(), e.y()) < 0.3, "M" + (n + 1) + " in-plane " + e);
            assertTrue(Math.abs(e.z()) < 0.75 + 0.3, "M" + (n + 1) + " along z " + e);
        }
        assertTrue(d.markers().stream().anyMatch(m -> m.peakHu() < 2000), "partial volume keeps one below the "
            + "metal threshold: " + d.markers());
    }

    static double gaussian(java.util.SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
