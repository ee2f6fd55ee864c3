package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;

/** The base's print direction: the axis of the narrowest cone around the needles, so no socket leans more than it must. */
class PrintUpTest {

    static Needle needle(String id, Side side, Vec3 direction) {
        Vec3 target = new Vec3(0, 0, 0);
        return new Needle(id, side, target.minus(direction.normalized().times(80)), target, 3.05, 120);
    }

    static double leanDeg(Vec3 up, Needle n) {
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, up.dot(n.direction())))));
    }

    static Plan plan(List<Needle> needles) {
        return new Plan("print-up", "L2", null, List.of(), needles);
    }

    @Test
    void oneNeedleIsPrintedAlongItsOwnAxis() {
        Vec3 d = new Vec3(0.2, -1, 0.3).normalized();
        Vec3 up = GuideGenerator.printUp(plan(List.of(needle("a", Side.LEFT, d))));
        assertEquals(0, up.distance(d), 1e-12);
    }

    @Test
    void aBilateralPairLeansEquallyEitherSide() {
        // each needle 20 degrees from the straight path into the back (-y, anterior in LPS)
        Needle left = needle("left", Side.LEFT, new Vec3(-Math.sin(Math.toRadians(20)), -Math.cos(Math.toRadians(20)), 0));
        Needle right = needle("right", Side.RIGHT, new Vec3(Math.sin(Math.toRadians(20)), -Math.cos(Math.toRadians(20)), 0));
        Vec3 up = GuideGenerator.printUp(plan(List.of(left, right)));
        assertEquals(20, leanDeg(up, left), 1e-9);
        assertEquals(20, leanDeg(up, right), 1e-9);
    }

    @Test
    void twoNeedlesOnOneSideDoNotTiltTheLoneOneOnTheOther() {
        double a = Math.toRadians(20);
        Needle left = needle("left", Side.LEFT, new Vec3(-Math.sin(a), -Math.cos(a), 0));
        Needle left2 = needle("left-2", Side.LEFT, new Vec3(-Math.sin(a), -Math.cos(a), 0.05));
        Needle right = needle("right", Side.RIGHT, new Vec3(Math.sin(a), -Math.cos(a), 0));
        Plan p = plan(List.of(left, left2, right));
        Vec3 up = GuideGenerator.printUp(p);
        double worst = Math.max(leanDeg(up, left), Math.max(leanDeg(up, left2), leanDeg(up, right)));
        // the mean of the three would lean the right needle about 26 degrees; the narrowest cone holds all
        // three within the half angle of its widest pair, here just over 20 degrees
        Vec3 mean = left.direction().plus(left2.direction()).plus(right.direction()).normalized();
        assertEquals(26.7, leanDeg(mean, right), 0.5);
        assertEquals(20.1, worst, 0.2);
        for (Vec3 other : List.of(mean, left.direction().plus(right.direction()).normalized(),
            left2.direction().plus(right.direction()).normalized())) {
            double w = Math.max(leanDeg(other, left), Math.max(leanDeg(other, left2), leanDeg(other, right)));
            assertEquals(true, w >= worst - 1e-9, "no other axis leans less: " + w + " < " + worst);
        }
    }
}
