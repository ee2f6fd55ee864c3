package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.TrajectoryProposer;

/** The planning panel's plan edits and the undo history, without JavaFX. */
class AppPlanEditsTest {

    private static final Plan PLAN = SyntheticCase.plan();

    @Test
    void anglesToTargetRoundTripWithTheDesignSigns() {
        Vec3 entry = new Vec3(30, 40, 5);
        Plan p = PlanEdits.setByAngles(PLAN, "left", entry, 10, 20, 90);
        Needle left = p.needle("left");
        assertEquals(entry, left.entryLps());
        NeedleGeometry g = PlanEdits.geometry(p, left);
        assertEquals(90, g.depthMm(), 1e-9);
        assertEquals(10, g.cranialDeg(), 1e-9);
        assertEquals(20, g.abductionDeg(), 1e-9);
        // by hand: u = (-cos10 sin20, -cos10 cos20, sin10) for a left needle (medial = -x, anterior = -y)
        double c = Math.toRadians(10);
        double a = Math.toRadians(20);
        Vec3 expected = entry.plus(new Vec3(-Math.cos(c) * Math.sin(a), -Math.cos(c) * Math.cos(a), Math.sin(c))
            .times(90));
        assertTrue(left.targetLps().distance(expected) < 1e-9, left.targetLps() + " vs " + expected);
        assertTrue(left.targetLps().x() < entry.x(), "a converging left needle heads to the patient's right (-x)");
        assertTrue(left.targetLps().z() > entry.z(), "positive cranial angle: the tip heads up (+z)");
        assertTrue(left.targetLps().y() < entry.y(), "from the back towards anterior (-y)");

        Vec3 rightEntry = new Vec3(-30, 40, 5);
        Needle right = PlanEdits.setByAngles(PLAN, "right", rightEntry, 10, 20, 90).needle("right");
        assertTrue(right.targetLps().x() > rightEntry.x(), "a converging right needle heads to the patient's left");
        assertEquals(-(left.targetLps().x() - entry.x()), right.targetLps().x() - rightEntry.x(), 1e-9,
            "mirror image of the left needle");
        Needle down = PlanEdits.setByAngles(PLAN, "right", rightEntry, -5, 20, 90).needle("right");
        assertTrue(down.targetLps().z() < rightEntry.z(), "negative cranial angle: the tip heads down");
        // the other fields are kept
        assertEquals(3.05, right.diameterMm());
        assertEquals(100, right.workingLengthMm());
    }

    @Test
    void anglesUseThePlansVertebraFrame() {
        AngleFrame tilted = AngleFrame.fromVertebra(new Vec3(0, 0.2, 1), Vec3.X);
        Plan p = PlanEdits.setByAngles(tilted.applyTo(PLAN), "left", new Vec3(30, 40, 5), 0, 0, 50);
        Needle n = p.needle("left");
        assertEquals(0, n.direction().dot(tilted.superior()), 1e-9, "zero cranial angle in the vertebra frame");
        assertTrue(Math.abs(n.direction().z()) > 0.1, "but not in the patient frame");
    }

    @Test
    void anglesTypedInAnotherFrameRecordItOnTheNeedlesLevelInTheSameEdit() {
        AngleFrame measured = org.vertebroplan.plan.VertebraFrame.fromAngles(Vec3.ZERO, 12, -4, 7).angleFrame();
        Plan p = PlanEdits.setByAngles(PLAN, "left", new Vec3(30, 40, 5), 6, 18, 80, measured);
        assertEquals(measured, p.levels().get(0).angleFrame(), "the level records the frame the numbers were typed in");
        assertEquals(measured, p.angleFrameOf(p.needle("right")), "for every needle of that level");
        NeedleGeometry g = PlanEdits.geometry(p, p.needle("left"));
        assertEquals(6, g.cranialDeg(), 1e-9);
        assertEquals(18, g.abductionDeg(), 1e-9);
        assertEquals(80, g.depthMm(), 1e-9);
        assertEquals(PLAN.needle("right"), p.needle("right"), "the other needle does not move");
        // typed in the frame already recorded: nothing else changes
        Plan again = PlanEdits.setByAngles(p, "left", new Vec3(30, 40, 5), 6, 18, 80, measured);
        assertEquals(p, again);
        // a plan without levels gets one (unnamed) that records it
        Plan bare = new Plan("x", (String) null, null, PLAN.fiducials(),
            PLAN.needles().stream().map(n -> n.withLevel(null)).toList());
        Plan framed = PlanEdits.setByAngles(bare, "left", new Vec3(30, 40, 5), 6, 18, 80, measured);
        assertEquals(1, framed.levels().size());
        assertNull(framed.levels().get(0).label());
        assertEquals(measured, framed.angleFrameOf(framed.needle("left")));
    }

    @Test
    void levelsAreAddedRenamedAndRemovedWithTheirNeedles() {
        Plan two = PlanEdits.addLevel(PLAN, "L2");
        assertEquals(List.of("L1", "L2"), two.levels().stream().map(org.vertebroplan.plan.PlanLevel::label).toList());
        assertEquals(2, PlanEdits.needlesOf(two, 0).size());
        assertTrue(PlanEdits.needlesOf(two, 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.addLevel(two, "L1"), "labels are unique");
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.addLevel(two, "  "), "a label is required");
        // a proposal for the new level: prefixed ids for its needles and for the other level's plain ones
        Plan proposed = PlanEdits.withProposals(two, List.of(
            proposal(org.vertebroplan.plan.Side.LEFT, new Vec3(30, 30, 40), new Vec3(3, -10, 38), new Vec3(12, 5, 39)),
            proposal(org.vertebroplan.plan.Side.RIGHT, new Vec3(-30, 30, 40), new Vec3(-3, -10, 38), Vec3.ZERO)),
            120, 1, null);
        assertEquals(List.of("L1-left", "L1-right", "L2-left", "L2-right"),
            proposed.needles().stream().map(Needle::id).toList());
        assertEquals("L2", proposed.needle("L2-right").level());
        assertEquals("L1", proposed.needle("L1-left").level());
        assertEquals(PLAN.needle("left").targetLps(), proposed.needle("L1-left").targetLps());
        // renaming a level renames its needles' level and their prefixed ids
        Plan renamed = PlanEdits.renameLevel(proposed, 1, "L3");
        assertEquals(List.of("L1-left", "L1-right", "L3-left", "L3-right"),
            renamed.needles().stream().map(Needle::id).toList());
        assertEquals("L3", renamed.needle("L3-left").level());
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.renameLevel(renamed, 1, "L1"));
        // removing a level removes its needles
        Plan removed = PlanEdits.removeLevel(renamed, 0);
        assertEquals(List.of("L3"), removed.levels().stream().map(org.vertebroplan.plan.PlanLevel::label).toList());
        assertEquals(List.of("L3-left", "L3-right"), removed.needles().stream().map(Needle::id).toList());
        // a proposal at a new vertebra of a plan without levels makes an unnamed one; naming it later works
        Plan bare = new Plan("x", (String) null, null, List.of(), List.of());
        Plan first = PlanEdits.withProposals(bare, List.of(proposal(org.vertebroplan.plan.Side.LEFT, new Vec3(30, 30, 0),
            new Vec3(3, -10, 0), Vec3.ZERO)), 120, -1, null);
        assertEquals(1, first.levels().size());
        assertEquals("left", first.needles().get(0).id());
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.addLevel(first, "T12"),
            "another level needs the first one named");
        assertEquals("T11", PlanEdits.renameLevel(first, 0, "T11").needle("left").level());
    }

    @Test
    void theLevelAtAPointIsFoundByItsMeasuredCentreOrItsTargets() {
        Plan two = PlanEdits.withProposals(PlanEdits.addLevel(PLAN, "L2"), List.of(proposal(
            org.vertebroplan.plan.Side.LEFT, new Vec3(30, 30, 40), new Vec3(3, -10, 38), Vec3.ZERO)), 120, 1, null);
        assertEquals(0, PlanEdits.levelAt(two, new Vec3(0, -10, 2), n -> null), "L1's targets are around z = 0");
        assertEquals(1, PlanEdits.levelAt(two, new Vec3(0, -8, 36), n -> null));
        assertEquals(-1, PlanEdits.levelAt(two, new Vec3(0, -8, 80), n -> null), "no level there");
        Vec3 measured = new Vec3(0, -8, 20);
        assertEquals(0, PlanEdits.levelAt(two, new Vec3(0, -8, 22), n -> "L1".equals(n.level()) ? measured : null),
            "the measured centre wins over the targets");
    }

    @Test
    void invalidNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.setByAngles(PLAN, "left", Vec3.ZERO, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.setByAngles(PLAN, "left", Vec3.ZERO, 95, 0, 50));
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.setWorkingLength(PLAN, "left", -1));
        assertThrows(IllegalArgumentException.class, () -> PlanEdits.moveEntry(PLAN, "nope", Vec3.ZERO));
    }

    static TrajectoryProposer.Proposal proposal(org.vertebroplan.plan.Side side, Vec3 entry, Vec3 target, Vec3 pedicle) {
        return new TrajectoryProposer.Proposal(side, entry, target, pedicle, org.vertebroplan.plan.Route.TRANSPEDICULAR,
            org.vertebroplan.plan.NeedleGauge.G11, 6.5, List.of());
    }

    @Test
    void proposalsReplaceNeedlesOfTheirSideKeepingGaugeAndLength() {
        Plan small = PlanEdits.setDiameter(PLAN, "left", 2.41);
        Plan p = PlanEdits.withProposals(small, List.of(
            proposal(org.vertebroplan.plan.Side.LEFT, new Vec3(30, 30, 0), new Vec3(3, -10, 0), new Vec3(12, 5, 0))),
            120, 0, null);
        Needle left = p.needle("left");
        assertEquals(new Vec3(3, -10, 0), left.targetLps());
        assertEquals(2.41, left.diameterMm());
        assertEquals(100, left.workingLengthMm());
        assertEquals(PLAN.needle("right"), p.needle("right"), "the other side is untouched");
        Plan fresh = PlanEdits.withProposals(PlanEdits.removeNeedle(PLAN, "right"), List.of(
            proposal(org.vertebroplan.plan.Side.RIGHT, new Vec3(-30, 30, 0), new Vec3(-3, -10, 0), Vec3.ZERO)), 120, 0,
            null);
        assertEquals(3.05, fresh.needle("right").diameterMm(), "a new needle is 11 G");
        assertEquals(120, fresh.needle("right").workingLengthMm());
        assertEquals(org.vertebroplan.plan.Side.RIGHT, fresh.needle("right").side());
    }

    @Test
    void markersAreRenamedCranialToCaudal() {
        Plan p = PlanEdits.addMarker(PLAN, new Vec3(0, 31, 20)); // above M1
        assertEquals(List.of("M1", "M2", "M3", "M4"), p.fiducials().stream().map(Fiducial::id).toList());
        assertEquals(new Vec3(0, 31, 20), p.fiducials().get(0).lps());
        p = PlanEdits.deleteMarker(p, "M1");
        assertEquals(PLAN.fiducials(), p.fiducials());
        p = PlanEdits.moveMarker(p, "M3", new Vec3(0, 30, 30)); // the caudal one moved to the top
        assertEquals(new Vec3(0, 30, 30), p.fiducials().get(0).lps());
        assertEquals("M1", p.fiducials().get(0).id());
        Plan extra = PlanEdits.withMarkers(PLAN, List.of(new Fiducial("X", new Vec3(1, 2, 3), Map.of("k", "v"))));
        assertEquals(Map.of("k", "v"), extra.fiducials().get(0).extras());
    }

    @Test
    void entryRelativeToTheMarkers() {
        // markers on x = 0, y = 30, z = 12 / 0 / -12; the left entry (28, 26, 2)
        assertEquals("2.0 mm cranial of M2, 28.0 mm left of the marker line",
            PlanEdits.entryFromMarkers(PLAN, PLAN.needle("left")));
        Plan p = PlanEdits.moveEntry(PLAN, "right", new Vec3(-25, 26, -7));
        assertEquals("7.0 mm caudal of M2, 25.0 mm right of the marker line",
            PlanEdits.entryFromMarkers(p, p.needle("right")));
        assertNull(PlanEdits.entryFromMarkers(PlanEdits.deleteMarker(PLAN, "M2"), PLAN.needle("left")));
    }

    @Test
    void historyUndoesRedoesAndKnowsWhenItIsClean() {
        PlanHistory h = new PlanHistory();
        h.reset(PLAN);
        assertFalse(h.dirty());
        assertFalse(h.push(PLAN), "an edit that changes nothing is not a step");
        Plan a = PlanEdits.moveEntry(PLAN, "left", new Vec3(29, 26, 2));
        Plan b = PlanEdits.setWorkingLength(a, "left", 130);
        assertTrue(h.push(a));
        assertTrue(h.push(b));
        assertTrue(h.dirty());
        assertEquals(a, h.undo());
        assertEquals(PLAN, h.undo());
        assertFalse(h.dirty(), "back at the loaded plan");
        assertNull(h.undo());
        assertEquals(a, h.redo());
        h.markSaved();
        assertFalse(h.dirty());
        Plan c = PlanEdits.setWorkingLength(a, "left", 110);
        h.push(c);
        assertFalse(h.canRedo(), "a new edit drops the redo steps");
        assertEquals(a, h.undo());
        assertFalse(h.dirty());
        for (int i = 0; i < PlanHistory.LIMIT + 20; i++) {
            h.push(PlanEdits.setWorkingLength(a, "left", 50 + i));
        }
        int steps = 0;
        while (h.undo() != null) {
            steps++;
        }
        assertEquals(PlanHistory.LIMIT, steps);
    }
}
