package org.vertebroplan.fluoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/** Simulated radiographs of a small synthetic CT with known answers, left/right and front/back included. */
class DrrRendererTest {

    /** Water everywhere (0 HU) in a 60 mm cube, with a 10 mm bone cube (1000 HU) at the patient's
     * left-posterior (x = +20, y = +20, z = 0); a 1 mm grid from -30 to +29 mm. */
    static Volume phantom() {
        int n = 60;
        short[] hu = new short[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double x = -30 + i, y = -30 + j, z = -30 + k;
                    boolean bone = Math.abs(x - 20) <= 5 && Math.abs(y - 20) <= 5 && Math.abs(z) <= 5;
                    hu[i + n * (j + n * k)] = (short) (bone ? 1000 : 0);
                }
            }
        }
        return Volume.axisAligned(n, n, n, hu, new Vec3(-30, -30, -30), 1, 1, 1);
    }

    @Test
    void theApViewShowsThePatientsLeftOnTheImageRightWithWaterAndBoneAttenuation() {
        DrrImage img = DrrRenderer.render(phantom(), DrrView.AP, List.of(), 2);
        // the bone's centre (x = 20, z = 0) projects right of the image centre
        double[] bone = img.project(new Vec3(20, 0, 0));
        double[] centre = img.project(new Vec3(0, 0, 0));
        assertTrue(bone[0] > centre[0] + 15, "bone at column " + bone[0] + ", centre " + centre[0]);
        float throughBone = img.at((int) Math.round(bone[0]), (int) Math.round(bone[1]));
        float waterOnly = img.at((int) Math.round(centre[0]), (int) Math.round(centre[1]));
        // 59 mm of water (mu 0.019/mm) and, through the bone, 11 of those mm at twice the attenuation
        assertEquals(DrrRenderer.MU_WATER * 59, waterOnly, 0.05);
        assertEquals(DrrRenderer.MU_WATER * (59 + 11), throughBone, 0.08);
    }

    @Test
    void theLateralViewShowsPosteriorOnTheImageRightAndSuperiorUp() {
        DrrImage img = DrrRenderer.render(phantom(), DrrView.LATERAL, List.of(), 2);
        double[] bone = img.project(new Vec3(0, 20, 0));
        double[] centre = img.project(Vec3.ZERO);
        assertTrue(bone[0] > centre[0] + 15, "posterior bone at column " + bone[0]);
        double[] top = img.project(new Vec3(0, 0, 25));
        assertTrue(top[1] < centre[1] - 20, "superior is up: row " + top[1] + " vs " + centre[1]);
        assertTrue(img.at((int) Math.round(bone[0]), (int) Math.round(bone[1]))
            > img.at((int) Math.round(centre[0]), (int) Math.round(centre[1])) + 0.1);
    }

    @Test
    void aNeedleIsASteelRodInTheImage() {
        Needle n = new Needle("left", Side.LEFT, new Vec3(10, -25, 0), new Vec3(10, 25, 0), 3.0, 120);
        DrrImage with = DrrRenderer.render(phantom(), DrrView.LATERAL, List.of(n), 2);
        DrrImage without = DrrRenderer.render(phantom(), DrrView.LATERAL, List.of(), 2);
        double[] mid = with.project(new Vec3(10, 0, 0));
        int u = (int) Math.round(mid[0]), v = (int) Math.round(mid[1]);
        // the lateral ray crosses the rod through its axis: a chord of one diameter of steel
        assertEquals(DrrRenderer.MU_STEEL * 3.0, with.at(u, v) - without.at(u, v), 0.05);
        double[] off = with.project(new Vec3(10, 0, 6));
        assertEquals(0, with.at((int) Math.round(off[0]), (int) Math.round(off[1]))
            - without.at((int) Math.round(off[0]), (int) Math.round(off[1])), 1e-6);
    }

    @Test
    void chordLengthsThroughACylinder() {
        Needle n = new Needle("x", Side.LEFT, new Vec3(0, 0, 0), new Vec3(0, 0, 50), 4.0, 100);
        assertEquals(4.0, DrrRenderer.chord(new Vec3(-10, 0, 10), Vec3.X, n), 1e-9);
        assertEquals(2 * Math.sqrt(4 - 1), DrrRenderer.chord(new Vec3(-10, 1, 10), Vec3.X, n), 1e-9);
        assertEquals(0, DrrRenderer.chord(new Vec3(-10, 2.5, 10), Vec3.X, n), 1e-12);
        assertEquals(0, DrrRenderer.chord(new Vec3(-10, 0, 60), Vec3.X, n), 1e-12);
        assertEquals(50, DrrRenderer.chord(new Vec3(0, 0.5, -10), Vec3.Z, n), 1e-9);
    }
}
