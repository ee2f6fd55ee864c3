package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomLayout;
import org.vertebroplan.phantom.PhantomLevel;
import org.vertebroplan.phantom.PhantomModel;
import org.vertebroplan.phantom.PhantomTissue;
import org.vertebroplan.phantom.PhantomVariant;
import org.vertebroplan.volume.Tissue;

/**
 * Planning on the thoracic phantom (T8 with ribs, rib heads and lungs) and on fractured bodies: the
 * level is recognised as thoracic, the true needles are safe with the vertebra-frame angles of the
 * unturned truth, a needle through the lung or the rib head is unsafe for that reason, a narrow pedicle
 * gets a finer gauge or the extrapedicular route, a broken posterior wall is a warning on the level, and
 * a wedge-shaped body keeps its frame (the endplates' bisector).
 */
class ThoracicPlanningTest {

    static final PhantomVariant T8 = PhantomVariant.of(PhantomLevel.T8);

    static List<NeedleSafety> check(PhantomVariants.Case c, List<Needle> needles) {
        return SafetyAnalyzer.check(c.ct(), needles.stream().map(SafetyAnalyzer.Input::of).toList(),
            SafetyOptions.defaults());
    }

    static Needle needle(String id, Side side, Vec3 entry, Vec3 target) {
        return new Needle(id, side, entry, target, 3.05, 120);
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "12,0,0", "-20,8,-10"})
    void theTruePedicleNeedlesAreSafeWithTheUnturnedAnglesInTheVertebraFrame(double a, double c, double s) {
        PhantomVariants.Case square = PhantomVariants.get(T8);
        PhantomVariants.Case turned = PhantomVariants.get(T8.withRotation(a, c, s));
        SafetyAnalyzer.Result r = SafetyAnalyzer.checkAll(turned.ct(),
            turned.truth().needles().stream().map(SafetyAnalyzer.Input::of).toList(), SafetyOptions.defaults());
        assertEquals(1, r.levels().size());
        LevelAnalysis level = r.levels().get(0).analysis();
        assertTrue(level.thoracic(), "lungs beside the body");
        for (int i = 0; i < 2; i++) {
            Needle n = turned.truth().needles().get(i);
            NeedleSafety safety = r.needles().get(i);
            // a 6 mm pedicle leaves an 11 G needle 1.5 mm from its medial wall, which bounds the canal: the
            // one warning there is
            assertFalse(safety.breach(), n.id() + " " + safety.reasons());
            assertEquals(1.475, safety.canalDistanceMm(), 0.4, n.id());
            assertTrue(safety.reasons().stream().allMatch(x -> x.contains("from the spinal canal")),
                n.id() + " " + safety.reasons());
            NeedleGeometry inVertebra = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(),
                safety.frame().angleFrame());
            Needle ref = square.truth().needles().get(i);
            NeedleGeometry truth = NeedleGeometry.of(ref.side(), ref.entryLps(), ref.targetLps(), AngleFrame.PATIENT);
            assertEquals(truth.cranialDeg(), inVertebra.cranialDeg(), 1.0, n.id() + " cranial");
            assertEquals(truth.abductionDeg(), inVertebra.abductionDeg(), 1.0, n.id() + " abduction");
            assertTrue(safety.pedicleWidthMm() > 5 && safety.pedicleWidthMm() < 7.5, "pedicle " + safety.pedicleWidthMm());
        }
        assertEquals(a, level.frame().axialRotationDeg(), 1.0);
        assertEquals(c, level.frame().coronalTiltDeg(), 1.0);
        assertEquals(s, level.frame().sagittalTiltDeg(), 1.0);
    }

    /** Millimetres of the segment from a to b (LPS) that lie in the model's tissue t. */
    static double lengthIn(PhantomLayout layout, PhantomTissue t, Vec3 a, Vec3 b) {
        PhantomModel model = new PhantomModel(layout, 0);
        double len = 0, step = 0.25;
        for (double s = 0; s <= a.distance(b); s += step) {
            if (model.tissueAt(a.lerp(b, s / a.distance(b))) == t) {
                len += step;
            }
        }
        return len;
    }

    /** Where the ray from {@code from} through {@code through} leaves the body (the model's skin). */
    static Vec3 skinBeyond(PhantomLayout l, Vec3 from, Vec3 through) {
        Vec3 u = through.minus(from).normalized();
        double lo = 0, hi = 400;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (l.skinSdf(from.plus(u.times(mid))) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return from.plus(u.times(lo));
    }

    @Test
    void aNeedleThroughTheLungIsUnsafeForThatReason() {
        PhantomVariants.Case c = PhantomVariants.get(T8);
        PhantomLayout l = c.layout();
        // from the target in the body through the lung beside it (truth: the lungs lie 3 mm outside the bone)
        Vec3 target = l.toLps(new Vec3(8, -2, 0)), through = l.toLps(new Vec3(24, 12, 0));
        Vec3 entry = skinBeyond(l, target, through);
        assertTrue(lengthIn(l, PhantomTissue.LUNG, entry, target) > 3, "the test needle crosses the lung");
        NeedleSafety s = check(c, List.of(needle("lung", Side.LEFT, entry, target))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertTrue(s.reasons().stream().anyMatch(r -> r.contains("lung")), s.reasons().toString());
    }

    @Test
    void aNeedleThroughTheRibHeadIsUnsafeForThatReason() {
        PhantomVariants.Case c = PhantomVariants.get(T8);
        PhantomLayout l = c.layout();
        // through the head of the left rib 8 (truth: head centre (16.8, 9, 10), radius 5) into the body
        Vec3 target = l.toLps(new Vec3(6, -4, 6)), through = l.toLps(new Vec3(16.8, 9, 10));
        Vec3 entry = SkinSnapper.snap(c.ct(), target, through, Tissue.SKIN_HU).orElseThrow();
        assertTrue(lengthIn(l, PhantomTissue.CANCELLOUS_BONE, entry, through) > 0, "the test needle hits the rib head");
        NeedleSafety s = check(c, List.of(needle("rib", Side.LEFT, entry, target))).get(0);
        assertEquals(NeedleSafety.Verdict.UNSAFE, s.verdict());
        assertTrue(s.reasons().stream().anyMatch(r -> r.contains("rib head")), s.reasons().toString());
    }

    @Test
    void aPedicleTooNarrowForTheNeedleGetsAFinerGaugeOrTheExtrapedicularRoute() throws Exception {
        PhantomVariants.Case narrow = PhantomVariants.get(T8.withPedicleWidth(4.6));
        Needle left = narrow.truth().needle("left");
        NeedleSafety s = check(narrow, List.of(left)).get(0);
        assertEquals(4.6, s.pedicleWidthMm(), 0.6);
        assertTrue(s.reasons().stream().anyMatch(r -> r.contains("narrower than the needle") && r.contains("13G")),
            s.reasons().toString());
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(narrow.ct(), narrow.layout().toLps(Vec3.ZERO),
            SegmentationOptions.defaults());
        for (TrajectoryProposer.Proposal pr : p) {
            assertEquals(NeedleGauge.G13, pr.gauge(), pr.toString());
            assertEquals(Route.TRANSPEDICULAR, pr.route());
        }
        PhantomVariants.Case tiny = PhantomVariants.get(T8.withPedicleWidth(3));
        NeedleSafety t = check(tiny, List.of(tiny.truth().needle("left"))).get(0);
        assertTrue(t.reasons().stream().anyMatch(r -> r.contains("extrapedicular")), t.reasons().toString());
        List<TrajectoryProposer.Proposal> q = TrajectoryProposer.propose(tiny.ct(), tiny.layout().toLps(Vec3.ZERO),
            SegmentationOptions.defaults());
        for (TrajectoryProposer.Proposal pr : q) {
            assertEquals(Route.EXTRAPEDICULAR, pr.route(), pr.toString());
            assertFalse(pr.notes().isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource({"L2", "T8"})
    void aBrokenPosteriorWallIsAWarningOnTheLevel(String level) {
        PhantomVariant intact = PhantomVariant.of(PhantomLevel.byName(level));
        PhantomVariants.Case ok = PhantomVariants.get(intact);
        PhantomVariants.Case broken = PhantomVariants.get(intact.withPosteriorWallDefect(true));
        LevelAnalysis good = LevelAnalysis.around(ok.ct(), ok.layout().toLps(Vec3.ZERO), SegmentationOptions.defaults());
        assertTrue(good.warnings().stream().noneMatch(w -> w.contains("posterior wall")), good.warnings().toString());
        LevelAnalysis bad = LevelAnalysis.around(broken.ct(), broken.layout().toLps(Vec3.ZERO),
            SegmentationOptions.defaults());
        assertTrue(bad.warnings().stream().anyMatch(w -> w.contains("posterior wall")), bad.warnings().toString());
        NeedleSafety s = check(broken, List.of(broken.truth().needle("left"))).get(0);
        assertEquals(NeedleSafety.Verdict.WARNING, s.verdict(), s.reasons().toString());
    }

    @ParameterizedTest
    @CsvSource({"L2,0,0,0", "L2,15,-8,10", "T8,-12,5,-8"})
    void aWedgeFractureKeepsTheFrameOfItsEndplatesBisector(String level, double a, double c, double s) {
        PhantomVariants.Case w = PhantomVariants.get(PhantomVariant.of(PhantomLevel.byName(level)).withWedge(12)
            .withRotation(a, c, s));
        LevelAnalysis l = LevelAnalysis.around(w.ct(), w.layout().toLps(Vec3.ZERO), SegmentationOptions.defaults());
        VertebraFrame truth = w.layout().frame();
        assertNotNull(truth);
        assertTrue(l.frame().angleToDeg(truth) < 1.5, "frame off by " + l.frame().angleToDeg(truth));
    }
}
