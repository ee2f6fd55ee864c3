package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.SkinSnapper;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * The guide on the real chest CT {@code ct-real-2} with a hand-made plan: it has no skin markers, so
 * three are placed by hand on the midline of the back skin 25 mm apart (bead centres 1.25 mm out of the
 * skin); the needles are the hand-placed transpedicular ones of {@code RealCtPlanningTest}, their entries
 * put on the skin. The patient lies supine on a curved table 8-20 mm behind the back skin (y >= 297):
 * the guide must ignore the table and still seat on the skin.
 */
class GuideRealCtTest {

    @Test
    void aGuideForAHandMadePlanIsPrintableAndSeatsOnTheBackSkin() throws Exception {
        Volume ct = DicomImport.loadVolume(TestData.require("ct-real-2"), ProgressListener.NONE);
        List<Fiducial> markers = new ArrayList<>();
        String[] ids = {"M1", "M2", "M3"};
        double[] zs = {-612.8, -637.8, -662.8};
        for (int i = 0; i < 3; i++) {
            Vec3 skin = SkinSnapper.snap(ct, new Vec3(-9.5, 250, zs[i]), new Vec3(-9.5, 400, zs[i]), Tissue.SKIN_HU).orElseThrow();
            markers.add(new Fiducial(ids[i], skin.plus(new Vec3(0, 1.25, 0))));
        }
        double z = -637.8;
        Vec3 leftTarget = new Vec3(-6, 214, z), rightTarget = new Vec3(-13, 214, z);
        Vec3 leftEntry = SkinSnapper.snap(ct, leftTarget, new Vec3(22, 286.7, z), Tissue.SKIN_HU).orElseThrow();
        Vec3 rightEntry = SkinSnapper.snap(ct, rightTarget, new Vec3(-40.9, 286.7, z), Tissue.SKIN_HU).orElseThrow();
        List<Needle> needles = List.of(new Needle("left", Side.LEFT, leftEntry, leftTarget, 3.05, 120),
            new Needle("right", Side.RIGHT, rightEntry, rightTarget, 3.05, 120));
        Plan plan = new Plan("real-2-hand", "T11", null, markers, needles);

        // this chest CT is supine: the back lies on the table, about 12 mm under the entry points, so the bosses are
        // kept low enough to stay clear of it
        GuideDesign g = GuideGenerator.generate(ct, plan, GuideSpec.fromPlan(java.util.Map.of("bossHeightMm", 12.0, "socketDepthMm", 8.0),
            PrinterPreset.SLA), ProgressListener.NONE);
        GuideChecks.assertPrintable("base", g.baseReport());
        for (Needle n : needles) {
            GuideChecks.assertPrintable("sleeve " + n.id(), g.sleeveReports().get(n.id()));
            GuideChecks.assertBoreClearsTheNeedle(g.sleeves().get(n.id()), g.sleeveDesigns().get(n.id()));
            GuideChecks.assertSleeveTopAtWorkingLength(g.sleeves().get(n.id()), g.sleeveDesigns().get(n.id()));
            GuideChecks.assertNeedlePassesTheBase(g.base(), n);
        }
        // tissue is the body: fat and soft tissue (from -150 HU), not the table (from y = 297 in this CT)
        // nor the thin detached fabric layer (-300..-180 HU) lying 2 mm off the skin near M3, which the
        // base goes through; the base bridges the skin's pits, folds and 1 mm slice steps, so 95 % of its
        // skin side lies within the gap + 0.2 mm and none closer than the gap - 0.1 mm
        GuideChecks.assertSeatsOnTheSkin(g.base(), ct, 0.3, -150, p -> p.y() < 296, 0.2, 0.95);
    }
}
