package org.vertebroplan.fluoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.volume.Volume;

/** The monitor's picture: a window that shows soft tissue and bone, black steel, burnt-in orientation letters. */
class FluoroDisplayTest {

    @Test
    void theOrientationLettersNameThePatientSideOfEachEdge() {
        CArm ap = CArm.ap(Vec3.ZERO);
        assertEquals("R", FluoroDisplay.edgeLetters(ap, "left"));
        assertEquals("L", FluoroDisplay.edgeLetters(ap, "right"));
        assertEquals("S", FluoroDisplay.edgeLetters(ap, "top"));
        assertEquals("I", FluoroDisplay.edgeLetters(ap, "bottom"));
        CArm lat = CArm.lateral(Vec3.ZERO);
        assertEquals("A", FluoroDisplay.edgeLetters(lat, "left"));
        assertEquals("P", FluoroDisplay.edgeLetters(lat, "right"));
        // orbital -60: the image's right is (0.5, -0.87, 0): mostly anterior, then left
        CArm oblique = CArm.at(Vec3.ZERO, -60, 0);
        assertEquals("AL", FluoroDisplay.edgeLetters(oblique, "right"));
        assertEquals("PR", FluoroDisplay.edgeLetters(oblique, "left"));
        // angular 30: the image's bottom is (0, 0.5, -0.87): inferior, then posterior
        CArm tilted = CArm.at(Vec3.ZERO, 0, 30);
        assertEquals("IP", FluoroDisplay.edgeLetters(tilted, "bottom"));
        assertEquals("SA", FluoroDisplay.edgeLetters(tilted, "top"));
    }

    @Test
    void theLettersAreBurntInWhiteWithABlackOutlineAtTheEdges() {
        CArm c = CArm.ap(Vec3.ZERO).withDetector(300, 256);
        float[] flat = new float[256 * 256];
        java.util.Arrays.fill(flat, 2f);
        DrrImage img = new DrrImage(c, flat, new float[256 * 256]);
        FluoroDisplay.Window w = new FluoroDisplay.Window(1, 3);
        byte[] grey = FluoroDisplay.show(img, w);
        int white = 0, black = 0, changedInside = 0;
        for (int r = 0; r < 256; r++) {
            for (int col = 0; col < 256; col++) {
                int g = grey[col + 256 * r] & 0xff;
                boolean nearLeftEdge = col < 30 && Math.abs(r - 128) < 20;
                if (nearLeftEdge) {
                    white += g == 255 ? 1 : 0;
                    black += g == 0 ? 1 : 0;
                } else if (col > 40 && col < 216 && r > 40 && r < 216 && g != 128) {
                    changedInside++;
                }
            }
        }
        assertTrue(white > 10 && black > 20, "the R at the left edge: " + white + " white, " + black + " black pixels");
        assertEquals(0, changedInside, "nothing burnt into the middle");
    }

    @Test
    void theWindowIgnoresTheSteelAndShowsTheMedianMidGrey() {
        CArm c = CArm.ap(Vec3.ZERO).withDetector(300, 100);
        float[] tissue = new float[100 * 100];
        for (int q = 0; q < tissue.length; q++) {
            tissue[q] = 3 + (q % 100) / 100f; // soft tissue 3.0 to 3.99 across the image
        }
        float[] steel = new float[100 * 100];
        for (int q = 0; q < 100 * 100; q += 7) {
            steel[q] = 2.7f;
        }
        FluoroDisplay.Window withSteel = FluoroDisplay.autoWindow(new DrrImage(c, tissue, steel));
        FluoroDisplay.Window without = FluoroDisplay.autoWindow(new DrrImage(c, tissue, new float[100 * 100]));
        assertEquals(without, withSteel);
        assertEquals(3.5, (withSteel.white() + withSteel.black()) / 2, 0.011, "the median is the window's centre");
        assertEquals(128, withSteel.grey(3.5), 2);
        assertEquals(0, withSteel.grey(3.5 + 2.7));
        assertEquals(255, withSteel.grey(0));
    }

    @Test
    void thePhantomsApShowsSoftTissueMidGreyTheVertebraDarkerAndTheNeedlesBlack() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        List<Needle> needles = c.truth().needles();
        Vec3 iso = needles.get(0).targetLps().lerp(needles.get(1).targetLps(), 0.5);
        CArm ap = CArm.ap(iso);
        Attenuation mu = Attenuation.of(c.volume(), 2);
        byte[] plain = FluoroDisplay.show(DrrRenderer.render(mu, ap, List.of(), 2));
        assertTrue(meanInField(plain, 512) > 0.3 * 255 && meanInField(plain, 512) < 0.7 * 255,
            "mean grey of the measuring field " + meanInField(plain, 512));
        int body = plain[256 + 512 * 256] & 0xff;
        double[] beside = ap.project(iso.plus(new Vec3(60, 0, 0)));
        int soft = plain[(int) Math.round(beside[0]) + 512 * (int) Math.round(beside[1])] & 0xff;
        assertTrue(soft - body >= 15, "vertebral body " + body + ", soft tissue beside it " + soft);
        byte[] withNeedles = FluoroDisplay.show(DrrRenderer.render(mu, ap, needles, 2));
        for (Needle n : needles) {
            double[] mid = ap.project(n.entryLps().lerp(n.targetLps(), 0.5));
            int g = withNeedles[(int) Math.round(mid[0]) + 512 * (int) Math.round(mid[1])] & 0xff;
            assertTrue(g <= 5, n.id() + " is black: " + g);
        }
    }

    @Test
    void aRealChestCtsApIsNeitherBlackNorWhite() throws Exception {
        Volume v = DicomImport.loadVolume(TestData.require("ct-real-2"), ProgressListener.NONE);
        // the spine of ct-real-2 lies near x 0, y 140 (supine, couch behind)
        CArm ap = CArm.ap(new Vec3(0, 140, v.lpsOf(0, 0, (v.nz() - 1) / 2.0).z()));
        byte[] grey = FluoroDisplay.show(DrrRenderer.render(Attenuation.of(v, 2), ap, List.of(), 2));
        double mean = meanInField(grey, 512);
        assertTrue(mean > 0.25 * 255 && mean < 0.75 * 255, "mean grey " + mean);
    }

    static double meanInField(byte[] grey, int n) {
        double c = (n - 1) / 2.0, sum = 0;
        int count = 0;
        for (int r = 0; r < n; r++) {
            for (int col = 0; col < n; col++) {
                if ((col - c) * (col - c) + (r - c) * (r - c) <= n * n / 16.0) {
                    sum += grey[col + n * r] & 0xff;
                    count++;
                }
            }
        }
        return sum / count;
    }
}
