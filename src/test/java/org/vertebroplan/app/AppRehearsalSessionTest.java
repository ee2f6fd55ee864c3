package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.BreachEvent;
import org.vertebroplan.rehearsal.Scorer;
import org.vertebroplan.volume.Volume;

/**
 * The rehearsal's rules without the toolkit, on the bundled sample case (its plan.json as the
 * reference): freehand steps and refusals, the template's sleeve, shots and dose, the attempt; where a
 * click on a shot or on the skin marks the entry; breaches found on the way; the attempt files.
 */
class AppRehearsalSessionTest {

    static final Path SAMPLE = Path.of("sample-dicom");
    static Plan reference;
    static Volume ct;

    @TempDir
    Path dir;

    /** A clock the test moves by hand (seconds). */
    private final double[] now = {0};

    @BeforeAll
    static void load() throws Exception {
        reference = PlanJson.load(SAMPLE.resolve("plan.json"));
        ct = DicomImport.loadVolume(SAMPLE.resolve("dicom"), ProgressListener.NONE);
    }

    private RehearsalSession session(AttemptMode mode) {
        return new RehearsalSession(reference, mode, () -> now[0]);
    }

    @Test
    void freehandStepsMoveTheNeedleAboutItsEntryAndCountShotsAndDose() {
        RehearsalSession s = session(AttemptMode.FREEHAND);
        assertEquals(List.of("L2"), s.levels());
        assertEquals("L2", s.level());
        // the C-arm starts in AP on the level (the mean of the plan's targets there)
        Vec3 centre = reference.needle("left").targetLps().lerp(reference.needle("right").targetLps(), 0.5);
        assertEquals(0, s.carm().orbitalDeg());
        assertTrue(s.carm().isoLps().distance(centre) < 1e-9);
        // nothing to move before the entry
        assertEquals("Mark the entry on the skin first", s.advance(1));
        assertEquals("Mark the entry on the skin first", s.tilt(1, 0));
        assertNotNull(s.seatGuide());

        now[0] = 10;
        s.takeShot();
        now[0] = 20;
        Vec3 entry = reference.needle("left").entryLps();
        assertNull(s.markEntry(entry));
        RehearsalNeedle n = s.current();
        assertEquals(entry, n.entryLps());
        assertEquals(0, n.depthMm());
        // straight anterior until turned
        assertTrue(n.direction().distance(new Vec3(0, -1, 0)) < 1e-12);
        assertNull(s.tilt(-2, 0));
        assertNull(s.tilt(0, 19));
        assertNull(s.tilt(0, 0.25));
        n = s.current();
        assertEquals(-2, n.cranialDeg(), 1e-12);
        assertEquals(19.25, n.abductionDeg(), 1e-12);
        // a left needle converging medially heads to the patient's right (-x), anteriorly and caudally
        assertTrue(n.direction().x() < 0 && n.direction().y() < 0 && n.direction().z() < 0, n.direction().toString());
        now[0] = 30;
        assertNull(s.advance(40));
        assertNull(s.advance(-5));
        assertEquals(35, s.current().depthMm(), 1e-12);
        assertEquals(entry, s.current().entryLps(), "turning and advancing keep the skin entry");
        NeedleGeometry g = NeedleGeometry.of(Side.LEFT, entry, s.current().tipLps());
        assertEquals(35, g.depthMm(), 1e-9);
        assertEquals(19.25, g.abductionDeg(), 1e-9);
        assertNull(s.advance(1000));
        assertEquals(reference.needle("left").workingLengthMm(), s.current().depthMm(), "no deeper than the needle");
        assertNull(s.advance(-2000));
        assertEquals(0, s.current().depthMm());
        assertNull(s.advance(30));

        // the steel the C-arm sees: the whole needle, hub outside the skin
        Needle rod = s.rods().get(0);
        assertEquals("left", rod.id());
        assertTrue(rod.targetLps().distance(s.current().tipLps()) < 1e-9);
        assertEquals(rod.workingLengthMm(), rod.entryLps().distance(rod.targetLps()), 1e-9);

        now[0] = 45;
        s.preset("lateral");
        s.takeShot();
        now[0] = 50;
        s.preset("oblique");
        assertEquals(-RehearsalSession.OBLIQUE_DEG, s.carm().orbitalDeg(), "the left pedicle's oblique");
        s.setAngles(500, -90);
        assertEquals(RehearsalSession.MAX_ORBITAL_DEG, s.carm().orbitalDeg());
        assertEquals(-RehearsalSession.MAX_ANGULAR_DEG, s.carm().angularDeg());
        s.moveTable(10);
        assertEquals(centre.z() + 10, s.carm().isoLps().z(), 1e-9);
        assertEquals(2, s.shots().size());
        assertEquals(0.6, s.doseMGy(), 1e-12);
        assertEquals(90, s.shots().get(1).orbitalDeg());
        assertEquals(45, s.shots().get(1).atSeconds());
        assertEquals(1, s.shotsBeforeEntry());

        // a needle still at the skin is not placed; a new entry is a new puncture
        s.selectSide(Side.RIGHT);
        assertNull(s.markEntry(reference.needle("right").entryLps()));
        assertEquals(1, s.attemptPlan().needles().size());
        s.selectSide(Side.LEFT);
        assertNull(s.markEntry(entry.plus(new Vec3(1, 0, 0))));
        assertEquals(0, s.current().depthMm());
        assertEquals(19.25, s.current().abductionDeg(), 1e-12, "the hand keeps its angle");
        assertNull(s.advance(20));

        now[0] = 70;
        Attempt a = s.attempt("trainee 1", "2026-01-01T10:00:00Z", "plan.json");
        assertEquals(AttemptMode.FREEHAND, a.mode());
        assertEquals(List.of("left"), a.plan().needles().stream().map(Needle::id).toList());
        assertEquals("L2", a.plan().needle("left").level());
        assertEquals(reference.seriesInstanceUid(), a.plan().seriesInstanceUid());
        assertEquals(50, a.durationSeconds(), "time to the last needle action");
        assertEquals(0.6, a.doseMGy(), 1e-12);
        assertEquals("trainee 1", a.trainee());
        // matched to the plan's left needle by its id
        assertEquals("id", Scorer.score(reference, a.plan(), null).needles().get(0).matchedBy());
    }

    @Test
    void theSeatedTemplateHoldsTheNeedleOnThePlannedAxisAndOnlyTheDepthChanges() {
        RehearsalSession s = session(AttemptMode.TEMPLATE);
        assertEquals("Seat the guide first", s.advance(1));
        assertNotNull(s.markEntry(new Vec3(30, 96, -140)), "no freehand entry with the template");
        assertNull(s.seatGuide());
        assertNotNull(s.seatGuide());
        for (Side side : Side.values()) {
            s.selectSide(side);
            Needle r = reference.needles().stream().filter(x -> x.side() == side).findFirst().orElseThrow();
            RehearsalNeedle n = s.current();
            assertTrue(n.sleeved());
            assertEquals(r.entryLps(), n.entryLps());
            assertEquals(1, n.direction().dot(r.direction()), 1e-12);
            assertEquals("The sleeve holds the needle's direction: only its depth can change", s.tilt(0, 3));
            assertEquals(1, s.current().direction().dot(r.direction()), 1e-12, "refused: unchanged");
            assertNull(s.advance(r.geometry().depthMm() + 4));
            assertTrue(s.current().tipLps().distance(r.targetLps().plusScaled(r.direction(), 4)) < 1e-9);
        }
        // both needles 4 mm too deep on the planned line: target 4 mm, depth 4 mm off, nothing else
        Plan attempt = s.attemptPlan();
        var score = Scorer.score(reference, attempt, null);
        for (var n : score.needles()) {
            assertEquals(4, n.targetErrorMm(), 1e-9);
            assertEquals(4, n.depthErrorMm(), 1e-9);
            assertEquals(0, n.entryErrorMm(), 1e-9);
            assertEquals(0, n.angleErrorDeg(), 1e-5);
        }
        assertEquals(40 * 6 / 8.0 + 25 + 20 + 15 * 6 / 8.0, score.score(), 0.051);
    }

    @Test
    void aClickOnAnApShotMarksTheEntryOnTheBackUnderThatPoint() {
        Needle left = reference.needle("left");
        CArm ap = CArm.ap(left.targetLps());
        double[] px = ap.project(left.entryLps());
        Optional<Vec3> entry = RehearsalGeometry.entryOnShot(ct, ap, px[0], px[1]);
        assertTrue(entry.isPresent());
        // the plan's entry lies on the skin, on this pixel's ray: found within a voxel
        assertTrue(entry.get().distance(left.entryLps()) < 0.75, entry.get() + " vs " + left.entryLps());
        // an oblique shot aimed elsewhere gives the skin of the back under its pixel too
        CArm oblique = ap.withAngles(-20, 5);
        double[] q = oblique.project(left.entryLps());
        assertTrue(RehearsalGeometry.entryOnShot(ct, oblique, q[0], q[1]).orElseThrow().distance(left.entryLps()) < 0.75);
        // a lateral shot does not tell where the back is; a click beside the body finds no skin
        CArm lateral = CArm.lateral(left.targetLps());
        double[] l = lateral.project(left.entryLps());
        assertTrue(RehearsalGeometry.entryOnShot(ct, lateral, l[0], l[1]).isEmpty());
        assertTrue(RehearsalGeometry.entryOnShot(ct, ap, 2, 2).isEmpty());
        // on the 3D skin: the picked point moved to the CT's skin
        Vec3 centre = left.targetLps();
        Vec3 picked = left.entryLps().plusScaled(left.entryLps().minus(centre).normalized(), 1.5);
        assertTrue(RehearsalGeometry.entryOnSkin(ct, centre, picked).orElseThrow().distance(left.entryLps()) < 0.75);
    }

    @Test
    void breachesAreFoundOnTheWayAndOnlyOncePerPassage() {
        RehearsalSession s = session(AttemptMode.FREEHAND);
        RehearsalBreachWatch watch = new RehearsalBreachWatch(ct, s::levelCentre);
        Needle left = reference.needle("left");
        NeedleGeometry g = left.geometry();
        // the planned line, in 1 mm steps to the planned depth: never a breach
        s.markEntry(left.entryLps());
        s.tilt(g.cranialDeg(), g.abductionDeg());
        for (int d = 1; d <= (int) g.depthMm(); d++) {
            s.advance(1);
            now[0] = d;
            watch.check(now[0], states(s));
        }
        assertEquals(List.of(), watch.events());

        // 7 mm towards the midline the same way: through the pedicle's medial wall into the canal
        s.markEntry(left.entryLps().plus(new Vec3(-7, 0, 0)));
        for (int d = 1; d <= 70; d++) {
            s.advance(1);
            now[0] = 100 + d;
            watch.check(now[0], states(s));
        }
        List<BreachEvent> events = watch.events();
        assertEquals(1, events.size(), events.toString());
        BreachEvent e = events.get(0);
        assertEquals("left", e.needleId());
        assertEquals("medial", e.wall());
        assertTrue(e.depthMm() > 50 && e.depthMm() <= 56, "found where it happens: " + e.depthMm());
        assertEquals(100 + e.depthMm(), e.atSeconds(), 1e-9);
        // withdrawn behind it, and in again: a second passage
        s.advance(-30);
        watch.check(200, states(s));
        s.advance(30);
        watch.check(201, states(s));
        assertEquals(2, watch.events().size());
        assertEquals(201, watch.events().get(1).atSeconds());
    }

    @Test
    void aBreachTheFinalCheckDoesNotSeeAtTheSamePlaceIsLeftOutOfTheReport() {
        RehearsalSession s = session(AttemptMode.FREEHAND);
        RehearsalBreachWatch watch = new RehearsalBreachWatch(ct, s::levelCentre);
        // the right needle grazing its pedicle's lateral wall: the watch (the level measured around its
        // centre) calls it a breach, the final check (measured around the needles' tips) does not
        Needle left0 = reference.needle("left");
        s.markEntry(left0.entryLps().plus(new Vec3(1.5, 0, 1)));
        s.tilt(Math.round(left0.geometry().cranialDeg()), Math.round(left0.geometry().abductionDeg() + 2));
        s.advance(90);
        Needle right = reference.needle("right");
        NeedleGeometry g = right.geometry();
        s.selectSide(Side.RIGHT);
        s.markEntry(right.entryLps().plus(new Vec3(-1, 0, -2)));
        s.tilt(Math.round(g.cranialDeg()), Math.round(g.abductionDeg() - 1));
        s.advance(Math.round(g.depthMm() - 4));
        watch.check(10, states(s));
        assertEquals(1, watch.events().size(), watch.events().toString());
        assertEquals("lateral", watch.events().get(0).wall());
        var check = org.vertebroplan.plan.SafetyAnalyzer.checkAll(ct, s.attemptPlan().needles().stream()
            .map(org.vertebroplan.plan.SafetyAnalyzer.Input::of).toList(), org.vertebroplan.plan.SafetyOptions.defaults());
        assertFalse(check.needles().get(1).breach(), check.needles().get(1).reasons().toString());
        assertEquals(List.of(), watch.confirmed(java.util.Map.of("L2", check.levels().get(0).analysis())));
        assertEquals(1, watch.confirmed(java.util.Map.of("L3", check.levels().get(0).analysis())).size(),
            "another level's analysis says nothing about it");
        assertEquals(watch.events(), watch.confirmed(java.util.Map.of()), "without the end's analysis: as found");
        // a real breach stays: 7 mm towards the midline, into the canal
        s.selectSide(Side.LEFT);
        Needle left = reference.needle("left");
        s.tilt(-s.current().cranialDeg(), -s.current().abductionDeg());
        s.markEntry(left.entryLps().plus(new Vec3(-7, 0, 0)));
        s.tilt(left.geometry().cranialDeg(), left.geometry().abductionDeg());
        s.advance(70);
        watch.check(20, states(s));
        var end = org.vertebroplan.plan.SafetyAnalyzer.checkAll(ct, s.attemptPlan().needles().stream()
            .map(org.vertebroplan.plan.SafetyAnalyzer.Input::of).toList(), org.vertebroplan.plan.SafetyOptions.defaults());
        List<BreachEvent> kept = watch.confirmed(java.util.Map.of("L2", end.levels().get(0).analysis()));
        assertEquals(List.of("left"), kept.stream().map(BreachEvent::needleId).toList());
        assertEquals("medial", kept.get(0).wall());
    }

    private static List<RehearsalBreachWatch.State> states(RehearsalSession s) {
        return s.needles().stream().map(n -> new RehearsalBreachWatch.State(s.idOf(n), n)).toList();
    }

    @Test
    void attemptsAreSavedAsTheNextFileBesideThePlanAndListedInOrder() throws Exception {
        Path plan = dir.resolve("plan.json");
        PlanJson.save(reference, plan);
        RehearsalSession s = session(AttemptMode.TEMPLATE);
        s.seatGuide();
        s.advance(50);
        Attempt a = s.attempt(null, "2026-01-01T10:00:00Z", "plan.json");
        assertEquals(dir.resolve("attempt-1.json"), AttemptHistory.save(a, plan));
        Files.writeString(dir.resolve("attempt-7.json"), "{ broken");
        Files.writeString(dir.resolve("attempt-x.json"), "{}");
        assertEquals(dir.resolve("attempt-8.json"), AttemptHistory.save(a.withTrainee("t"), plan));
        List<AttemptHistory.Entry> list = AttemptHistory.list(plan);
        assertEquals(List.of(1, 7, 8), list.stream().map(AttemptHistory.Entry::number).toList());
        assertEquals(a, list.get(0).attempt());
        assertNull(list.get(1).attempt());
        assertTrue(list.get(1).error().contains("attempt-7.json"), list.get(1).error());
        assertEquals("t", AttemptJson.load(dir.resolve("attempt-8.json")).trainee());
        assertFalse(Files.list(dir).anyMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file left");
    }
}
