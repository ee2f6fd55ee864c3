package org.vertebroplan.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.DicomWriter;
import org.vertebroplan.dicom.DicomWriterCtSeries;
import org.vertebroplan.dicom.DicomWriterUids;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Measures, in the real window, the time from choosing a CT (the {@code open} call the File menu makes) to
 * the first frame drawn with it in 3D; only with {@code -Dapp.timing.load=ROUNDS}. The CT is a
 * 512 x 512 x 300 series written once to {@code -Dapp.timing.dir} (default
 * {@code /tmp/vertebroplan-ct300}) from {@code ct-real-2} repeated along the body, every other copy mirrored
 * (real anatomy, real DICOM files). Each round opens it afresh (the import and the surfaces run again);
 * the first round is also the JVM's first. Prints one line per round: open to loaded, and to the first
 * frame. With {@code -Dapp.timing.case=DIR} another folder is timed instead; with
 * {@code -Dapp.timing.first=sample-dicom} that case is opened first, untimed, as the application does at start.
 */
@ExtendWith(ApplicationExtension.class)
class AppLoadTiming {

    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @Test
    void openToFirstFrame() throws Exception {
        int rounds = Integer.getInteger("app.timing.load", 0);
        Assumptions.assumeTrue(rounds > 0, "no -Dapp.timing.load=ROUNDS");
        Path dir = System.getProperty("app.timing.case") != null ? Path.of(System.getProperty("app.timing.case"))
            : ct300(Path.of(System.getProperty("app.timing.dir", "/tmp/vertebroplan-ct300")));
        Workstation w = AppFx.fx(() -> AppFx.show(stage, CaseServices.CORE));
        List<String> lines = new ArrayList<>();
        String first = System.getProperty("app.timing.first");
        if (first != null) { // as the application starts: the sample case first (not timed)
            AppFx.open(w, Path.of(first));
            lines.add("LOAD after opening " + first + " first");
        }
        for (int r = 0; r < rounds; r++) {
            long[] at = new long[3];
            CompletableFuture<Void> drawn = new CompletableFuture<>();
            WaitForAsyncUtils.asyncFx(() -> {
                at[0] = System.nanoTime();
                w.viewModel().open(dir).thenAccept(c -> {
                    at[1] = System.nanoTime();
                    new AnimationTimer() { // the next pulse renders the scene with the new meshes
                        private int pulses;

                        @Override
                        public void handle(long now) {
                            if (++pulses == 2) {
                                stop();
                                at[2] = System.nanoTime();
                                drawn.complete(null);
                            }
                        }
                    }.start();
                });
            }).get();
            drawn.get(300, TimeUnit.SECONDS);
            LoadedCase c = AppFx.fx(w.viewModel()::getLoadedCase);
            String line = String.format(Locale.ROOT, "LOAD round %d: %d x %d x %d, open to loaded %d ms, to first frame"
                    + " %d ms (bone %d, skin %d triangles)", r + 1, c.volume().nx(), c.volume().ny(), c.volume().nz(),
                (at[1] - at[0]) / 1_000_000, (at[2] - at[0]) / 1_000_000, c.bone().triangleCount(),
                c.skin().triangleCount());
            System.out.println(line);
            lines.add(line);
            AppFx.settle(w, 120);
        }
        Files.write(Path.of("target", "load-timing.txt"), lines);
    }

    /**
     * Guide generation in the window, as the Guide tab runs it ({@code GuideViewModel.generate}: a task on
     * the window's background executor while the window draws), on a case ({@code -Dapp.timing.case}, default
     * {@code sample-dicom}); only with {@code -Dapp.timing.guide=ROUNDS}. Prints the wall time from the call
     * to the guide shown, per round; compare with {@code vertebroplan guide ... --repeat N}.
     */
    @Test
    void guideInTheWindow() throws Exception {
        int rounds = Integer.getInteger("app.timing.guide", 0);
        Assumptions.assumeTrue(rounds > 0, "no -Dapp.timing.guide=ROUNDS");
        Path dir = Path.of(System.getProperty("app.timing.case", "sample-dicom"));
        Workstation w = AppFx.fx(() -> AppFx.show(stage, CaseServices.CORE));
        AppFx.open(w, dir);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> AppFx.fx(() -> !w.levels().buildingProperty().get()));
        if (Boolean.getBoolean("app.timing.no3d")) { // to see what drawing the 3D view costs meanwhile
            AppFx.fx(() -> {
                w.window().viewport().setVisible(false);
                return null;
            });
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            boolean ok = AppFx.fx(w.guide()::generate).get(300, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String line = String.format(Locale.ROOT, "GUIDE round %d: %s in %d ms", r + 1, ok ? "generated" : "FAILED", ms);
            System.out.println(line);
            lines.add(line);
        }
        Files.write(Path.of("target", "guide-timing.txt"), lines);
    }

    /** The 512 x 512 x 300 series (written once). */
    static Path ct300(Path dir) throws Exception {
        if (Files.isDirectory(dir) && Files.list(dir).count() == 300) {
            return dir;
        }
        Volume ct = DisplayTiming.mirrorTiled(DicomImport.loadVolume(TestData.require("ct-real-2"),
            ProgressListener.NONE), 300);
        Files.createDirectories(dir);
        Vec3 row = ct.ijkToLps().column(0).normalized();
        Vec3 col = ct.ijkToLps().column(1).normalized();
        double[] sp = ct.spacingMm();
        DicomWriterCtSeries series = new DicomWriterCtSeries("TIMING^CT300", "TIMING-300",
            DicomWriterUids.fromName("timing-study"), DicomWriterUids.fromName("timing-series-300"),
            DicomWriterUids.fromName("timing-frame"), "20260101", "120000", 1, "ct-real-2 mirrored to 300 slices", "HFS",
            row, col, sp[1], sp[0], sp[2], ct.ny(), ct.nx(), -1024, 1);
        int plane = ct.nx() * ct.ny();
        for (int k = 0; k < ct.nz(); k++) {
            short[] stored = new short[plane];
            for (int n = 0; n < plane; n++) {
                stored[n] = (short) (ct.voxels()[k * plane + n] + 1024);
            }
            series.writeSlice(dir.resolve(String.format(Locale.ROOT, "CT%04d.dcm", k + 1)),
                DicomWriterUids.fromName("timing-300-" + k), k + 1, ct.lpsOf(0, 0, k), stored,
                DicomWriter.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0);
        }
        return dir;
    }
}
