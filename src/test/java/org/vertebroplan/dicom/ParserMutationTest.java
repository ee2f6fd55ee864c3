package org.vertebroplan.dicom;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.AssertionFailedError;
import org.vertebroplan.TestData;
import org.vertebroplan.base.BadInputException;

/**
 * Mutation fuzzing of the parser and decoders with real corpus files: random byte flips, truncations,
 * huge or random length fields, inserted and deleted ranges. Whatever the input, reading it (header,
 * slice description, every pixel) either succeeds or throws a {@link BadInputException}: never another
 * exception, never an OutOfMemoryError, and within a bounded time.
 */
class ParserMutationTest {

    /** Small real files covering every encoding path (paths relative to the corpus). */
    static final List<String> SEEDS = List.of(
        "pydicom-debian/MR_small.dcm", "pydicom-debian/MR_small_RLE.dcm", "pydicom-debian/MR_small_bigendian.dcm",
        "pydicom-debian/MR_small_implicit.dcm", "pydicom-debian/MR_small_jp2klossless.dcm",
        "pydicom-debian/CT_small.dcm", "pydicom-debian/image_dfl.dcm", "pydicom-debian/rtplan_truncated.dcm",
        "pydicom-debian/SC_rgb_rle_2frame.dcm", "pydicom-debian/no_meta_group_length.dcm",
        "pydicom-debian/ExplVR_BigEndNoMeta.dcm", "pylibjpeg-data/JPEGBaseline_1s_1f_u_08_08.dcm",
        "pydicom-data/emri_small.dcm", "pydicom-data/bad_sequence.dcm", "pydicom-data/mlut_18.dcm",
        "dicomParser/CT0012.not_fragmented_bot_rle.dcm", "dicomParser/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm",
        "lidc-transcoded/single-slice/03_deflated_explicit_le.dcm",
        "lidc-transcoded/single-slice/04_no_preamble_no_meta_implicit_le.dcm",
        "lidc-transcoded/single-slice/16_j2k_lossless_most_VRs_UN.dcm",
        "pydicom-debian/dicomdirtests/DICOMDIR", "pydicom-debian/MR_small_jpeg_ls_lossless.dcm",
        "dicomParser/CT0012.fragmented_no_bot_jpeg_ls.81.dcm", "pydicom-debian/JPGExtended.dcm",
        "dicomParser/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm");

    static byte[][] seeds;

    @BeforeContainer
    static void load() {
        Path corpus = TestData.find("dicom-corpus");
        if (corpus == null) {
            return;
        }
        seeds = SEEDS.stream().map(s -> {
            try {
                return Files.readAllBytes(corpus.resolve(s));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toArray(byte[][]::new);
    }

    /** One mutation: kind, where (a fraction of the file, biased to the header), how much, what value. */
    record Mutation(int seed, int kind, double where, boolean header, int count, int value) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1),
            Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1), Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 16), Arbitraries.integers()).as(Mutation::new);
    }

    static byte[] apply(byte[] in, Mutation m) {
        int span = m.header() ? Math.min(in.length, 2048) : in.length;
        int at = Math.min(in.length - 1, (int) (m.where() * span));
        byte[] b;
        switch (m.kind()) {
            case 0 -> { // flip bytes
                b = in.clone();
                for (int i = 0; i < m.count() && at + i * 7 < b.length; i++) {
                    b[at + i * 7] ^= (byte) (m.value() >>> (i % 4 * 8) | 1);
                }
            }
            case 1 -> b = Arrays.copyOf(in, at); // truncate
            case 2, 3 -> { // a 32-bit length-like field: huge, or random
                b = in.clone();
                int v = m.kind() == 2 ? (m.count() % 2 == 0 ? 0xFFFFFFFF : 0x7FFFFFF0) : m.value();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
            }
            case 4 -> { // delete a range
                int n = Math.min(m.count() * 13, in.length - at);
                b = new byte[in.length - n];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(in, at + n, b, at, in.length - at - n);
            }
            default -> { // insert a range of a repeated byte
                int n = m.count() * 5;
                b = new byte[in.length + n];
                System.arraycopy(in, 0, b, 0, at);
                Arrays.fill(b, at, at + n, (byte) m.value());
                System.arraycopy(in, at, b, at + n, in.length - at);
            }
        }
        return b;
    }

    /** Everything the importer does with one file's bytes. */
    static void readFully(byte[] data) throws BadInputException {
        // header mode (series scan): a file, nothing (read the whole file), or NotDicomException
        DicomParser.parseHeader(Arrays.copyOf(data, Math.min(data.length, 4096)), data.length);
        DicomParser.parseHeader(data, data.length + 100L);
        byte[] reused = Arrays.copyOf(data, data.length + 64); // a reused buffer longer than the file
        Arrays.fill(reused, data.length, reused.length, (byte) 0x55);
        DicomFile g = DicomParser.parse(reused, data.length);
        PixelDecoder.decodeHu(g);
        DicomFile f = DicomParser.parse(data);
        try {
            SliceHeader.of(Path.of("fuzz.dcm"), f);
        } catch (BadInputException ex) {
            // not placeable: the pixels are still decoded below
        }
        PixelDecoder.decodeHu(f);
    }

    /**
     * Skips the property (instead of failing it) when the shared corpus is absent, except where
     * {@link TestData#required()} (CI): there the property runs and fails on the missing seeds.
     */
    static final class NeedsCorpus implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return TestData.find("dicom-corpus") != null || TestData.required() ? SkipResult.doNotSkip()
                : SkipResult.skip("shared test data dicom-corpus not present");
        }
    }

    @AddLifecycleHook(NeedsCorpus.class)
    @Property(tries = 1000, seed = "20261125")
    void corruptedRealFilesOnlyEverGiveBadInput(@ForAll("mutations") Mutation m) {
        if (seeds == null) {
            throw new AssertionFailedError("shared test data dicom-corpus not present: required here ("
                + TestData.REQUIRE_ENV + " is set)");
        }
        byte[] data = apply(seeds[m.seed()], m);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                readFully(data);
            } catch (BadInputException expected) {
                // the only acceptable failure
            } catch (Throwable t) {
                throw new AssertionFailedError("mutation " + m + " of " + SEEDS.get(m.seed()) + " threw " + t, t);
            }
        });
    }
}
