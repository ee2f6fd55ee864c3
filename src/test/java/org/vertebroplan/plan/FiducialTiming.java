package org.vertebroplan.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * How long marker detection takes on whole CTs (a measurement, not a test: see docs/performance.md):
 * {@code ct-real-2} with and without seeded speckle, and a synthetic 512 x 512 x 300 CT (0.78 x 0.78 x 1 mm:
 * an elliptic body with noise, a bone column, a couch, three beads on the back, speckle). Prints the median
 * and the range of {@code rounds} detections after two warm-up runs.
 *
 * <p>Run: {@code ./mvnw -q test-compile} then
 * {@code java -cp target/classes:target/test-classes org.vertebroplan.plan.FiducialTiming ../shared/data/ct-real-2 9}.
 */
public final class FiducialTiming {

    private FiducialTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        if (args.length > 0) {
            Volume ct = DicomImport.loadVolume(Path.of(args[0]), ProgressListener.NONE);
            time("ct-real-2 (512x512x96)", ct, rounds);
            time("ct-real-2 + 60 speckles", MarkerScenes.speckle(ct, 5, 60, List.of(), true,
                FiducialDetectorRealCtTest.IN_PATIENT).volume(), rounds);
        }
        time("synthetic 512x512x300", synthetic(), rounds);
    }

    static void time(String name, Volume v, int rounds) {
        FiducialDetector.Detection d = null;
        for (int w = 0; w < 2; w++) {
            d = FiducialDetector.detect(v, FiducialOptions.defaults());
        }
        long[] ms = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            d = FiducialDetector.detect(v, FiducialOptions.defaults());
            ms[r] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%s: median %d ms (%d-%d), %d markers, %d rejected%n", name, ms[rounds / 2], ms[0],
            ms[rounds - 1], d.markers().size(), d.rejected().size());
    }

    /** The synthetic whole-body CT (supine: the back at +y, beads on it in air above a couch gap). */
    static Volume synthetic() {
        int nx = 512, ny = 512, nz = 300;
        double s = 0.78125;
        Vec3 origin = new Vec3(-200, -200, -150);
        short[] hu = new short[nx * ny * nz];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                double y = origin.y() + j * s;
                for (int i = 0; i < nx; i++) {
                    double x = origin.x() + i * s;
                    double body = (x / 160) * (x / 160) + (y / 110) * (y / 110);
                    double value;
                    if (body < 1) {
                        boolean spine = Math.abs(x) < 20 && y > 20 && y < 60;
                        value = (spine ? 400 : 40) + 15 * rnd.nextGaussian();
                    } else {
                        value = y > 120 && y < 128 ? 600 : -1000;
                    }
                    hu[i + nx * (j + ny * k)] = (short) Math.round(value);
                }
            }
        }
        Volume v = new Volume(nx, ny, nz, hu, Volume.axisAligned(1, 1, 1, new short[1], origin, s, s, 1).ijkToLps());
        List<Vec3> beads = new ArrayList<>();
        for (double z : new double[] {25, 0, -25}) {
            beads.add(new Vec3(0, 110 + 1.25, z));
        }
        Volume withBeads = MarkerScenes.withBeads(v, beads, 2.5, 3000, 0.4);
        return MarkerScenes.speckle(withBeads, 3, 100, beads, true).volume();
    }
}
