package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vertebroplan.geom.Vec3;

/**
 * The test variants of the target body: an anterior wedge fracture whose endplates are the planes the truth
 * gives, a posterior wall defect with its fragment in the canal where the truth says, on either level and
 * turned or not; and the ranges the variants refuse.
 */
class PhantomVariantTest {

    static Stream<PhantomVariant> wedged() {
        return Stream.of(
            PhantomVariant.of(PhantomLevel.L2).withWedge(20),
            PhantomVariant.of(PhantomLevel.T8).withWedge(15),
            PhantomVariant.of(PhantomLevel.L2).withWedge(30).withRotation(-20, 8, -10),
            PhantomVariant.of(PhantomLevel.T8).withWedge(25).withRotation(25, 15, 15).withPosteriorWallDefect(true));
    }

    static JsonNode body(PhantomLayout layout) {
        ObjectNode body = PhantomTruth.MAPPER.createObjectNode();
        PhantomTruthSpine.bodyPlanes(body, layout);
        return body;
    }

    static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    static boolean bone(PhantomTissue t) {
        return t == PhantomTissue.CORTICAL_BONE || t == PhantomTissue.CANCELLOUS_BONE;
    }

    @ParameterizedTest
    @MethodSource("wedged")
    void theWedgedBodysEndplatesAreTheTruthsPlanes(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v);
        PhantomModel sharp = new PhantomModel(layout, 0);
        JsonNode body = body(layout);
        PhantomLevel.Body b = v.level().body();
        Vec3 s = layout.frame().superior();
        for (String key : new String[] {"superiorEndplate", "inferiorEndplate"}) {
            Vec3 p0 = vec(body.get(key).get("pointLps")), n = vec(body.get(key).get("normalLps"));
            double sign = key.startsWith("sup") ? 1 : -1;
            // walk from inside the body along +-S at points across the body: bone ends on the plane, disc follows
            for (double u : new double[] {-b.halfWidth() / 2, 0, b.halfWidth() / 2}) {
                for (double vv : new double[] {-b.halfDepth() + 3, 0, b.posteriorV() - 3}) {
                    Vec3 from = layout.toLps(new Vec3(u, vv, 0));
                    Vec3 dir = s.times(sign);
                    double t = PhantomThoracicTest.extent(q -> bone(sharp.tissueAt(q)), from, dir);
                    Vec3 hit = from.plusScaled(dir, t);
                    assertEquals(0, n.dot(hit.minus(p0)), 1e-5, v.key() + " " + key + " at " + u + "," + vv);
                    assertEquals(PhantomTissue.DISC, sharp.tissueAt(hit.plusScaled(dir, 0.5)));
                }
            }
        }
        // the endplates make the wedge angle; their bisector is the frame's superior axis
        Vec3 top = vec(body.at("/superiorEndplate/normalLps")), bottom = vec(body.at("/inferiorEndplate/normalLps"));
        assertEquals(v.wedgeDeg(), Math.toDegrees(Math.acos(-top.dot(bottom))), 1e-9);
        Vec3 bisector = top.minus(bottom).normalized();
        assertEquals(0, bisector.minus(s).norm(), 1e-12);
        assertEquals(0, vec(body.at("/endplateBisector/normalLps")).minus(s).norm(), 1e-12);
        assertTrue(top.dot(layout.frame().posterior()) < 0, "the superior endplate leans forwards");
        // heights: posterior unchanged, anterior reduced by the depth times 2 tan(wedge / 2)
        double expected = 2 * b.halfHeight() - 2 * b.depth() * Math.tan(Math.toRadians(v.wedgeDeg() / 2));
        assertEquals(expected, body.get("anteriorHeightMm").asDouble(), 1e-9);
        assertEquals(2 * b.halfHeight(), body.get("posteriorHeightMm").asDouble(), 1e-12);
        // the target is still well inside cancellous bone
        for (org.vertebroplan.plan.Side side : org.vertebroplan.plan.Side.values()) {
            assertEquals(PhantomTissue.CANCELLOUS_BONE, sharp.tissueAt(layout.targetLps(side)));
        }
    }

    static Stream<PhantomVariant> defects() {
        return Stream.of(
            PhantomVariant.of(PhantomLevel.L2).withPosteriorWallDefect(true),
            PhantomVariant.of(PhantomLevel.T8).withPosteriorWallDefect(true),
            PhantomVariant.of(PhantomLevel.L2).withPosteriorWallDefect(true).withRotation(12, 0, 0).withWedge(10),
            PhantomVariant.of(PhantomLevel.T8).withPosteriorWallDefect(true).withRotation(-20, 8, -10)
                .withPedicleWidth(4));
    }

    @ParameterizedTest
    @MethodSource("defects")
    void thePosteriorWallHasAWindowAndAFragmentInTheCanalWhereTheTruthSays(PhantomVariant v) {
        PhantomLayout layout = new PhantomLayout(v);
        PhantomModel sharp = new PhantomModel(layout, 0);
        ObjectNode vert = PhantomTruth.MAPPER.createObjectNode();
        PhantomTruthSpine.posteriorWallDefect(vert, layout);
        JsonNode d = vert.get("posteriorWallDefect");
        Vec3 window = vec(d.get("windowCentreLps")), out = vec(d.get("outwardNormalLps"));
        Vec3 across = vec(d.get("widthDirectionLps")), up = vec(d.get("heightDirectionLps"));
        double depth = d.get("windowDepthMm").asDouble(), w = d.get("windowWidthMm").asDouble();
        double h = d.get("windowHeightMm").asDouble();
        assertEquals(6, w);
        assertEquals(8, h);
        // inside the window: no cortex, soft tissue, with cancellous bone behind it
        for (double a : new double[] {-w / 2 + 0.4, 0, w / 2 - 0.4}) {
            for (double b : new double[] {-h / 2 + 0.4, 0, h / 2 - 0.4}) {
                Vec3 p = window.plusScaled(across, a).plusScaled(up, b).plusScaled(out, -depth / 2);
                assertEquals(PhantomTissue.SOFT_TISSUE, sharp.tissueAt(p), v.key() + " window at " + a + "," + b);
                assertEquals(PhantomTissue.CANCELLOUS_BONE, sharp.tissueAt(p.plusScaled(out, -depth)));
            }
        }
        // around it the cortex is intact
        for (Vec3 side : new Vec3[] {across.times(w / 2 + 1), across.times(-w / 2 - 1), up.times(h / 2 + 1),
            up.times(-h / 2 - 1)}) {
            assertEquals(PhantomTissue.CORTICAL_BONE, sharp.tissueAt(window.plus(side).plusScaled(out, -depth / 2)));
        }
        // the fragment: cortical bone 2 mm behind its place, in the canal, with CSF behind it
        JsonNode f = d.get("fragment");
        Vec3 fc = vec(f.get("centreLps"));
        assertEquals(2, f.get("displacementMm").asDouble());
        assertEquals(2, f.get("intoCanalMm").asDouble(), 1e-12);
        assertEquals(0, fc.minus(window.plusScaled(out, -depth / 2 + 2)).norm(), 1e-9);
        assertEquals(PhantomTissue.CORTICAL_BONE, sharp.tissueAt(fc));
        assertEquals(PhantomTissue.CSF, sharp.tissueAt(fc.plusScaled(out, 2)), "canal behind the fragment");
        assertEquals(PhantomTissue.CSF, sharp.tissueAt(fc.plusScaled(across, 3.5)), "canal beside the fragment");
        // without the variant the wall is whole
        PhantomModel whole = new PhantomModel(new PhantomLayout(v.withPosteriorWallDefect(false)), 0);
        assertEquals(PhantomTissue.CORTICAL_BONE, whole.tissueAt(window.plusScaled(out, -depth / 2)));
        assertEquals(PhantomTissue.CSF, whole.tissueAt(fc));
    }

    @Test
    void outOfRangeVariantsAreRefused() {
        PhantomVariant l2 = PhantomVariant.of(PhantomLevel.L2);
        assertThrows(IllegalArgumentException.class, () -> l2.withRotation(30.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> l2.withRotation(0, -21, 0));
        assertThrows(IllegalArgumentException.class, () -> l2.withRotation(0, 0, 20.01));
        assertThrows(IllegalArgumentException.class, () -> l2.withRotation(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> l2.withWedge(-1));
        assertThrows(IllegalArgumentException.class, () -> l2.withWedge(31));
        assertThrows(IllegalArgumentException.class, () -> l2.withPedicleWidth(1.9));
        assertThrows(IllegalArgumentException.class, () -> l2.withPedicleWidth(8.5));
        assertThrows(IllegalArgumentException.class, () -> PhantomVariant.of(PhantomLevel.T8).withPedicleWidth(7));
        assertThrows(IllegalArgumentException.class, () -> PhantomLevel.byName("C5"));
        assertEquals(PhantomLevel.T8, PhantomLevel.byName("t8"));
        // the limits themselves are fine, and a zero turn is the square phantom
        PhantomVariant edge = l2.withRotation(-30, 20, -20).withWedge(30).withPedicleWidth(2);
        assertTrue(new PhantomLayout(edge).turned());
        assertFalse(l2.withRotation(-0.0, 0, 0).turned());
        assertTrue(l2.withRotation(-0.0, 0.0, -0.0).isDefault());
        assertEquals("T8/rotate=12,0,-2.5/wedge=10/posterior-wall-defect/pedicle-width=3.5", PhantomVariant
            .of(PhantomLevel.T8).withRotation(12, 0, -2.5).withWedge(10).withPosteriorWallDefect(true)
            .withPedicleWidth(3.5).key());
    }
}
