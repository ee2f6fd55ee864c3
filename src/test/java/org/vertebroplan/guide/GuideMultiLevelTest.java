package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;

/**
 * Several levels on one base: unique keys (all six patterns, pairwise, every rotation and shift, on the
 * design's outlines: a collar enters a socket when no point of the socket's wall lies inside it) and unique
 * labels; and a two-level plan on the phantom gives one printable base with four
 * sleeves labelled by level and side.
 */
class GuideMultiLevelTest {

    @Test
    void everyKeyPatternFitsOnlyItsOwnSocket() {
        Needle n = new Needle("x", org.vertebroplan.plan.Side.LEFT, new Vec3(30, 90, 0), new Vec3(5, 10, 0), 3.05, 120);
        for (PrinterPreset p : PrinterPreset.values()) {
            GuideSpec spec = GuideSpec.defaults(p);
            List<SleeveDesign> keys = new ArrayList<>();
            for (int k = 0; k < SleeveDesign.KEYS_DEG.length; k++) {
                keys.add(SleeveDesign.of(n, "K" + k, k, n.direction(), spec));
            }
            for (SleeveDesign own : keys) {
                for (SleeveDesign socket : keys) {
                    // the collar enters the socket when every point of the socket's wall near it (its ribs' faces
                    // and its round wall) lies outside the turned and shifted collar
                    List<double[]> wall = wall(socket);
                    boolean fits = false;
                    for (int a = 0; a < 720 && !fits; a++) {
                        double phi = Math.toRadians(a / 2.0);
                        for (double tx = -0.4; tx <= 0.4001 && !fits; tx += 0.04) {
                            for (double ty = -0.4; ty <= 0.4001 && !fits; ty += 0.04) {
                                fits = clear(wall, own, phi, tx, ty, 0.03);
                            }
                        }
                    }
                    assertEquals(own == socket, fits, p + ": collar " + own.label() + " in socket " + socket.label());
                }
            }
        }
    }

    /** Points of the socket's wall: each rib's face towards the axis and the round wall, every 2 degrees. */
    static List<double[]> wall(SleeveDesign socket) {
        List<double[]> pts = new ArrayList<>();
        double r = socket.collarRadiusMm() + socket.socketClearanceMm() / 2;
        for (double a : socket.keyAngles()) {
            for (int k = -60; k <= 60; k += 2) {
                double b = a + Math.PI + Math.toRadians(k);
                pts.add(new double[] {r * Math.cos(a) + socket.notchHalfWidthMm() * Math.cos(b),
                    r * Math.sin(a) + socket.notchHalfWidthMm() * Math.sin(b)});
            }
        }
        for (int k = 0; k < 180; k++) {
            double b = Math.toRadians(2 * k);
            if (socket.socket2d(r * Math.cos(b) * 0.999, r * Math.sin(b) * 0.999) > 0) {
                pts.add(new double[] {r * Math.cos(b), r * Math.sin(b)});
            }
        }
        return pts;
    }

    /** No wall point inside the collar turned by phi about its axis and shifted by (tx, ty), beyond a slack. */
    static boolean clear(List<double[]> wall, SleeveDesign collar, double phi, double tx, double ty, double slack) {
        double c = Math.cos(phi), s = Math.sin(phi);
        for (double[] p : wall) {
            double x = p[0] - tx, y = p[1] - ty;
            if (collar.collar2d(c * x + s * y, -s * x + c * y) > slack) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aTwoLevelPlanGetsOneBaseWithFourUniquelyKeyedAndLabelledSleeves() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        List<Needle> needles = new ArrayList<>();
        for (String level : List.of("L1", "L2")) {
            double dz = level.equals("L1") ? 15 : -15;
            for (Needle n : c.truth().needles()) {
                needles.add(new Needle(level + "-" + n.id(), n.side(), n.entryLps().plus(new Vec3(0, 0, dz)),
                    n.targetLps().plus(new Vec3(0, 0, dz)), n.diameterMm(), n.workingLengthMm(), level, n.route(), Map.of()));
            }
        }
        Plan plan = new Plan(c.truth().caseId(), List.of(new PlanLevel("L1"), new PlanLevel("L2")),
            c.truth().seriesInstanceUid(), c.truth().fiducials(), needles, Map.of(), Map.of());
        GuideDesign g = GuideGenerator.generate(c.volume(), plan, GuideSpec.defaults(PrinterPreset.FDM),
            ProgressListener.NONE);
        GuideChecks.assertPrintable("base", g.baseReport());
        assertEquals(List.of("L1-L", "L1-R", "L2-L", "L2-R"), g.sleeveDesigns().values().stream()
            .map(SleeveDesign::label).toList());
        assertEquals(4, g.sleeveDesigns().values().stream().map(d -> java.util.Arrays.toString(d.keyAngles()))
            .distinct().count(), "four key patterns");
        for (Needle n : needles) {
            GuideChecks.assertPrintable("sleeve " + n.id(), g.sleeveReports().get(n.id()));
            GuideChecks.assertNeedlePassesTheBase(g.base(), n);
        }
        assertTrue(g.engraved().stream().map(GuideDesign.EngravedLabel::text).toList()
            .containsAll(List.of("L1-L", "L1-R", "L2-L", "L2-R", "L1-L2")), g.engraved().toString());
    }
}
