package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomLayout;
import org.vertebroplan.phantom.PhantomLevel;
import org.vertebroplan.phantom.PhantomVariant;

/**
 * Proposals follow the anatomy on turned and tilted vertebrae, lumbar and thoracic: each needle runs
 * within 3 mm of its true pedicle axis from the isthmus to the target, converges without crossing the
 * midline, and is not unsafe.
 */
class TurnedProposalTest {

    @ParameterizedTest
    @CsvSource({"L2,0,0,0", "L2,12,0,0", "L2,-20,8,-10", "L2,25,15,15", "T8,0,0,0", "T8,15,-8,10"})
    void proposalsRunAlongTheTruePedicleAxes(String levelName, double a, double c, double s) throws Exception {
        PhantomVariants.Case v = PhantomVariants.get(PhantomVariant.of(PhantomLevel.byName(levelName)).withRotation(a, c, s));
        PhantomLayout l = v.layout();
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(v.ct(), l.toLps(Vec3.ZERO),
            SegmentationOptions.defaults());
        assertEquals(2, p.size());
        List<NeedleSafety> safety = SafetyAnalyzer.check(v.ct(), p.stream()
            .map(x -> new SafetyAnalyzer.Input(x.side().jsonName(), x.entryLps(), x.targetLps(), x.gauge().diameterMm(),
                null, x.route())).toList(), SafetyOptions.defaults());
        for (int i = 0; i < 2; i++) {
            TrajectoryProposer.Proposal pr = p.get(i);
            Side side = pr.side();
            Vec3 isthmus = l.isthmusLps(side), target = l.targetLps(side);
            double atIsthmus = TrajectoryProposerTest.distanceToLine(isthmus, pr.entryLps(), pr.targetLps());
            double atTarget = TrajectoryProposerTest.distanceToLine(pr.targetLps(), isthmus, target);
            assertTrue(atIsthmus < 3, side + " passes " + atIsthmus + " mm from the isthmus centre: " + pr);
            assertTrue(atTarget < 3, side + " target " + atTarget + " mm from the pedicle axis: " + pr);
            // converging on its own side: the target is nearer the midline than the entry, not across it
            VertebraFrame f = l.frame();
            double entryX = f.toLocal(pr.entryLps()).x(), targetX = f.toLocal(pr.targetLps()).x();
            int sgn = side == Side.LEFT ? 1 : -1;
            assertTrue(sgn * entryX > sgn * targetX && sgn * targetX > 0, side + " " + entryX + " -> " + targetX);
            assertNotEquals(NeedleSafety.Verdict.UNSAFE, safety.get(i).verdict(), side + " " + safety.get(i).reasons());
        }
    }
}
