package org.vertebroplan.plan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

class DebugPerfTest {
    @Test
    void perf() throws Exception {
        Volume ct = DicomImport.loadVolume(TestData.require("ct-real-2"), ProgressListener.NONE);
        Vec3 seed = new Vec3(-9.5, 214, -637.8);
        for (int rep = 0; rep < 12; rep++) {
            long t0 = System.nanoTime();
            Vec3 mode = VertebraFrameFinder.bodyMode(ct, seed);
            long t1 = System.nanoTime();
            VertebraFrameFinder.Result r = VertebraFrameFinder.find(ct, seed);
            long t2 = System.nanoTime();
            LevelAnalysis l = LevelAnalysis.around(ct, seed, SegmentationOptions.defaults());
            long t3 = System.nanoTime();
            List<NeedleSafety> s = SafetyAnalyzer.check(ct, List.of(
                new SafetyAnalyzer.Input("l", new Vec3(22, 286.7, -637.8), new Vec3(-6, 214, -637.8), 3.05),
                new SafetyAnalyzer.Input("r", new Vec3(-40.9, 286.7, -637.8), new Vec3(-13, 214, -637.8), 3.05)),
                SafetyOptions.defaults());
            long t4 = System.nanoTime();
            System.out.printf("mode %.1f find %.1f (it %d) analysis %.1f check %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                r.iterations(), (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        }
    }
}
