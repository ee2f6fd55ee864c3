package org.vertebroplan.fluoro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.ExtractionBenchmark;
import org.vertebroplan.volume.Volume;

/**
 * Benchmark of a 512 x 512 AP shot (not a unit test; see docs/performance.md): the same geometry as
 * {@code drr --view ap --iso ...}, on a DICOM series or on one mirrored along k to more slices (for the
 * issue's 512 x 512 x 134), optionally written as MetaImage for plastimatch.
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * java -cp target/classes:target/test-classes:$(cat target/compare-classpath.txt) org.vertebroplan.fluoro.DrrBenchmark \
 *      DICOM_DIR[@slices] x,y,z [repeat=20] [threads=all] [out.mhd]
 * </pre>
 */
public final class DrrBenchmark {

    private DrrBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String[] dirAndSlices = args[0].split("@");
        Volume v = DicomImport.loadVolume(Path.of(dirAndSlices[0]), ProgressListener.NONE);
        if (dirAndSlices.length > 1) {
            v = ExtractionBenchmark.mirrorTiled(v, Integer.parseInt(dirAndSlices[1]));
        }
        double[] iso = Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        if (args.length > 4) {
            writeMetaImage(v, Path.of(args[4]));
        }
        Attenuation mu = Attenuation.of(v, threads);
        CArm ap = CArm.ap(new Vec3(iso[0], iso[1], iso[2]));
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        DrrRenderer.render(mu, ap, List.of(), threads);
        double first = (System.nanoTime() - t0) / 1e6;
        double[] wall = new double[repeat];
        double[] cpu = new double[repeat];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long process0 = os.getProcessCpuTime();
        for (int r = 0; r < repeat; r++) {
            long c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            DrrRenderer.render(mu, ap, List.of(), threads);
            wall[r] = (System.nanoTime() - t) / 1e6;
            cpu[r] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        double processCpu = (os.getProcessCpuTime() - process0) / 1e6 / repeat;
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "volume %d x %d x %d, %d threads: first %.1f ms, median %.1f ms, min %.1f ms"
            + " (calling thread's CPU median %.1f ms, process CPU per shot %.1f ms)%n", v.nx(), v.ny(), v.nz(), threads,
            first, wall[repeat / 2], wall[0], cpu[repeat / 2], processCpu);
    }

    /** The volume as MetaImage (int16 HU, LPS geometry) beside a raw file, for plastimatch. */
    static void writeMetaImage(Volume v, Path mhd) throws IOException {
        Path raw = mhd.resolveSibling(mhd.getFileName().toString().replaceAll("\\.mhd$", "") + ".raw");
        ExtractionBenchmark.writeRaw(v, raw);
        Vec3 o = v.lpsOf(0, 0, 0);
        double[] sp = v.spacingMm();
        Vec3 i = v.ijkToLps().column(0).normalized(), j = v.ijkToLps().column(1).normalized();
        Vec3 k = v.ijkToLps().column(2).normalized();
        String header = String.format(Locale.ROOT, "ObjectType = Image%nNDims = 3%nBinaryData = True%n"
                + "BinaryDataByteOrderMSB = False%nTransformMatrix = %s %s %s %s %s %s %s %s %s%n"
                + "Offset = %s %s %s%nElementSpacing = %s %s %s%nDimSize = %d %d %d%nElementType = MET_SHORT%n"
                + "ElementDataFile = %s%n", i.x(), i.y(), i.z(), j.x(), j.y(), j.z(), k.x(), k.y(), k.z(), o.x(), o.y(),
            o.z(), sp[0], sp[1], sp[2], v.nx(), v.ny(), v.nz(), raw.getFileName());
        Files.writeString(mhd, header);
    }
}
