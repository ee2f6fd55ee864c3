package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.ChildJvm;
import org.vertebroplan.CliRun;

/**
 * Hostile DICOM input (issue 14) ends in exit 3 with the reason, never in an OutOfMemoryError or an
 * internal error: files whose headers declare more pixels than their bytes or the heap can hold, a
 * deflate bomb, positions and spacings no patient has. The cases whose outcome depends on memory run
 * the command line in a child JVM with a 1 GB heap; the files are generated here, small on disk. The
 * timeouts only guard against a hang.
 */
class HostileDicomTest {

    @TempDir
    Path tmp;

    static CliRun info(Path dir) {
        return CliRun.of("info", dir.toString());
    }

    static String lastLine(String err) {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    @Timeout(120)
    void manySmallFilesDeclaringLargeImagesWithEmptyFragmentsAreRefusedFileByFile() throws Exception {
        for (String ts : new String[] {HostileFiles.RLE, HostileFiles.JPEG_LS}) {
            Path dir = Files.createDirectories(tmp.resolve(ts));
            for (int i = 0; i < 600; i++) {
                HostileFiles.encapsulated(dir.resolve(String.format("f%03d.dcm", i)), ts, "1.2.3.4", i, 1024, 1024, 0);
            }
            assertTrue(Files.size(dir.resolve("f000.dcm")) < 4096);
            ChildJvm.Result r = ChildJvm.run("1g", "info", dir.toString());
            assertEquals(3, r.code(), r.err());
            String line = lastLine(r.err());
            assertTrue(line.startsWith("error: no usable DICOM image series"), line);
            assertTrue(line.contains("600 file(s) skipped"), line);
            assertTrue(line.contains("1 frame(s) of 1024 x 1024 pixels cannot come from 0 bytes"), line);
        }
    }

    @Test
    @Timeout(120)
    void aSeriesLargerThanTheHeapIsRefusedBeforeItIsAllocated() throws Exception {
        // each file's fragment is long enough for a JPEG-LS image of its size (one bit per row), but the
        // 600 slices together need 1.2 GB
        for (int i = 0; i < 600; i++) {
            HostileFiles.encapsulated(tmp.resolve(String.format("f%03d.dcm", i)), HostileFiles.JPEG_LS, "1.2.3.5", i,
                1024, 1024, 200);
        }
        ChildJvm.Result r = ChildJvm.run("1g", "info", tmp.toString());
        assertEquals(3, r.code(), r.err());
        String line = lastLine(r.err());
        assertTrue(line.contains("series 1.2.3.5 (600 slices) refused: the volume of 1024 x 1024 x 600 voxels"), line);
        assertTrue(line.contains("needs 1200 MB of memory but only"), line);
    }

    @Test
    @Timeout(120)
    void oneSmallFileDeclaring46000By46000IsRefused() throws Exception {
        Path f = HostileFiles.encapsulated(tmp.resolve("big.dcm"), HostileFiles.JPEG_LS, "1.2.3.6", 1, 46000, 46000,
            2 << 20);
        assertTrue(Files.size(f) < 3 << 20);
        ChildJvm.Result r = ChildJvm.run("1g", "info", tmp.toString());
        assertEquals(3, r.code(), r.err());
        String line = lastLine(r.err());
        assertTrue(line.contains("the volume of 46000 x 46000 x 1 voxels"), line);
        assertTrue(line.contains("needs 4036 MB of memory but only"), line);

        // RLE cannot compress that far: refused from the file alone
        Path rle = Files.createDirectories(tmp.resolve("rle"));
        HostileFiles.encapsulated(rle.resolve("big.dcm"), HostileFiles.RLE, "1.2.3.7", 1, 46000, 46000, 2 << 20);
        CliRun in = info(rle);
        assertEquals(3, in.code(), in.err());
        assertTrue(in.errorLine().contains("1 frame(s) of 46000 x 46000 pixels cannot come from 2097152 bytes of RLE"
            + " Lossless data (it needs at least 66125064)"), in.err());
    }

    @Test
    @Timeout(120)
    void deflateBombsAreRefusedWithoutInflatingThemIntoMemory() throws Exception {
        // 12250 x 12250 x 2 bytes: 300 MB once inflated, about 0.3 MB each on disk; four of them are
        // scanned in parallel
        for (int i = 0; i < 4; i++) {
            HostileFiles.deflateBomb(tmp.resolve("bomb" + i + ".dcm"), "1.2.3.8", i, 12250);
        }
        assertTrue(Files.size(tmp.resolve("bomb0.dcm")) < 600_000, "" + Files.size(tmp.resolve("bomb0.dcm")));
        ChildJvm.Result r = ChildJvm.run("1g", "info", tmp.toString());
        assertEquals(3, r.code(), r.err());
        String line = lastLine(r.err());
        assertTrue(line.contains("4 file(s) skipped"), line);
        assertTrue(line.contains("deflated dataset inflates to more than 256 MB"), line);
    }

    @Test
    @Timeout(60)
    void aPositionNoPatientHasIsRefused() throws Exception {
        HostileFiles.nativeSlice(tmp.resolve("far.dcm"), "1.2.3.9", 1, 8, "1e308\\0\\0", "0.7\\0.7");
        CliRun r = info(tmp);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.errorLine().contains("far.dcm: ImagePositionPatient (1.0E308, 0.0, 0.0) lies more than 100 m"
            + " from the scanner's origin"), r.err());
    }

    @Test
    @Timeout(60)
    void aSliceFarOffItsSeriesIsLeftOutWithItsReason() throws Exception {
        for (int i = 0; i < 4; i++) {
            HostileFiles.nativeSlice(tmp.resolve("s" + i + ".dcm"), "1.2.3.10", i, 8, "0\\0\\" + i, "0.7\\0.7");
        }
        HostileFiles.nativeSlice(tmp.resolve("s4.dcm"), "1.2.3.10", 4, 8, "1e308\\0\\4", "0.7\\0.7");
        CliRun r = info(tmp);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"slices\" : 4"), r.out());
        assertTrue(r.out().contains("s4.dcm"), r.out());
        assertTrue(r.out().contains("lies more than 100 m from the scanner's origin"), r.out());
    }

    @Test
    @Timeout(60)
    void aRuntimeExceptionOfOurDecoderBecomesAReason() throws Exception {
        // A JPEG-LS frame header of 65535 x 65535: the decoder's rows x columns overflows an int and it
        // throws NegativeArraySizeException (the importer's size checks never let such a frame reach it)
        byte[] frame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, 11, 16, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, 1, 1, 0x11, 0, (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0, 0};
        PixelModule huge = new PixelModule(65535, 65535, 1, 16, 16, 15, true, null, null, 1, 0, null);
        org.vertebroplan.base.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
            org.vertebroplan.base.BadInputException.class,
            () -> PixelDecoder.decodeFrame(frame, TransferSyntax.of(HostileFiles.JPEG_LS), huge));
        assertTrue(e.getMessage().startsWith("corrupt JPEG-LS Lossless data: the decoder failed"
            + " (java.lang.NegativeArraySizeException"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void aSliceItsDecoderRefusesIsLeftOutAndTheSeriesLoads() throws Exception {
        for (int i = 0; i < 5; i++) {
            HostileFiles.nativeSlice(tmp.resolve("s" + i + ".dcm"), "1.2.3.12", i, 8, "0\\0\\" + i, "0.7\\0.7");
        }
        HostileFiles.encapsulated(tmp.resolve("s5.dcm"), HostileFiles.JPEG_LS, "1.2.3.12", 5, 8, 8, 16);
        CliRun r = info(tmp);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"slices\" : 5"), r.out());
        assertTrue(r.out().contains("s5.dcm") && r.out().contains("JPEG-LS frame does not start with an SOI marker"),
            r.out());
    }

    @Test
    @Timeout(60)
    void pixelSpacingsNoScannerMakesAreRefused() throws Exception {
        for (String spacing : new String[] {"1e-300\\0.7", "0.7\\1e300"}) {
            Path dir = Files.createDirectories(tmp.resolve(spacing.replace('\\', '_')));
            HostileFiles.nativeSlice(dir.resolve("a.dcm"), "1.2.3.11", 1, 8, "0\\0\\0", spacing);
            CliRun r = info(dir);
            assertEquals(3, r.code(), r.err());
            assertTrue(r.errorLine().contains("a.dcm: PixelSpacing " + spacing.replace("1e-300", "1.0E-300")
                .replace("1e300", "1.0E300").replace("\\", " \\ ") + " mm is outside 1.0E-4 to 1000.0 mm"), r.err());
        }
    }
}
