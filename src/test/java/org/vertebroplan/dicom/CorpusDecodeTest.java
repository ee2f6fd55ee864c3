package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vertebroplan.TestData;
import org.vertebroplan.base.BadInputException;

/**
 * Every image file of the shared corpus decodes to the HU of an independent reader (pydicom, after
 * DCMTK decompression where pydicom alone cannot decode; golden values made by
 * src/test/scripts/make-golden.py), or is refused with a BadInputException that names the reason.
 * JPEG 2000 files, which no independent reader here decodes, are compared with their uncompressed
 * originals.
 */
class CorpusDecodeTest {

    /** JPEG 2000 lossless files and the uncompressed file holding the same pixels. */
    static final Map<String, String> J2K_SAME_AS = Map.of(
        "lidc-transcoded/single-slice/14_j2k_lossless.dcm", "lidc-transcoded/single-slice/00_original_implicit_le.dcm",
        "lidc-transcoded/single-slice/16_j2k_lossless_most_VRs_UN.dcm",
        "lidc-transcoded/single-slice/00_original_implicit_le.dcm",
        "pydicom-debian/MR_small_jp2klossless.dcm", "pydicom-debian/MR_small.dcm",
        "pylibjpeg-data/693_J2KR.dcm", "pydicom-data/693_UNCR.dcm");

    /** Lossy JPEG 2000 files: must decode to an image of the header's size without error. */
    static final Set<String> J2K_DECODES = Set.of("lidc-transcoded/single-slice/22_j2k_lossy_rate10.dcm",
        "pydicom-debian/693_J2KI.dcm", "pydicom-debian/JPEG2000.dcm", "pylibjpeg-data/ELSCINT1_JP2vsJ2K.dcm",
        "pylibjpeg-data/MAROTECH_CT_JP2Lossy.dcm", "pylibjpeg-data/TOSHIBA_J2K_OpenJPEGv2Regression.dcm",
        "pydicom-data/explicit_VR-UN.dcm", "pydicom-debian/J2K_pixelrep_mismatch.dcm",
        "pylibjpeg-data/TOSHIBA_J2K_SIZ0_PixRep1.dcm", "pylibjpeg-data/TOSHIBA_J2K_SIZ1_PixRep0.dcm");

    /** Files whose codec is refused by design, and a word the refusal must contain. */
    static final Map<String, String> REFUSED_CODEC = Map.of();

    /**
     * Lossy 12-bit JPEG: our float IDCT may differ by one unit from DCMTK's integer IDCT on some
     * samples, so the sum may differ by at most one unit per 1000 pixels, the extremes by 2.
     */
    static final Set<String> IDCT_TOLERANCE = Set.of("1.2.840.10008.1.2.4.51");

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = CorpusDecodeTest.class.getResourceAsStream("/dicom-golden/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static long[] stats(short[] hu) {
        long sum = 0;
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (short h : hu) {
            sum += h;
            min = Math.min(min, h);
            max = Math.max(max, h);
        }
        return new long[] {sum, min, max};
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileMatchesTheIndependentReader() throws IOException {
        Path corpus = TestData.require("dicom-corpus");
        JsonNode g = golden("single-files.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String rel = it.next();
            JsonNode e = g.get(rel);
            tests.add(DynamicTest.dynamicTest(rel, () -> check(corpus, g, rel, e)));
        }
        return tests.stream();
    }

    private static void check(Path corpus, JsonNode g, String rel, JsonNode e) throws IOException {
        Path file = corpus.resolve(rel);
        if (e.has("huSum")) {
            String refusal = REFUSED_CODEC.get(e.get("transferSyntax").asText());
            if (refusal != null) {
                BadInputException ex = assertThrows(BadInputException.class,
                    () -> PixelDecoder.decodeHu(DicomReader.read(file)));
                assertTrue(ex.getMessage().contains(refusal), ex.getMessage());
                return;
            }
            short[] hu = PixelDecoder.decodeHu(DicomReader.read(file));
            long[] s = stats(hu);
            assertEquals(e.get("rows").asLong() * e.get("columns").asLong() * e.get("frames").asLong(), hu.length);
            boolean idct = IDCT_TOLERANCE.contains(e.get("transferSyntax").asText());
            assertSamples(e, hu, idct ? 2 : 0);
            if (idct) {
                assertEquals(e.get("huSum").asLong(), s[0], hu.length / 1000.0, "huSum");
                assertEquals(e.get("huMin").asLong(), s[1], 2, "huMin");
                assertEquals(e.get("huMax").asLong(), s[2], 2, "huMax");
                return;
            }
            assertEquals(e.get("huSum").asLong(), s[0], "huSum");
            assertEquals(e.get("huMin").asLong(), s[1], "huMin");
            assertEquals(e.get("huMax").asLong(), s[2], "huMax");
        } else if (J2K_SAME_AS.containsKey(rel)) {
            JsonNode ref = g.get(J2K_SAME_AS.get(rel));
            short[] hu = PixelDecoder.decodeHu(DicomReader.read(file));
            short[] refHu = PixelDecoder.decodeHu(DicomReader.read(corpus.resolve(J2K_SAME_AS.get(rel))));
            assertEquals(ref.get("huSum").asLong(), stats(hu)[0], "huSum");
            assertTrue(java.util.Arrays.equals(hu, refHu), "identical pixels");
        } else if (J2K_DECODES.contains(rel)) {
            DicomFile f = DicomReader.read(file);
            PixelModule pm = PixelModule.of(f.dataset());
            assertEquals(pm.framePixels() * pm.frames(), PixelDecoder.decodeHu(f).length);
        } else {
            BadInputException ex = assertThrows(BadInputException.class,
                () -> PixelDecoder.decodeHu(DicomReader.read(file)));
            assertTrue(!ex.getMessage().isBlank());
        }
    }

    /**
     * The pixels at the golden's sample points (frame, row, column; never on the diagonal), so that a
     * transposed, flipped or shifted image fails even when its sum, minimum and maximum agree.
     */
    static void assertSamples(JsonNode e, short[] hu, int tolerance) {
        int rows = e.get("rows").asInt(), columns = e.get("columns").asInt();
        assertTrue(e.get("samples").size() >= 10, "the golden samples pixels");
        for (JsonNode sample : e.get("samples")) {
            int f = sample.get(0).asInt(), r = sample.get(1).asInt(), c = sample.get(2).asInt();
            assertEquals(sample.get(3).asInt(), hu[(f * rows + r) * columns + c], tolerance,
                "HU at frame " + f + ", row " + r + ", column " + c);
        }
    }

    @Test
    void aTransposedImageFailsTheSampledPixels() throws IOException {
        JsonNode e = golden("single-files.json").get("dcm_qa_ct-ge-tilt/01.dcm");
        short[] hu = PixelDecoder.decodeHu(DicomReader.read(TestData.require("dicom-corpus/dcm_qa_ct-ge-tilt/01.dcm")));
        assertSamples(e, hu, 0);
        int n = e.get("rows").asInt();
        short[] transposed = new short[hu.length];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                transposed[c * n + r] = hu[r * n + c];
            }
        }
        assertEquals(stats(hu)[0], stats(transposed)[0], "sum, minimum and maximum cannot tell");
        assertThrows(org.opentest4j.AssertionFailedError.class, () -> assertSamples(e, transposed, 0));
    }

    @Test
    void losslessEncodingsOfOneSliceDecodeToIdenticalPixels() throws IOException {
        Path dir = TestData.require("dicom-corpus/lidc-transcoded/single-slice");
        short[] ref = PixelDecoder.decodeHu(DicomReader.read(dir.resolve("00_original_implicit_le.dcm")));
        for (String name : List.of("01_explicit_le.dcm", "02_explicit_be.dcm", "03_deflated_explicit_le.dcm",
            "04_no_preamble_no_meta_implicit_le.dcm", "05_ge_private_lei_bigendian_pixels.dcm", "10_rle_lossless.dcm",
            "11_jpeg_lossless_sv1.dcm", "12_jpeg_lossless_p14_sv6.dcm", "13_jpegls_lossless.dcm", "14_j2k_lossless.dcm",
            "15_jpeg_lossless_sv1_fragmented_16k.dcm", "16_j2k_lossless_most_VRs_UN.dcm")) {
            short[] hu = PixelDecoder.decodeHu(DicomReader.read(dir.resolve(name)));
            assertTrue(java.util.Arrays.equals(ref, hu), name + " differs from the original");
        }
    }

    @Test
    void twelveBitLossyJpegStaysWithinItsDocumentedErrorOfTheOriginal() throws IOException {
        Path dir = TestData.require("dicom-corpus/lidc-transcoded/single-slice");
        short[] ref = PixelDecoder.decodeHu(DicomReader.read(dir.resolve("00_original_implicit_le.dcm")));
        short[] lossy = PixelDecoder.decodeHu(DicomReader.read(dir.resolve("20_jpeg_extended_12bit_lossy.dcm")));
        int max = 0;
        long sum = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i] - lossy[i]));
            sum += lossy[i] - ref[i];
        }
        assertTrue(max <= 19, "max error " + max + " HU (SOURCES.md: within 19 HU)");
        assertTrue(Math.abs((double) sum / ref.length) < 0.01, "mean error " + (double) sum / ref.length);
        // the broken-SOS copy of a 12-bit NM image decodes like the fixed one
        Path deb = TestData.require("dicom-corpus/pydicom-debian");
        assertTrue(java.util.Arrays.equals(PixelDecoder.decodeHu(DicomReader.read(deb.resolve("JPGExtended.dcm"))),
            PixelDecoder.decodeHu(DicomReader.read(deb.resolve("JPEG-lossy.dcm")))));
    }

    @Test
    void jpeg2000SignednessMismatchFollowsTheCodestream() throws IOException {
        Path dir = TestData.require("dicom-corpus/pylibjpeg-data");
        // SIZ says signed, PixelRepresentation 0: a naive decode wraps negatives to about 65535
        short[] a = PixelDecoder.decodeHu(DicomReader.read(dir.resolve("TOSHIBA_J2K_SIZ1_PixRep0.dcm")));
        long[] s = stats(a);
        assertTrue(s[1] >= -3100 && s[2] <= 4000, "HU range " + s[1] + ".." + s[2]);
        // SIZ unsigned, PixelRepresentation 1: the stored bits are two's complement, read as signed;
        // both files hold the same Toshiba image, so both corrections must give the same HU
        short[] b = PixelDecoder.decodeHu(DicomReader.read(dir.resolve("TOSHIBA_J2K_SIZ0_PixRep1.dcm")));
        assertEquals(-2048, stats(b)[1]);
        assertTrue(java.util.Arrays.equals(a, b));
        long[] u = stats(PixelDecoder.decodeHu(DicomReader.read(
            TestData.require("dicom-corpus/pydicom-debian/J2K_pixelrep_mismatch.dcm"))));
        assertEquals(-2000, u[1]); // pydicom's corrected range: -2000..1896 (SOURCES.md)
        assertEquals(1896, u[2]);
    }

    @Test
    void headerValuesWrittenWithVrUnAreRead() throws IOException {
        Path dir = TestData.require("dicom-corpus/lidc-transcoded/single-slice");
        SliceHeader plain = SliceHeader.of(dir.resolve("00_original_implicit_le.dcm"),
            DicomReader.read(dir.resolve("00_original_implicit_le.dcm"))).get(0);
        SliceHeader un = SliceHeader.of(dir.resolve("16_j2k_lossless_most_VRs_UN.dcm"),
            DicomReader.read(dir.resolve("16_j2k_lossless_most_VRs_UN.dcm"))).get(0);
        assertEquals(plain.positionLps(), un.positionLps());
        assertEquals(plain.rowDirection(), un.rowDirection());
        assertEquals(plain.rowSpacingMm(), un.rowSpacingMm());
        assertEquals("CT", un.modality());
        assertEquals(-499.8, un.positionLps().z(), 1e-3);
    }
}
