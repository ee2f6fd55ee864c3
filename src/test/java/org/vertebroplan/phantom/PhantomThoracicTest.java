package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * The thoracic level T8 ({@code --level T8}): adult dimensions, pedicles of the stated width, ribs whose
 * heads sit 1.5 mm of cartilage away from the vertebra and never touch it, lungs 3 mm outside the body and
 * pedicles, markers found where the truth says, true needles inside bone; written as a case once (also
 * timing it) and read back.
 */
class PhantomThoracicTest {

    static final Vec3 C = PhantomAnatomy.CENTRE_LPS;
    static final PhantomLayout LAYOUT = new PhantomLayout(PhantomVariant.of(PhantomLevel.T8));
    static final PhantomModel SHARP = new PhantomModel(LAYOUT, 0);

    @TempDir
    static Path dir;
    static PhantomCase.Result written;
    static JsonNode truth;

    @BeforeAll
    static void writeTheCase() throws Exception {
        written = PhantomCase.write(dir, PhantomOptions.of(3, PhantomPosition.HFP).withAnatomy(LAYOUT.variant()));
        truth = new ObjectMapper().readTree(written.truthFile().toFile());
    }

    static boolean bone(PhantomTissue t) {
        return t == PhantomTissue.CORTICAL_BONE || t == PhantomTissue.CANCELLOUS_BONE;
    }

    /** Distance from {@code from} along {@code dir} to where {@code inside} stops holding (to 1e-6 mm). */
    static double extent(Predicate<Vec3> inside, Vec3 from, Vec3 dir) {
        double step = 0.01, s = 0;
        while (inside.test(from.plusScaled(dir, s + step))) {
            s += step;
            assertTrue(s < 200, "no end");
        }
        double lo = s, hi = s + step;
        while (hi - lo > 1e-7) {
            double mid = (lo + hi) / 2;
            if (inside.test(from.plusScaled(dir, mid))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double boneExtent(PhantomModel m, Vec3 from, Vec3 dir) {
        return extent(p -> bone(m.tissueAt(p)), from, dir);
    }

    static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    @Test
    void bodyCanalAndPediclesHaveAdultT8Dimensions() {
        Vec3 l = Vec3.X, p = Vec3.Y, s = Vec3.Z;
        assertEquals(30, boneExtent(SHARP, C, l) + boneExtent(SHARP, C, l.times(-1)), 1e-4, "body width");
        assertEquals(26, boneExtent(SHARP, C, p) + boneExtent(SHARP, C, p.times(-1)), 1e-4, "body depth");
        assertEquals(20, boneExtent(SHARP, C, s) + boneExtent(SHARP, C, s.times(-1)), 1e-4, "body height");
        Vec3 canal = C.plus(new Vec3(0, 20, 0));
        Predicate<Vec3> csf = q -> SHARP.tissueAt(q) == PhantomTissue.CSF;
        for (Vec3 d : new Vec3[] {l, p, l.times(-1), p.times(-1)}) {
            assertEquals(8, extent(csf, canal, d), 1e-4, "round canal of 16 mm");
        }
        for (Side side : Side.values()) {
            Vec3 isthmus = LAYOUT.isthmusLps(side);
            Vec3 lateral = LAYOUT.pedicleLateralLps(side);
            Vec3 up = LAYOUT.pedicleUpLps(side);
            assertEquals(6, boneExtent(SHARP, isthmus, lateral) + boneExtent(SHARP, isthmus, lateral.times(-1)), 1e-4);
            assertEquals(12, boneExtent(SHARP, isthmus, up) + boneExtent(SHARP, isthmus, up.times(-1)), 1e-4);
            // converging 9 degrees, like the needle along it
            NeedleGeometry g = NeedleGeometry.of(side, LAYOUT.needleEntryLps(side), LAYOUT.targetLps(side));
            assertEquals(9.0, g.abductionDeg(), 0.05);
            assertTrue(lateral.x() * (side == Side.LEFT ? 1 : -1) > 0.95, "lateral points away from the midline");
        }
        // the truth says the same
        JsonNode left = truth.at("/vertebra/pedicles/0");
        assertEquals(6.0, left.get("isthmusWidthMm").asDouble());
        assertEquals(12.0, left.get("isthmusHeightMm").asDouble());
        assertEquals(8.0, truth.at("/vertebra/canal/radiusMm").asDouble());
        assertEquals(-850, truth.at("/hu/lung").asInt());
        assertEquals(100, truth.at("/hu/cartilage").asInt());
    }

    @Test
    void aNarrowedPedicleHasTheStatedWidthAndNoRoomForAnElevenGaugeNeedle() {
        for (double width : new double[] {6, 4.5, 3.5, 2.8}) {
            PhantomLayout l = new PhantomLayout(PhantomVariant.of(PhantomLevel.T8).withPedicleWidth(width));
            PhantomModel m = new PhantomModel(l, 0);
            for (Side side : Side.values()) {
                Vec3 isthmus = l.isthmusLps(side);
                Vec3 lateral = l.pedicleLateralLps(side);
                assertEquals(width, boneExtent(m, isthmus, lateral) + boneExtent(m, isthmus, lateral.times(-1)), 1e-4);
                // an 11 G needle (3.05 mm) on the axis: its surface is no longer in cancellous bone
                double r = PhantomAnatomy.NEEDLE_DIAMETER / 2;
                boolean fits = m.tissueAt(isthmus.plusScaled(lateral, r)) == PhantomTissue.CANCELLOUS_BONE;
                assertEquals(width - 2 * PhantomAnatomy.CORTEX > 2 * r, fits, "width " + width);
                if (width < 2 * r) {
                    assertFalse(bone(m.tissueAt(isthmus.plusScaled(lateral, r))), "the needle leaves the bone");
                }
            }
        }
    }

    @Test
    void ribHeadsSitAJointGapOfCartilageAwayFromTheVertebra() {
        for (JsonNode rib : truth.get("ribs")) {
            Vec3 head = vec(rib.get("headCentreLps"));
            assertEquals(1.5, rib.get("jointGapMm").asDouble());
            // 3 mm below the head centre the head faces the body (rib 8: T8, rib 9: T9) across the gap
            double scale = rib.get("number").asInt() == 8 ? 1 : PhantomLevel.T8.body().scaleBelow();
            Vec3 from = head.plus(new Vec3(0, 0, -3));
            Vec3 nearest = nearestOnBodyOutline(from, scale);
            Vec3 dir = nearest.minus(from).normalized();
            double ribExit = boneExtent(SHARP, from, dir);
            double gap = extent(p -> !bone(SHARP.tissueAt(p)), from.plusScaled(dir, ribExit + 1e-6), dir);
            assertEquals(1.5, gap, 0.1, rib.get("name").asText());
            assertEquals(PhantomTissue.CARTILAGE, SHARP.tissueAt(from.plusScaled(dir, ribExit + gap / 2)));
            assertTrue(bone(SHARP.tissueAt(from.plusScaled(dir, ribExit + gap + 0.3))), "then the vertebra");
            assertTrue(head.distance(from.plusScaled(dir, ribExit + gap)) < 7, "close to the head");
        }
    }

    /** The point of the target (scale 1) or lower (scale 1.03) body outline nearest to p, in p's axial plane. */
    static Vec3 nearestOnBodyOutline(Vec3 p, double scale) {
        PhantomLevel.Body b = PhantomLevel.T8.body();
        Vec3 best = null;
        for (int k = 0; k < 36000; k++) {
            double t = 2 * Math.PI * k / 36000;
            Vec3 q = C.plus(new Vec3(b.halfWidth() * scale * Math.cos(t), b.halfDepth() * scale * Math.sin(t), 0));
            q = new Vec3(q.x(), Math.min(q.y(), C.y() + b.posteriorV()), p.z());
            if (best == null || q.distance(p) < best.distance(p)) {
                best = q;
            }
        }
        return best;
    }

    @Test
    void theRibIsNotBoneConnectedToTheVertebra() {
        // 6-connected bone voxels of 0.3 mm around the left rib 8 head, neck and tubercle, from the head
        double h = 0.3;
        Vec3 lo = C.plus(new Vec3(6, 0, -4));
        int nx = (int) (34 / h), ny = (int) (42 / h), nz = (int) (20 / h);
        BitSet isBone = new BitSet(nx * ny * nz);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (bone(SHARP.tissueAt(lo.plus(new Vec3(i * h, j * h, k * h))))) {
                        isBone.set(i + nx * (j + ny * k));
                    }
                }
            }
        }
        JsonNode rib = truth.get("ribs").get(0);
        assertEquals("left rib 8", rib.get("name").asText());
        BitSet reached = new BitSet(nx * ny * nz);
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        int seed = index(vec(rib.get("headCentreLps")), lo, h, nx, ny);
        assertTrue(isBone.get(seed));
        reached.set(seed);
        todo.add(seed);
        while (!todo.isEmpty()) {
            int c = todo.poll();
            int i = c % nx, j = (c / nx) % ny, k = c / (nx * ny);
            int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
            for (int[] s : steps) {
                int a = i + s[0], b = j + s[1], d = k + s[2];
                if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) {
                    continue;
                }
                int n = a + nx * (b + ny * d);
                if (isBone.get(n) && !reached.get(n)) {
                    reached.set(n);
                    todo.add(n);
                }
            }
        }
        assertTrue(reached.get(index(vec(rib.get("tubercleLps")), lo, h, nx, ny)), "the fill runs along the rib");
        for (Vec3 vertebra : new Vec3[] {C.plus(new Vec3(10, 5, 5)), LAYOUT.isthmusLps(Side.LEFT),
            C.plus(new Vec3(20.5, 31, 3)), C.plus(new Vec3(10, 5, 12 + 1))}) {
            int v = index(vertebra, lo, h, nx, ny);
            assertTrue(isBone.get(v) || SHARP.tissueAt(vertebra) == PhantomTissue.DISC, "a vertebra point " + vertebra);
            assertFalse(reached.get(v), "rib bone reaches the vertebra at " + vertebra);
        }
    }

    static int index(Vec3 p, Vec3 lo, double h, int nx, int ny) {
        Vec3 d = p.minus(lo);
        return (int) Math.round(d.x() / h) + nx * ((int) Math.round(d.y() / h) + ny * (int) Math.round(d.z() / h));
    }

    @Test
    void theLungsLieThePleuralGapOutsideTheBodyAndPedicles() {
        for (String side : new String[] {"left", "right"}) {
            JsonNode rays = truth.at("/lungs/" + side + "/medialBoundary");
            assertEquals(2, rays.size());
            // along the normal of the body's widest point the gap is exactly the pleural gap; the pedicle ray
            // meets its elliptic wall obliquely 3 mm below the centre, so a little more
            assertEquals(3.0, rays.get(0).get("lungToBoneMm").asDouble(), 1e-3, side);
            assertEquals(3.15, rays.get(1).get("lungToBoneMm").asDouble(), 0.15, side);
            for (JsonNode ray : rays) {
                Vec3 lung = vec(ray.get("lungLps")), dir = vec(ray.get("directionLps"));
                assertEquals(PhantomTissue.LUNG, SHARP.tissueAt(lung.plusScaled(dir, 0.5)));
                assertEquals(PhantomTissue.SOFT_TISSUE, SHARP.tissueAt(lung.plusScaled(dir, -1.5)), "pleural layer");
            }
            // the body ray leaves the body 15 mm from the centre: the lung starts 18 mm out
            assertEquals(18, vec(rays.get(0).get("lungLps")).distance(C), 1e-3);
        }
        // lateral of the pedicle's lower half there is lung, medially the canal
        Vec3 isthmus = LAYOUT.isthmusLps(Side.LEFT).plusScaled(LAYOUT.pedicleUpLps(Side.LEFT), -3);
        Vec3 lateral = LAYOUT.pedicleLateralLps(Side.LEFT);
        assertEquals(PhantomTissue.LUNG, SHARP.tissueAt(isthmus.plusScaled(lateral, 3 + 3 + 1)));
        assertEquals(PhantomTissue.CSF, SHARP.tissueAt(isthmus.plusScaled(lateral, -3 - 2)));
    }

    @Test
    void markersAreDetectedWhereTheTruthSays() throws Exception {
        Volume v = DicomImport.loadVolume(written.dicomDir(), ProgressListener.NONE);
        PhantomImportTest.assertMatchesTruth(v, truth, "T8 read back");
        check(v, truth.get("markers"), "T8");
        // and with the spine turned towards them
        PhantomLayout turned = new PhantomLayout(PhantomVariant.of(PhantomLevel.T8).withRotation(25, 15, 15));
        Volume t = PhantomVolume.sample(turned, turned.grid(), 3, PhantomOptions.DEFAULT_NOISE_SIGMA_HU);
        for (int i = 0; i < 3; i++) {
            assertEquals(LAYOUT.markerLps(i), turned.markerLps(i));
        }
        check(t, truth.get("markers"), "T8 turned 25,15,15");
    }

    static void check(Volume v, JsonNode markers, String what) {
        FiducialDetector.Detection d = FiducialDetector.detect(v, FiducialOptions.defaults());
        assertEquals(3, d.markers().size(), () -> what + ": " + d);
        for (int i = 0; i < 3; i++) {
            Vec3 expected = vec(markers.get(i).get("centreLps"));
            double err = d.markers().get(i).lps().distance(expected);
            assertTrue(err < 1.0, what + " M" + (i + 1) + " off by " + err);
        }
    }

    @Test
    void theTrueNeedlesStayInBoneAndOutOfCanalAndLung() {
        for (Side side : Side.values()) {
            Vec3 entry = LAYOUT.needleEntryLps(side), target = LAYOUT.targetLps(side);
            assertEquals(PhantomTissue.CANCELLOUS_BONE, SHARP.tissueAt(target));
            Vec3 boneEntry = SHARP.boneEntryLps(entry, target);
            assertNotNull(boneEntry);
            double len = boneEntry.distance(target);
            double r = PhantomAnatomy.NEEDLE_DIAMETER / 2;
            Vec3 d = target.minus(boneEntry).normalized();
            Vec3 a = d.cross(Vec3.Z).normalized(), b = a.cross(d);
            for (double s = 0; s <= len; s += 0.2) {
                Vec3 p = boneEntry.plusScaled(d, s);
                for (int k = 0; k < 8; k++) {
                    double t = Math.PI * k / 4;
                    Vec3 q = p.plusScaled(a, r * Math.cos(t)).plusScaled(b, r * Math.sin(t));
                    PhantomTissue tissue = SHARP.tissueAt(q);
                    assertNotEquals(PhantomTissue.CSF, tissue, side + " at " + s);
                    assertNotEquals(PhantomTissue.LUNG, tissue, side + " at " + s);
                }
            }
            JsonNode n = truth.at("/needles/" + side.ordinal());
            assertTrue(n.get("canalClearanceMm").asDouble() > 2, "clear of the canal");
            assertTrue(n.get("depthMm").asDouble() < PhantomAnatomy.NEEDLE_WORKING_LENGTH);
            assertEquals(0.25, n.get("targetDepthFractionOfBody").asDouble(), 1e-12);
        }
    }

    @Test
    void theCaseIsWrittenInReasonableTimeWithThoracicLabels() throws Exception {
        assertTrue(written.sampleMillis() + written.writeMillis() < 60_000,
            "T8 took " + written.sampleMillis() + " + " + written.writeMillis() + " ms");
        assertEquals("T8", written.plan().level());
        assertEquals("phantom-T8-seed-3", written.plan().caseId());
        assertEquals("T8", truth.get("level").asText());
        assertEquals(4, truth.get("ribs").size());
        try (var files = Files.list(written.dicomDir())) {
            assertEquals(PhantomLevel.T8.grid().nz(), files.count());
        }
        // a different series from the L2 case with the same seed
        PhantomOptions l2 = PhantomOptions.of(3, PhantomPosition.HFP);
        assertNotEquals(PhantomCase.uid(l2, "series"), written.seriesInstanceUid());
    }
}
