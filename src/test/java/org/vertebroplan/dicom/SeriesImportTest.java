package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.TestData;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Series import on real data: exact volume and geometry against pydicom (golden JSON), a series split
 * over two folders and transfer syntaxes, truncated and undecodable slices, gantry tilt with uneven
 * spacing, duplicate positions and missing slices.
 */
class SeriesImportTest {

    @TempDir
    Path tmp;

    /** Links (not copies) to the given files in a fresh folder of the temp dir. */
    private Path linkAll(String name, List<Path> files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (Path f : files) {
            Files.createSymbolicLink(dir.resolve(f.getParent().getFileName() + "_" + f.getFileName()), f.toAbsolutePath());
        }
        return dir;
    }

    private static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    private static void assertMatchesGolden(JsonNode g, LoadedSeries ls) {
        Volume v = ls.volume();
        assertEquals(g.get("columns").asInt(), v.nx());
        assertEquals(g.get("rows").asInt(), v.ny());
        assertEquals(g.get("slices").asInt(), v.nz());
        for (int a = 0; a < 3; a++) {
            assertEquals(g.get("spacingMm").get(a).asDouble(), v.spacingMm()[a], 1e-6, "spacing " + a);
        }
        assertEquals(g.get("originLps").get(0).asDouble(), v.ijkToLps().translation().x(), 1e-6);
        assertEquals(g.get("originLps").get(1).asDouble(), v.ijkToLps().translation().y(), 1e-6);
        assertEquals(g.get("originLps").get(2).asDouble(), v.ijkToLps().translation().z(), 1e-6);
        for (int a = 0; a < 3; a++) {
            Vec3 col = v.ijkToLps().column(a).normalized();
            String key = a == 0 ? "rowDirection" : a == 1 ? "columnDirection" : "sliceDirection";
            assertArrayEquals(new double[] {g.get(key).get(0).asDouble(), g.get(key).get(1).asDouble(),
                g.get(key).get(2).asDouble()}, col.toArray(), 1e-9, key);
        }
        long[] s = CorpusDecodeTest.stats(v.voxels());
        assertEquals(g.get("huSum").asLong(), s[0], "huSum");
        assertEquals(g.get("huMin").asLong(), s[1]);
        assertEquals(g.get("huMax").asLong(), s[2]);
        for (JsonNode sv : g.get("sampleVoxels")) {
            assertEquals(sv.get(3).asInt(), v.get(sv.get(0).asInt(), sv.get(1).asInt(), sv.get(2).asInt()),
                "voxel " + sv);
        }
    }

    @Test
    void ctReal2MatchesPydicom() throws IOException {
        Path dir = TestData.require("ct-real-2");
        LoadedSeries ls = DicomImport.loadDefault(dir, ProgressListener.NONE);
        assertMatchesGolden(CorpusDecodeTest.golden("series-ct-real-2.json"), ls);
        assertTrue(ls.warnings().isEmpty(), ls.warnings().toString());
        assertEquals("FFS", ls.series().first().patientPosition());
        assertEquals(ls.volume().huSum(), DicomImport.loadVolume(dir, ProgressListener.NONE).huSum());
    }

    @Test
    void seriesSplitOverTwoFoldersAndTransferSyntaxesIsOneSeries() throws IOException {
        Path ct = TestData.require("ct-real-2");
        Path jl = TestData.require("dicom-corpus/lidc-transcoded/jpeg-lossless-series");
        List<Path> files = new java.util.ArrayList<>(dicomFiles(ct));
        files.addAll(dicomFiles(jl));
        ScanResult scan = DicomImport.scan(linkAll("split", files), ProgressListener.NONE);
        assertEquals(1, scan.series().size());
        SeriesInfo s = scan.series().get(0);
        assertEquals(List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.4.70"), s.transferSyntaxes().stream().sorted().toList());
        LoadedSeries ls = DicomImport.load(scan, s.seriesInstanceUid(), ProgressListener.NONE);
        assertMatchesGolden(CorpusDecodeTest.golden("series-ct-real-2-plus-jpeg-lossless.json"), ls);
        assertTrue(ls.warnings().isEmpty(), ls.warnings().toString());
    }

    @Test
    void truncatedFileIsSkippedWithReasonAndTheSeriesStillLoads() throws IOException {
        Path ct = TestData.require("ct-real-2");
        Path bad = TestData.require("dicom-corpus/lidc-truncated-slice/000275.dcm");
        List<Path> files = new java.util.ArrayList<>(dicomFiles(ct));
        files.add(bad);
        ScanResult scan = DicomImport.scan(linkAll("trunc", files), ProgressListener.NONE);
        assertEquals(1, scan.skipped().size());
        assertTrue(scan.skipped().get(0).reason().contains("truncated"), scan.skipped().get(0).reason());
        LoadedSeries ls = DicomImport.load(scan.series().get(0), ProgressListener.NONE);
        assertEquals(96, ls.volume().nz());
        assertEquals(CorpusDecodeTest.golden("series-ct-real-2.json").get("huSum").asLong(), ls.volume().huSum());
    }

    @Test
    void undecodableSliceInsideTheSeriesIsLeftOutWithWarningAndResampled() throws IOException {
        Path jl = TestData.require("dicom-corpus/lidc-transcoded/jpeg-lossless-series");
        List<Path> files = dicomFiles(jl);
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        // corrupt the middle slice: its lossless JPEG frame header (SOF3) becomes an arithmetic-coded one (SOF11)
        Path middle = files.stream().filter(f -> f.getFileName().toString().equals("000146.dcm")).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(middle);
        int sof = -1;
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC3) {
                sof = i;
                break;
            }
        }
        assertTrue(sof > 0);
        b[sof + 1] = (byte) 0xCB;
        Files.write(dir.resolve("bad.dcm"), b);
        for (Path f : files) {
            if (!f.equals(middle)) {
                Files.createSymbolicLink(dir.resolve(f.getFileName()), f);
            }
        }
        LoadedSeries ls = DicomImport.loadDefault(dir, ProgressListener.NONE);
        assertEquals(1, ls.skipped().size());
        assertTrue(ls.skipped().get(0).reason().contains("arithmetic"), ls.skipped().get(0).reason());
        assertTrue(ls.warnings().stream().anyMatch(w -> w.contains("could not be decoded")), ls.warnings().toString());
        assertTrue(ls.warnings().stream().anyMatch(w -> w.contains("uneven slice spacing")), ls.warnings().toString());
        assertEquals(10, ls.volume().nz()); // 9 slices over 9 mm resampled at 1 mm
        assertEquals(1.0, ls.volume().spacingMm()[2], 1e-6);
        // the missing slice is interpolated halfway between its neighbours, which are kept exactly
        Volume v = ls.volume();
        SliceHeader missing = SliceHeader.of(middle, DicomReader.read(middle)).get(0);
        Vec3 ijk = v.lpsToIjk().apply(missing.positionLps());
        int k = (int) Math.round(ijk.z());
        assertEquals(k, ijk.z(), 1e-6);
        assertTrue(k > 0 && k < v.nz() - 1);
        for (int j = 0; j < 512; j += 3) {
            for (int i = 0; i < 512; i += 3) {
                double mid = (v.get(i, j, k - 1) + v.get(i, j, k + 1)) / 2.0;
                assertEquals(Math.floor(mid + 0.5), v.get(i, j, k), 0.0, "voxel " + i + "," + j);
            }
        }
    }

    @Test
    void gantryTiltAndUnevenSpacingAreResampledAlongTheSliceNormal() throws IOException {
        Path dir = TestData.require("dicom-corpus/dcm_qa_ct-ge-tilt");
        LoadedSeries ls = DicomImport.loadDefault(dir, ProgressListener.NONE);
        assertTrue(ls.warnings().stream().anyMatch(w -> w.contains("gantry tilt about 18.5")), ls.warnings().toString());
        assertTrue(ls.warnings().stream().anyMatch(w -> w.contains("uneven slice spacing")), ls.warnings().toString());
        Volume v = ls.volume();
        SeriesGeometry g = ls.geometry();
        // k runs along the slice normal row x column, orthogonal to the slice plane
        Vec3 n = new Vec3(1, 0, 0).cross(new Vec3(0, 0.9483237, -0.3173047)).normalized();
        assertEquals(1.0, v.ijkToLps().column(2).normalized().dot(n), 1e-6);
        assertEquals(0.0, v.ijkToLps().column(2).dot(v.ijkToLps().column(1)), 1e-9);
        assertEquals(4.0, v.spacingMm()[2], 0.01);
        // the first slice is reproduced exactly, moved by its in-plane shift, at its own LPS position
        Path first = dir.resolve("01.dcm");
        short[] src = PixelDecoder.decodeHu(DicomReader.read(first));
        int di = (int) Math.round(g.shiftI()[0]), dj = (int) Math.round(g.shiftJ()[0]);
        assertEquals(g.shiftJ()[0], dj, 1e-6);
        SliceHeader h = SliceHeader.of(first, DicomReader.read(first)).get(0);
        assertEquals(0.0, v.lpsOf(di, dj, 0).distance(h.positionLps()), 1e-6);
        for (int j = 0; j < 512; j += 7) {
            for (int i = 0; i < 512; i += 5) {
                assertEquals(src[i + 512 * j], v.get(i + di, j + dj, 0));
            }
        }
        // the last slice's corner lies inside the grid, on a grid plane k = distance / spacing
        SliceHeader last = SliceHeader.of(dir.resolve("28.dcm"), DicomReader.read(dir.resolve("28.dcm"))).get(0);
        Vec3 ijk = v.lpsToIjk().apply(last.positionLps());
        assertEquals(g.shiftI()[g.shiftI().length - 1], ijk.x(), 1e-6);
        assertEquals(g.shiftJ()[g.shiftJ().length - 1], ijk.y(), 1e-6);
        assertEquals(v.nz() - 1, ijk.z(), 1e-6);
    }

    @Test
    void enhancedMultiFrameCtTakesGeometryFromThePerFrameFunctionalGroups() throws IOException {
        Path dir = TestData.require("dicom-corpus/dicomParser");
        Path file = dir.resolve("CT0012.explicit_little_endian.dcm");
        LoadedSeries ls = DicomImport.loadDefault(file, ProgressListener.NONE);
        Volume v = ls.volume();
        assertEquals(2, v.nz());
        assertEquals(10.0, v.spacingMm()[2], 1e-9);
        assertEquals(0.388672, v.spacingMm()[0], 1e-9);
        // row direction -x, column +y: the normal is -z, so the frame at z = -149 comes first
        assertArrayEquals(new double[] {0, 0, -1}, ls.geometry().normal().toArray(), 1e-12);
        assertArrayEquals(new double[] {99.5, -301.5, -149.0}, v.ijkToLps().translation().toArray(), 1e-9);
        short[] frames = PixelDecoder.decodeHu(DicomReader.read(file));
        int plane = 512 * 512;
        assertTrue(java.util.Arrays.equals(frames, plane, 2 * plane, v.voxels(), 0, plane), "frame 2 is k = 0");
        assertTrue(java.util.Arrays.equals(frames, 0, plane, v.voxels(), plane, 2 * plane), "frame 1 is k = 1");
        assertEquals(CorpusDecodeTest.golden("single-files.json").get("dicomParser/CT0012.explicit_little_endian.dcm")
            .get("huSum").asLong(), v.huSum());
    }

    @Test
    void losslessCopiesOfAnEnhancedSeriesMergeAsIdenticalDuplicates() throws IOException {
        Path dir = TestData.require("dicom-corpus/dicomParser");
        LoadedSeries ls = DicomImport.loadDefault(linkAll("ct0012", List.of(
            dir.resolve("CT0012.explicit_little_endian.dcm"), dir.resolve("CT0012.not_fragmented_bot_rle.dcm"),
            dir.resolve("CT0012.fragmented_no_bot_jpeg_lossless.70.dcm"),
            dir.resolve("CT0012.fragmented_no_bot_jpeg_lossless.57.dcm"),
            dir.resolve("CT0012.fragmented_no_bot_jpeg_ls.80.dcm"))), ProgressListener.NONE);
        assertEquals(2, ls.volume().nz());
        assertTrue(ls.warnings().get(0).startsWith("8 duplicate slice position"), ls.warnings().toString());
        assertEquals(5, ls.series().transferSyntaxes().size());
    }

    @Test
    void noiseFromABadLosslessStreamIsFlaggedAsImplausible() throws IOException {
        Path bad = TestData.require("dicom-corpus/pylibjpeg-data/JPEGLossless_1s_1f_i_16_16_bad.dcm");
        LoadedSeries ls = DicomImport.loadDefault(bad, ProgressListener.NONE);
        assertTrue(ls.warnings().stream().anyMatch(w -> w.startsWith("implausible HU values (-32768 to 31743")),
            ls.warnings().toString());
    }

    @Test
    void missingSlicesAreRefused() throws IOException {
        Path dir = TestData.require("dicom-corpus/dicom-numpy-dupe-positions");
        BadInputException ex = assertThrows(BadInputException.class,
            () -> DicomImport.loadVolume(dir, ProgressListener.NONE));
        assertTrue(ex.getMessage().contains("missing slices"), ex.getMessage());
    }

    @Test
    void duplicateSlicesWithIdenticalPixelsAreReportedAndMerged() throws IOException {
        Path dir = TestData.require("dicom-corpus/dicom-numpy-dupe-positions");
        LoadedSeries ls = DicomImport.loadDefault(
            linkAll("dupes", List.of(dir.resolve("CT26.dcm"), dir.resolve("CT28.dcm"))), ProgressListener.NONE);
        assertEquals(1, ls.volume().nz());
        assertTrue(ls.warnings().stream().anyMatch(w -> w.contains("1 duplicate slice position")), ls.warnings().toString());
        assertEquals(CorpusDecodeTest.golden("single-files.json").get("dicom-numpy-dupe-positions/CT26.dcm")
            .get("huSum").asLong(), ls.volume().huSum());
    }

    @Test
    void differentImagesAtTheSamePositionAreRefused() throws IOException {
        Path a = TestData.require("dicom-corpus/pydicom-data/693_UNCR.dcm");
        Path b = TestData.require("dicom-corpus/pydicom-debian/693_J2KI.dcm");
        BadInputException ex = assertThrows(BadInputException.class,
            () -> DicomImport.loadVolume(linkAll("conflict", List.of(a, b)), ProgressListener.NONE));
        assertTrue(ex.getMessage().contains("two different images at the same slice position"), ex.getMessage());
    }

    @Test
    void scanSkipsLocalizersNonImagesAndNonDicomWithReasons() throws IOException {
        Path corpus = TestData.require("dicom-corpus");
        ScanResult scan = DicomImport.scan(corpus, ProgressListener.NONE);
        assertReason(scan, "MAROTECH_CT_JP2Lossy.dcm", "localizer");
        assertReason(scan, "rtstruct.dcm", "not an image");
        assertReason(scan, "SOURCES.md", "not a DICOM file");
        assertReason(scan, "MR_truncated.dcm", "truncated");
        assertReason(scan, "emri_small_jpeg_2k_lossless_too_short.dcm", "truncated");
        assertReason(scan, "SC_rgb_jpeg_dcmtk.dcm", "colour");
        assertReason(scan, "badVR.dcm", "not an integer");
    }

    @Test
    void defaultSeriesIsTheLargestAxialCt() throws IOException {
        Path dir = TestData.require("dicom-corpus/pydicom-debian/dicomdirtests");
        ScanResult scan = DicomImport.scan(dir, ProgressListener.NONE);
        SeriesInfo s = scan.defaultSeries().orElseThrow();
        assertEquals("CT", s.modality());
        assertEquals(scan.series().stream().filter(x -> "CT".equals(x.modality()))
            .mapToInt(SeriesInfo::size).max().orElseThrow(), s.size());
    }

    @Test
    void emptyOrMissingFolderIsBadInput() {
        assertThrows(BadInputException.class, () -> DicomImport.loadVolume(tmp, ProgressListener.NONE));
        assertThrows(BadInputException.class, () -> DicomImport.loadVolume(tmp.resolve("nope"), ProgressListener.NONE));
    }

    private static void assertReason(ScanResult scan, String file, String word) {
        SkippedFile s = scan.skipped().stream().filter(x -> x.file().getFileName().toString().equals(file))
            .findFirst().orElseThrow(() -> new AssertionError(file + " not skipped"));
        assertTrue(s.reason().contains(word), file + ": " + s.reason());
    }
}
