package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

class VertebraFrameFinderTest {

    @ParameterizedTest
    @CsvSource({"0,0,0", "12,0,0", "-25,0,0", "0,15,0", "0,0,-15", "20,-10,12", "-17,14,-9", "25,15,15"})
    void theFrameOfATurnedPhantomIsFoundWithinADegree(double axial, double coronal, double sagittal) {
        VertebraFrame truth = TurnedPhantom.frame(axial, coronal, sagittal);
        Volume ct = TurnedPhantom.volume(truth, 12, 3);
        // start from the left needle's target (in the body, off-centre)
        Vec3 seed = truth.toLps(new Vec3(5.5, -9, -1.5));
        long t0 = System.nanoTime();
        VertebraFrameFinder.Result r = VertebraFrameFinder.find(ct, seed);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        VertebraFrame f = r.frame();
        System.out.printf("%s: axial %.2f coronal %.2f sagittal %.2f centre off %.2f sym %.3f cols %d/%d it %d %d ms %s%n",
            java.util.Arrays.toString(new double[] {axial, coronal, sagittal}), f.axialRotationDeg(), f.coronalTiltDeg(),
            f.sagittalTiltDeg(), f.centreLps().distance(truth.centreLps()), r.symmetryScore(), r.superiorColumns(),
            r.inferiorColumns(), r.iterations(), ms, truth.toLocal(f.centreLps()));
        assertTrue(f.angleToDeg(truth) < 1.0, "frame off by " + f.angleToDeg(truth));
        assertEquals(axial, f.axialRotationDeg(), 1.0);
        assertEquals(coronal, f.coronalTiltDeg(), 1.0);
        assertEquals(sagittal, f.sagittalTiltDeg(), 1.0);
        // the centre is midway between the anterior cortex (local y -16) and the flat posterior wall (+12)
        assertTrue(f.centreLps().distance(truth.toLps(new Vec3(0, -2, 0))) < 0.5, "centre off");
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }
}
