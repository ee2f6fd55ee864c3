package org.vertebroplan.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.Side;

/** Hand-made attempts with known errors scored against a two-level, four-needle plan. */
class ScorerTest {

    static Needle needle(String id, Side side, Vec3 entry, Vec3 target, String level) {
        return new Needle(id, side, entry, target, Needle.GAUGE_11_MM, 120, level, null, Map.of());
    }

    /** L1 and L2, a left and a right needle each. */
    static Plan reference() {
        return new Plan("case", List.of(new PlanLevel("L1"), new PlanLevel("L2")), null, List.of(), List.of(
            needle("L1-left", Side.LEFT, new Vec3(40, 95, 30), new Vec3(7, 10, 25), "L1"),
            needle("L1-right", Side.RIGHT, new Vec3(-40, 95, 30), new Vec3(-7, 10, 25), "L1"),
            needle("L2-left", Side.LEFT, new Vec3(38, 96, -5), new Vec3(7, 9, -10), "L2"),
            needle("L2-right", Side.RIGHT, new Vec3(-38, 96, -5), new Vec3(-7, 9, -10), "L2")), Map.of(), Map.of());
    }

    @Test
    void aPlanAgainstItselfIsPerfect() {
        AttemptScore s = Scorer.score(reference(), reference(), null);
        assertEquals(100, s.score());
        assertEquals(4, s.needles().size());
        for (NeedleScore n : s.needles()) {
            assertEquals("id", n.matchedBy());
            assertEquals(0, n.entryErrorMm(), 1e-12);
            assertEquals(0, n.targetErrorMm(), 1e-12);
            assertEquals(0, n.angleErrorDeg(), 1e-5);
            assertEquals(0, n.depthErrorMm(), 1e-12);
            assertEquals(100, n.score());
        }
        assertTrue(s.missing().isEmpty() && s.extra().isEmpty());
    }

    @Test
    void knownErrorsAreMeasuredAndScoredByTheFormula() {
        Needle r = reference().needle("L2-left");
        Vec3 u = r.direction();
        // 6 mm deeper along the planned line: target 6 mm off, depth +6, same entry and direction
        Needle deeper = r.withPoints(r.entryLps(), r.targetLps().plusScaled(u, 6));
        NeedleScore s = Scorer.needle(r, deeper, "id", null);
        assertEquals(6, s.targetErrorMm(), 1e-9);
        assertEquals(6, s.depthErrorMm(), 1e-9);
        assertEquals(0, s.entryErrorMm(), 1e-12);
        assertEquals(0, s.angleErrorDeg(), 1e-5);
        // target 40 x (10 - 6) / 8 = 20, angle 25, entry 20, depth 15 x (10 - 6) / 8 = 7.5
        assertEquals(72.5, s.score(), 1e-9);

        // the same entry and depth, the direction turned by 10 degrees about an axis across the needle
        Vec3 axis = u.cross(Vec3.Z).normalized();
        double a = Math.toRadians(10);
        Vec3 turned = u.times(Math.cos(a)).plus(axis.cross(u).times(Math.sin(a)));
        double depth = r.geometry().depthMm();
        Needle tilted = r.withPoints(r.entryLps(), r.entryLps().plusScaled(turned, depth));
        s = Scorer.needle(r, tilted, "id", null);
        assertEquals(10, s.angleErrorDeg(), 1e-9);
        assertEquals(0, s.depthErrorMm(), 1e-9);
        assertEquals(2 * depth * Math.sin(a / 2), s.targetErrorMm(), 1e-9);
        double expected = 40 * Math.max(0, Math.min(1, (10 - s.targetErrorMm()) / 8)) + 25 * (15 - 10) / 12.0 + 20 + 15;
        assertEquals(Math.round(expected * 10) / 10.0, s.score(), 1e-9);

        // the whole needle shifted by (3, 4, 0): entry and target 5 mm off, parallel, same depth
        Vec3 shift = new Vec3(3, 4, 0);
        s = Scorer.needle(r, r.withPoints(r.entryLps().plus(shift), r.targetLps().plus(shift)), "id", null);
        assertEquals(5, s.entryErrorMm(), 1e-9);
        assertEquals(5, s.targetErrorMm(), 1e-9);
        // target 40 x 5 / 8 = 25, angle 25, entry 20 x 10 / 12, depth 15
        assertEquals(Math.round((25 + 25 + 20 * 10 / 12.0 + 15) * 10) / 10.0, s.score(), 1e-9);

        // 20 mm short and 20 degrees off: nothing earned but the entry
        Needle wild = r.withPoints(r.entryLps(), r.entryLps().plusScaled(u.times(Math.cos(Math.toRadians(20)))
            .plus(axis.cross(u).times(Math.sin(Math.toRadians(20)))), depth - 20));
        assertEquals(20, Scorer.needle(r, wild, "id", null).score(), 1e-9);
    }

    @Test
    void anUnsafeNeedleKeepsHalfItsScore() {
        Needle r = reference().needle("L1-right");
        NeedleSafety unsafe = new NeedleSafety(r.id(), -1.5, true, r.targetLps(), null, true, 6, null,
            NeedleSafety.Verdict.UNSAFE, List.of("medial breach"));
        NeedleSafety warning = new NeedleSafety(r.id(), 3, false, null, null, true, 6, null,
            NeedleSafety.Verdict.WARNING, List.of("narrow pedicle"));
        assertEquals(50, Scorer.needle(r, r, "id", unsafe).score());
        assertEquals(100, Scorer.needle(r, r, "id", warning).score());
    }

    @Test
    void needlesWithOtherIdsAreMatchedBySideAndLevelMissingOnesScoreZero() {
        Plan ref = reference();
        // the trainee named the needles their own way, placed L1's exactly, forgot L2's right needle, and
        // added a needle on the right at a level the plan does not treat
        Plan attempt = new Plan("case", List.of(new PlanLevel("L1"), new PlanLevel("L2"), new PlanLevel("L3")), null,
            List.of(), List.of(
                needle("a", Side.RIGHT, ref.needle("L1-right").entryLps(), ref.needle("L1-right").targetLps(), "L1"),
                needle("b", Side.LEFT, ref.needle("L1-left").entryLps(), ref.needle("L1-left").targetLps(), "L1"),
                needle("c", Side.LEFT, ref.needle("L2-left").entryLps(), ref.needle("L2-left").targetLps(), "L2"),
                needle("d", Side.RIGHT, new Vec3(-38, 96, -40), new Vec3(-7, 9, -45), "L3")),
            Map.of(), Map.of());
        AttemptScore s = Scorer.score(ref, attempt, null);
        assertEquals(List.of("L1-left", "L1-right", "L2-left"), s.needles().stream().map(NeedleScore::referenceId).toList());
        assertEquals(List.of("b", "a", "c"), s.needles().stream().map(NeedleScore::attemptId).toList());
        assertTrue(s.needles().stream().allMatch(n -> n.matchedBy().equals("side and level") && n.score() == 100));
        assertEquals(List.of("L2-right"), s.missing());
        assertEquals(List.of("d"), s.extra());
        assertEquals(75, s.score(), 1e-9);
    }

    @Test
    void withoutLevelsTheNearestNeedleOnTheSameSideIsTaken() {
        Plan ref = reference();
        Needle far = needle("x", Side.LEFT, new Vec3(38, 96, 30), new Vec3(7, 9, 24), null);
        Needle near = needle("y", Side.LEFT, new Vec3(38, 96, -5), new Vec3(8, 9, -10), null);
        Plan attempt = new Plan("case", (String) null, null, List.of(), List.of(far, near));
        AttemptScore s = Scorer.score(new Plan("case", (String) null, null, List.of(),
            List.of(needle("only", Side.LEFT, ref.needle("L2-left").entryLps(), ref.needle("L2-left").targetLps(),
                null))), attempt, null);
        assertEquals("y", s.needles().get(0).attemptId());
        assertEquals("side", s.needles().get(0).matchedBy());
        assertEquals(1, s.needles().get(0).targetErrorMm(), 1e-9);
        assertEquals(List.of("x"), s.extra());
    }

    @Test
    void scoringOnTheCtChecksTheNeedlesAndHalvesAnUnsafeOne() throws Exception {
        org.vertebroplan.PhantomCases.Case c = org.vertebroplan.PhantomCases.get(
            org.vertebroplan.phantom.PhantomPosition.HFP);
        Plan truth = c.truth();
        AttemptScore self = Scorer.scoreOnCt(truth, truth, c.volume());
        assertEquals(100, self.score());
        assertTrue(self.needles().stream().allMatch(n -> n.safety() != null
            && n.safety().verdict() != NeedleSafety.Verdict.UNSAFE), self.toString());
        // the left needle 7 mm towards the midline: into the canal, unsafe, half of its geometric score
        Needle left = truth.needle("left");
        Vec3 by = new Vec3(-7, 0, 0);
        Plan medial = truth.withNeedle(left.withPoints(left.entryLps().plus(by), left.targetLps().plus(by)));
        AttemptScore s = Scorer.scoreOnCt(truth, medial, c.volume());
        NeedleScore l = s.needles().get(0);
        assertEquals("left", l.referenceId());
        assertEquals(NeedleSafety.Verdict.UNSAFE, l.safety().verdict());
        assertTrue(l.safety().breach());
        double geometric = Scorer.needle(left, medial.needle("left"), "id", null).score();
        assertEquals(Math.round(geometric / 2 * 10) / 10.0, l.score(), 0.051);
        assertEquals(0, Scorer.scoreOnCt(truth, truth.withNeedles(List.of()), c.volume()).score());
    }
}
