package org.vertebroplan.fluoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.SyntheticSeries;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * Which way a shot shows the patient, whatever position the CT was scanned in: a bone ball at the
 * patient's left, back and head end, and the phantom's needles, in AP, lateral and oblique shots of
 * series written in all four patient positions.
 */
class FluoroOrientationTest {

    @TempDir
    static Path dir;

    /** A water block with a bone ball at the patient's left (+x), posterior (+y), superior (+z). */
    static final Vec3 BALL = new Vec3(25, 20, 15);

    static double scene(Vec3 p, boolean withBall) {
        if (withBall && p.distance(BALL) <= 6) {
            return 1000;
        }
        return Math.abs(p.x()) <= 40 && Math.abs(p.y()) <= 32 && Math.abs(p.z()) <= 30 ? 0 : -1000;
    }

    private static final Map<PhantomPosition, Volume> WRITTEN = new EnumMap<>(PhantomPosition.class);

    static synchronized Volume written(PhantomPosition p) throws Exception {
        if (!WRITTEN.containsKey(p)) {
            Path series = SyntheticSeries.write(dir.resolve(p.name()), p, Vec3.ZERO, 96, 70, 1, 1,
                q -> scene(q, true));
            WRITTEN.put(p, DicomImport.loadVolume(series, ProgressListener.NONE));
        }
        return WRITTEN.get(p);
    }

    /** The same scene without the ball, straight in memory. */
    static Volume reference() {
        return DrrRendererTest.sampled(96, 96, 70, org.vertebroplan.geom.Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z,
            new Vec3(-47.5, -47.5, -34.5)), q -> scene(q, false));
    }

    /** Centroid {column, row} of what the ball adds to the shot. */
    static double[] ballShadow(DrrImage with, DrrImage without) {
        double sum = 0, sc = 0, sr = 0;
        for (int r = 0; r < with.size(); r++) {
            for (int c = 0; c < with.size(); c++) {
                double excess = with.at(c, r) - without.at(c, r);
                if (excess > 0.05) {
                    sum += excess;
                    sc += excess * c;
                    sr += excess * r;
                }
            }
        }
        assertTrue(sum > 0, "the ball shows");
        return new double[] {sc / sum, sr / sum};
    }

    @Test
    void apLateralAndObliqueShowTheBallWhereThePatientsAxesSayInEveryPosition() throws Exception {
        Attenuation ref = Attenuation.of(reference(), 2);
        for (PhantomPosition p : PhantomPosition.values()) {
            Attenuation mu = Attenuation.of(written(p), 2);
            // AP: the patient's left on the image's right, superior up
            CArm ap = CArm.ap(Vec3.ZERO).withDetector(300, 129);
            double[] b = ballShadow(DrrRenderer.render(mu, ap, List.of(), 2), DrrRenderer.render(ref, ap, List.of(), 2));
            assertTrue(b[0] > 64 + 10, p + " AP: the left-sided ball at column " + b[0]);
            assertTrue(b[1] < 64 - 5, p + " AP: the superior ball at row " + b[1]);
            // lateral (source on the patient's left): posterior on the image's right, superior up
            CArm lat = CArm.lateral(Vec3.ZERO).withDetector(300, 129);
            b = ballShadow(DrrRenderer.render(mu, lat, List.of(), 2), DrrRenderer.render(ref, lat, List.of(), 2));
            assertTrue(b[0] > 64 + 10, p + " lateral: the posterior ball at column " + b[0]);
            assertTrue(b[1] < 64 - 5, p + " lateral: the superior ball at row " + b[1]);
            // oblique shots: the ball where the C-arm's geometry puts it
            for (CArm c : List.of(CArm.at(Vec3.ZERO, -60, 0), CArm.at(Vec3.ZERO, 40, 25))) {
                CArm small = c.withDetector(300, 129);
                b = ballShadow(DrrRenderer.render(mu, small, List.of(), 2), DrrRenderer.render(ref, small, List.of(), 2));
                double[] expected = small.project(BALL);
                assertEquals(expected[0], b[0], 0.5, p + " orbital " + c.orbitalDeg() + " column");
                assertEquals(expected[1], b[1], 0.5, p + " orbital " + c.orbitalDeg() + " row");
            }
            // orbital +45 (source at the patient's left front): the image's right is (0.71, 0.71, 0), left and
            // posterior, where the ball is
            CArm oblique = CArm.at(Vec3.ZERO, 45, 0).withDetector(300, 129);
            b = ballShadow(DrrRenderer.render(mu, oblique, List.of(), 2), DrrRenderer.render(ref, oblique, List.of(), 2));
            assertTrue(b[0] > 64 + 10, p + " orbital 45: the left-posterior ball at column " + b[0]);
        }
    }

    @Test
    void theFourEncodingsOfOneSceneGiveTheSameShot() throws Exception {
        CArm c = CArm.at(new Vec3(3, -2, 4), 35, -15).withDetector(300, 160);
        float[] first = null;
        for (PhantomPosition p : PhantomPosition.values()) {
            float[] img = DrrRenderer.render(Attenuation.of(written(p), 2), c, List.of(), 2).tissue();
            if (first == null) {
                first = img;
                continue;
            }
            for (int q = 0; q < img.length; q++) {
                assertEquals(first[q], img[q], 1e-4, p + " pixel " + q);
            }
        }
    }

    @Test
    void thePhantomsLeftNeedleIsOnTheRightOfTheApAndTheShotIsTheSameInEveryPosition() throws Exception {
        DrrImage first = null;
        for (PhantomPosition p : PhantomPosition.values()) {
            PhantomCases.Case c = PhantomCases.get(p);
            List<Needle> needles = c.truth().needles();
            Vec3 iso = needles.get(0).targetLps().lerp(needles.get(1).targetLps(), 0.5);
            CArm ap = CArm.ap(iso).withDetector(300, 200);
            DrrImage img = DrrRenderer.render(Attenuation.of(c.volume(), 2), ap, needles, 2);
            for (Needle n : needles) {
                // the steel of each needle, found in the image: on the patient's side of the image's centre
                double sum = 0, cols = 0;
                DrrImage one = DrrRenderer.render(Attenuation.of(c.volume(), 2), ap, List.of(n), 2);
                for (int r = 0; r < 200; r++) {
                    for (int col = 0; col < 200; col++) {
                        sum += one.steel()[col + 200 * r];
                        cols += one.steel()[col + 200 * r] * col;
                    }
                }
                double column = cols / sum;
                if (n.side() == Side.LEFT) {
                    assertTrue(column > 100, p + ": left needle at column " + column);
                } else {
                    assertTrue(column < 100, p + ": right needle at column " + column);
                }
            }
            if (first == null) {
                first = img;
            } else {
                for (int q = 0; q < img.tissue().length; q++) {
                    assertEquals(first.tissue()[q], img.tissue()[q], 2e-3, p + " pixel " + q);
                }
            }
        }
    }
}
