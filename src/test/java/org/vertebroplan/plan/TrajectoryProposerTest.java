package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** Automatic bilateral proposals on the synthetic vertebra, whose pedicle axes are known. */
class TrajectoryProposerTest {

    static double distanceToLine(Vec3 p, Vec3 a, Vec3 b) {
        Vec3 u = b.minus(a).normalized();
        Vec3 d = p.minus(a);
        return d.minus(u.times(d.dot(u))).norm();
    }

    @Test
    void proposesSafeConvergingNeedlesThroughBothPedicles() throws Exception {
        Volume ct = SyntheticVertebra.ct();
        List<TrajectoryProposer.Proposal> p = TrajectoryProposer.propose(ct, new Vec3(0, 0, 0),
            SegmentationOptions.defaults());
        assertEquals(2, p.size());
        TrajectoryProposer.Proposal left = p.get(0), right = p.get(1);
        assertEquals(Side.LEFT, left.side());
        assertEquals(Side.RIGHT, right.side());
        // the left needle is on the patient's left (+x), converging but not crossing the midline
        assertTrue(left.entryLps().x() > left.targetLps().x() && left.targetLps().x() > 0, left.toString());
        assertTrue(right.entryLps().x() < right.targetLps().x() && right.targetLps().x() < 0, right.toString());
        // it passes through the true pedicle: within 1.5 mm of the pedicle axis at the pedicle centre
        Vec3 c = SyntheticVertebra.PEDICLE_CENTRE;
        assertTrue(distanceToLine(c, left.entryLps(), left.targetLps()) < 1.5,
            "left needle misses the pedicle centre by " + distanceToLine(c, left.entryLps(), left.targetLps()) + " " + left);
        Vec3 mirror = new Vec3(-c.x(), c.y(), c.z());
        assertTrue(distanceToLine(mirror, right.entryLps(), right.targetLps()) < 1.5);
        // target in the anterior third of the body (body y from -18 to 18), entry on the skin (y = 55)
        assertEquals(-18 + 0.3 * 36, left.targetLps().y(), 1.5);
        assertEquals(55.2, left.entryLps().y(), 0.3);
        // and the safety check agrees
        List<NeedleSafety> s = SafetyAnalyzer.check(ct, List.of(
            new SafetyAnalyzer.Input("left", left.entryLps(), left.targetLps(), 3.05),
            new SafetyAnalyzer.Input("right", right.entryLps(), right.targetLps(), 3.05)), SafetyOptions.defaults());
        for (NeedleSafety n : s) {
            assertTrue(n.verdict() != NeedleSafety.Verdict.UNSAFE, n.id() + " " + n.reasons());
            assertTrue(n.targetInBody());
        }
    }
}
