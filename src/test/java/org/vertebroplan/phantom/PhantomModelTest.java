package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Side;

/** The analytic model: HU and tissue at known points, and the geometry of the true needles. */
class PhantomModelTest {

    final PhantomModel smooth = new PhantomModel(PhantomGrid.DEFAULT.meanSpacing());
    final PhantomModel sharp = new PhantomModel(0);
    final Vec3 c = PhantomAnatomy.CENTRE_LPS;

    @Test
    void probesReadTheirTissueHu() {
        for (PhantomTruth.Probe p : PhantomTruth.probes()) {
            assertEquals(p.tissue(), sharp.tissueAt(p.lps()), p.name());
            assertEquals(p.tissue().hu(), smooth.hu(p.lps()), 1e-9, p.name());
        }
    }

    @Test
    void keyHuValuesAreRealistic() {
        assertTrue(smooth.hu(PhantomAnatomy.markerLps(1)) > 2000, "marker");
        double csf = smooth.hu(c.plus(new Vec3(0, PhantomAnatomy.CANAL_CV, 5)));
        assertTrue(csf > 0 && csf < 30, "canal ~ CSF: " + csf);
        double cortical = smooth.hu(c.plus(new Vec3(0, -PhantomAnatomy.BODY_HALF_DEPTH + 0.6, 3)));
        assertTrue(cortical >= 700 && cortical <= 1000, "cortical shell: " + cortical);
        double cancellous = smooth.hu(c.plus(new Vec3(-8, 2, -6)));
        assertTrue(cancellous >= 100 && cancellous <= 200, "cancellous: " + cancellous);
        assertEquals(-1000, smooth.hu(c.plus(new Vec3(150, 80, 0))), "air outside the body");
        assertEquals(-1000, smooth.hu(c.plus(new Vec3(0, 90, 0))), "air behind the back skin, 5.5 mm beyond marker M2");
        // prone: the table is under the anterior side (negative y), not behind the back
        assertEquals(PhantomTissue.TABLE_SHELL, sharp.tissueAt(c.plus(new Vec3(100, PhantomAnatomy.TABLE_TOP_V - 1, 0))));
        assertEquals(PhantomTissue.AIR, sharp.tissueAt(c.plus(new Vec3(100, -PhantomAnatomy.TABLE_TOP_V + 1, 0))));
        // the body rests on the table: skin just above the table top on the midline
        assertEquals(PhantomTissue.SKIN, sharp.tissueAt(c.plus(new Vec3(0, PhantomAnatomy.TABLE_TOP_V + 0.5, 0))));
    }

    @Test
    void leftIsPlusXInTheAnatomy() {
        // the aorta lies left of the midline, the inferior vena cava right (LPS: +x is patient left)
        assertEquals(PhantomTissue.BLOOD, sharp.tissueAt(c.plus(new Vec3(12, -28, 0))));
        assertEquals(PhantomTissue.SOFT_TISSUE, sharp.tissueAt(c.plus(new Vec3(-12, -28 - 10, 0))));
        assertTrue(PhantomAnatomy.isthmusLps(Side.LEFT).x() > c.x());
        assertTrue(PhantomAnatomy.isthmusLps(Side.RIGHT).x() < c.x());
    }

    @Test
    void markersLieOnTheBackSkinMidlineCranialToCaudal() {
        for (int i = 0; i < 3; i++) {
            Vec3 m = PhantomAnatomy.markerLps(i);
            assertEquals(c.x(), m.x(), 1e-12);
            // bead touches the skin: its centre is one radius outside
            assertEquals(PhantomAnatomy.MARKER_DIAMETER / 2, sharp.skinSdf(m), 1e-6);
            if (i > 0) {
                assertEquals(25, PhantomAnatomy.markerLps(i - 1).z() - m.z(), 1e-12);
            }
        }
    }

    @Test
    void trueNeedlesFollowThePediclesIntoTheAnteriorThird() {
        NeedleGeometry left = null;
        for (Side side : Side.values()) {
            Vec3 entry = sharp.needleEntryLps(side);
            Vec3 target = PhantomAnatomy.targetLps(side);
            assertEquals(0, sharp.skinSdf(entry), 1e-6, "entry on the skin");
            // target: inside cancellous bone, in the anterior third of the body, on its own side of the midline
            assertEquals(PhantomTissue.CANCELLOUS_BONE, sharp.tissueAt(target));
            double fromFront = target.y() - (c.y() - PhantomAnatomy.BODY_HALF_DEPTH);
            assertTrue(fromFront > 0 && fromFront < (PhantomAnatomy.BODY_POSTERIOR_V + PhantomAnatomy.BODY_HALF_DEPTH) / 3);
            assertTrue(side == Side.LEFT ? target.x() > c.x() : target.x() < c.x(), "does not cross the midline");
            // from the bone entry on, the whole needle (radius 1.525) stays in bone and out of the canal
            Vec3 boneEntry = sharp.boneEntryLps(entry, target);
            assertNotNull(boneEntry);
            double r = PhantomAnatomy.NEEDLE_DIAMETER / 2;
            double len = boneEntry.distance(target);
            for (double s = 4; s <= len; s += 0.1) {
                Vec3 p = boneEntry.lerp(target, s / len);
                assertTrue(sharp.boneSdf(p) < -r + 0.05, "needle surface leaves bone at " + p);
                assertTrue(sharp.tissueAt(p) != PhantomTissue.CSF);
            }
            assertTrue(PhantomTruth.axisToCanalMm(boneEntry, target) - r > 2, "needle clear of the canal");
            NeedleGeometry g = NeedleGeometry.of(side, entry, target);
            assertTrue(g.abductionDeg() > 10 && g.abductionDeg() < 30, "converges: " + g.abductionDeg());
            assertTrue(g.depthMm() > 70 && g.depthMm() < PhantomAnatomy.NEEDLE_WORKING_LENGTH, "depth " + g.depthMm());
            if (left == null) {
                left = g;
            } else {
                assertEquals(left.depthMm(), g.depthMm(), 1e-9, "mirror symmetric");
                assertEquals(left.abductionDeg(), g.abductionDeg(), 1e-9);
                assertEquals(left.cranialDeg(), g.cranialDeg(), 1e-9);
            }
        }
        // by hand from PhantomAnatomy: isthmus (15.5, 19.5, 1.5) -> target (5.5, -9, -1.5):
        // abduction = atan(10 / 28.5) = 19.3348 deg, cranial = asin(-3 / sqrt(921.25)) = -5.6724 deg
        assertEquals(Math.toDegrees(Math.atan(10 / 28.5)), left.abductionDeg(), 1e-9);
        assertEquals(Math.toDegrees(Math.asin(-3 / Math.sqrt(921.25))), left.cranialDeg(), 1e-9);
    }

    @Test
    void pedicleWallsHaveCortexAndTheCanalIsNotBone() {
        Vec3 isthmus = PhantomAnatomy.isthmusLps(Side.LEFT);
        Vec3 across = PhantomAnatomy.pedicleAxisLps(Side.LEFT).cross(Vec3.Z).normalized();
        // walk across the isthmus: cancellous at the centre, cortical near the wall, outside beyond it
        assertEquals(PhantomTissue.CANCELLOUS_BONE, sharp.tissueAt(isthmus));
        assertEquals(PhantomTissue.CORTICAL_BONE, sharp.tissueAt(isthmus.plusScaled(across, PhantomAnatomy.PEDICLE_HALF_WIDTH - 0.5)));
        assertEquals(PhantomTissue.CORTICAL_BONE, sharp.tissueAt(isthmus.plusScaled(across, -PhantomAnatomy.PEDICLE_HALF_WIDTH + 0.5)));
        for (double w = -30; w <= 30; w += 5) {
            assertEquals(PhantomTissue.CSF, sharp.tissueAt(c.plus(new Vec3(0, PhantomAnatomy.CANAL_CV, w))), "canal at w=" + w);
        }
    }
}
