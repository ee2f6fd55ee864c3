package org.vertebroplan.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Benchmark of the extractor on a synthetic CT-like volume (not a unit test; see docs/performance.md).
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * java -Xmx1g -cp target/classes:target/test-classes org.vertebroplan.mesh.ExtractionBenchmark \
 *      [nz=300 | DICOM_DIR | DICOM_DIR@slices] [threads=2] [repeat=7, 0 = memory check] [raw output file for the VTK script]
 * </pre>
 *
 * The volume: 512 x 512 x nz at 0.7 x 0.7 x 1.0 mm, air -1000, an elliptic body (40 HU), a spine of
 * vertebral bodies (cortical shell 700 HU, trabecular 180 HU) with discs, and +-60 HU noise.
 */
public final class ExtractionBenchmark {

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String what = args.length > 0 ? args[0] : "300";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Volume v;
        if (what.matches("\\d+")) {
            v = syntheticCt(512, 512, Integer.parseInt(what));
        } else {
            String[] dirAndSlices = what.split("@");
            v = org.vertebroplan.dicom.DicomImport.loadVolume(Path.of(dirAndSlices[0]),
                org.vertebroplan.base.ProgressListener.NONE);
            if (dirAndSlices.length > 1) {
                v = mirrorTiled(v, Integer.parseInt(dirAndSlices[1]));
            }
        }
        System.out.printf("volume %d x %d x %d, spacing %s, ijkToLps %s%n", v.nx(), v.ny(), v.nz(),
            Arrays.toString(v.spacingMm()), v.ijkToLps());
        if (args.length > 3) {
            writeRaw(v, Path.of(args[3]));
        }
        if (repeat == 0) { // memory mode: keep the volume and both surfaces alive, report the heap
            Mesh bone = SurfaceExtractor.extract(v, Tissue.BONE_HU, SurfaceOptions.defaults().withThreads(threads));
            Mesh skin = SurfaceExtractor.extract(v, Tissue.SKIN_HU, SurfaceOptions.defaults().withThreads(threads));
            Runtime rt = Runtime.getRuntime();
            MeshReport rb = MeshChecks.check(bone), rs = MeshChecks.check(skin); // as the CLI does, but both alive
            System.out.println("bone: " + rb.summary() + "\nskin: " + rs.summary());
            System.gc();
            System.out.printf("max heap %d MB, used with volume + bone (%d triangles) + skin (%d triangles): %d MB%n",
                rt.maxMemory() >> 20, bone.triangleCount(), skin.triangleCount(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            return;
        }
        for (double iso : new double[] {Tissue.BONE_HU, Tissue.SKIN_HU}) {
            SurfaceOptions o = SurfaceOptions.defaults().withThreads(threads);
            Mesh m = SurfaceExtractor.extract(v, iso, o); // warm-up
            long[] ms = new long[repeat];
            long[] cpu = new long[repeat];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int r = 0; r < repeat; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                m = SurfaceExtractor.extract(v, iso, o);
                ms[r] = (System.nanoTime() - t0) / 1_000_000;
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            if (threads == 1) { // CPU time of the one thread: less sensitive to other load on the machine
                System.out.printf("iso %.0f: single-thread CPU time median %d ms (min %d)%n", iso, cpu[repeat / 2], cpu[0]);
            }
            MeshReport rep = MeshChecks.check(m);
            System.out.printf("iso %.0f threads %d: median %d ms (min %d, max %d); %s%n", iso, threads,
                ms[repeat / 2], ms[0], ms[repeat - 1], rep.summary());
        }
    }

    static Volume syntheticCt(int nx, int ny, int nz) {
        short[] hu = new short[nx * ny * nz];
        double si = 0.7, sk = 1.0;
        double cx = nx / 2.0 * si, cy = ny / 2.0 * si;
        for (int k = 0; k < nz; k++) {
            double z = k * sk;
            double disc = Math.abs(((z + 7) % 32) - 16); // vertebra 26 mm, disc 6 mm
            boolean vertebra = disc > 3;
            for (int j = 0; j < ny; j++) {
                double y = j * si - cy;
                for (int i = 0; i < nx; i++) {
                    double x = i * si - cx;
                    int h = hash(i, j, k);
                    double noise = (h & 0xff) / 255.0 * 120 - 60;
                    double body = (x / 160) * (x / 160) + (y / 110) * (y / 110);
                    double value;
                    if (body > 1) {
                        value = -1000;
                    } else {
                        value = 40;
                        double dv = Math.hypot(x, y - 30) - 22; // vertebral body, radius 22 mm
                        double ring = Math.hypot(x, y + 5) - 14; // posterior arch around the canal
                        if (vertebra && dv < 0) {
                            value = dv > -2 ? 700 : 180;
                        } else if (vertebra && ring < 6 && ring > 0 && y < 0) {
                            value = 600;
                        }
                    }
                    hu[i + nx * (j + ny * k)] = (short) Math.round(value + noise);
                }
            }
        }
        return Volume.axisAligned(nx, ny, nz, hu, new Vec3(-cx, -cy, -400), si, si, sk);
    }

    /** The volume repeated along k, every other copy mirrored (no seams), to nz slices. */
    public static Volume mirrorTiled(Volume ct, int nz) {
        int plane = ct.nx() * ct.ny();
        short[] hu = new short[Math.multiplyExact(plane, nz)];
        int period = Math.max(1, 2 * ct.nz() - 2);
        for (int k = 0; k < nz; k++) {
            int m = k % period;
            int src = m < ct.nz() ? m : period - m;
            System.arraycopy(ct.voxels(), src * plane, hu, k * plane, plane);
        }
        return new Volume(ct.nx(), ct.ny(), nz, hu, ct.ijkToLps());
    }

    private static int hash(int i, int j, int k) {
        int h = i * 0x9E3779B1 ^ j * 0x85EBCA77 ^ k * 0xC2B2AE3D;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return h ^ (h >>> 13);
    }

    /** Raw little-endian int16, i fastest; the VTK script reads it with the same dims and spacing. */
    public static void writeRaw(Volume v, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.nx() * v.ny() * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            short[] hu = v.voxels();
            for (int s = 0; s < hu.length; s += v.nx() * v.ny()) {
                b.clear();
                b.asShortBuffer().put(hu, s, v.nx() * v.ny());
                out.write(b.array());
            }
        }
    }
}
