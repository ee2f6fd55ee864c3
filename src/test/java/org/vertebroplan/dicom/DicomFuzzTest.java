package org.vertebroplan.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.vertebroplan.TestData;
import org.vertebroplan.base.BadInputException;

/**
 * Coverage-guided fuzzing (Jazzer) of the DICOM parser and of each codec written here, seeded from the
 * real corpus ({@code ../shared/data/dicom-corpus}): whatever the bytes, the only failure allowed is a
 * {@link BadInputException}. In a normal test run each target replays its seeds and the inputs committed
 * under {@code src/test/resources/org/vertebroplan/dicom/DicomFuzzTestInputs/<target>/} (every crash
 * found so far, kept as a regression test); with {@code JAZZER_FUZZ=1} and a {@code fuzz-*} execution (docs/fuzzing.md) Jazzer mutates them
 * for a bounded number of runs.
 *
 * <p>Codec inputs are one compressed frame behind a small header: rows and columns (16 bits each, big
 * endian), and for RLE a byte whose low bit selects 16 bits allocated. Frames larger than 2048 x 2048 are
 * not decoded (the importer checks the size against the bytes and the heap before a codec runs).
 */
class DicomFuzzTest {

    static final int MAX_FUZZ_PIXELS = 2048 * 2048;

    /** Inputs a fuzzing run tries per target unless -Dfuzz.runs=N (the pom passes it as jazzer.max_executions). */
    static final long FUZZ_RUNS = 5_000;

    /** Seeds larger than this are left out: small inputs let the fuzzer try many more of them. */
    static final int MAX_SEED_BYTES = 64 * 1024;

    @MethodSource("parserSeeds")
    @FuzzTest(maxExecutions = FUZZ_RUNS) // the last annotation, as Jazzer requires
    void parser(byte[] data) {
        only(() -> ParserMutationTest.readFully(data));
    }

    @MethodSource("rleSeeds")
    @FuzzTest(maxExecutions = FUZZ_RUNS) // the last annotation, as Jazzer requires
    void rle(byte[] input) {
        if (input.length < 5) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(input);
        int bits = (b.get() & 1) == 1 ? 16 : 8;
        int rows = b.getShort() & 0xFFFF, columns = b.getShort() & 0xFFFF;
        if ((long) rows * columns > MAX_FUZZ_PIXELS) {
            return;
        }
        only(() -> RleDecoder.decode(rest(input, 5), rows * columns, bits));
    }

    @MethodSource("jpegLsSeeds")
    @FuzzTest(maxExecutions = FUZZ_RUNS) // the last annotation, as Jazzer requires
    void jpegLs(byte[] input) {
        frame(input, (f, rows, columns) -> JpegLsDecoder.decode(f, rows, columns));
    }

    @MethodSource("jpeg12Seeds")
    @FuzzTest(maxExecutions = FUZZ_RUNS) // the last annotation, as Jazzer requires
    void jpeg12(byte[] input) {
        frame(input, (f, rows, columns) -> JpegDctDecoder.decode(f, rows, columns));
    }

    interface Codec {
        int[] decode(byte[] frame, int rows, int columns) throws BadInputException;
    }

    interface Step {
        void run() throws BadInputException;
    }

    private static void frame(byte[] input, Codec codec) {
        if (input.length < 4) {
            return;
        }
        int rows = ((input[0] & 0xFF) << 8) | (input[1] & 0xFF), columns = ((input[2] & 0xFF) << 8) | (input[3] & 0xFF);
        if ((long) rows * columns > MAX_FUZZ_PIXELS) {
            return;
        }
        only(() -> codec.decode(rest(input, 4), rows, columns));
    }

    private static byte[] rest(byte[] input, int from) {
        return java.util.Arrays.copyOfRange(input, from, input.length);
    }

    /** Runs a step whose only allowed failure is a BadInputException. */
    static void only(Step step) {
        try {
            step.run();
        } catch (BadInputException expected) {
            // a refusal with a reason: what bad bytes must give
        } catch (OutOfMemoryError | RuntimeException e) {
            throw new AssertionFailedError("not a BadInputException: " + e, e);
        }
    }

    // ---- seeds from the real corpus --------------------------------------------------------------

    /** The corpus folder; in CI (TestData.required) its absence fails instead of fuzzing without seeds. */
    static Path corpus() {
        Path c = TestData.find("dicom-corpus");
        if (c == null && TestData.required()) {
            throw new AssertionFailedError("shared test data dicom-corpus not present: required here");
        }
        return c;
    }

    static Stream<Arguments> parserSeeds() throws IOException {
        Path c = corpus();
        List<Arguments> out = new ArrayList<>();
        for (String s : c == null ? List.<String>of() : ParserMutationTest.SEEDS) {
            byte[] b = java.nio.file.Files.readAllBytes(c.resolve(s));
            if (b.length <= MAX_SEED_BYTES) {
                out.add(Arguments.of((Object) b));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> rleSeeds() {
        return frames(List.of("pydicom-debian/MR_small_RLE.dcm", "dicomParser/CT0012.not_fragmented_bot_rle.dcm",
            "lidc-transcoded/single-slice/10_rle_lossless.dcm"), true);
    }

    static Stream<Arguments> jpegLsSeeds() {
        return frames(List.of("pydicom-debian/MR_small_jpeg_ls_lossless.dcm",
            "dicomParser/CT0012.fragmented_no_bot_jpeg_ls.81.dcm", "lidc-transcoded/single-slice/13_jpegls_lossless.dcm"),
            false);
    }

    static Stream<Arguments> jpeg12Seeds() {
        return frames(List.of("pydicom-debian/JPGExtended.dcm",
            "lidc-transcoded/single-slice/20_jpeg_extended_12bit_lossy.dcm"), false);
    }

    /** The first compressed frame of each file behind the codec inputs' header. */
    static Stream<Arguments> frames(List<String> files, boolean rle) {
        Path c = corpus();
        if (c == null) {
            return Stream.empty();
        }
        return files.stream().map(name -> {
            try {
                DicomFile f = DicomReader.read(c.resolve(name));
                PixelModule pm = PixelModule.of(f.dataset());
                DataSet.Element e = f.dataset().element(Tags.PIXEL_DATA);
                byte[] frame = EncapsulatedFrames.split(f.dataset().buffer(), e.fragments(), pm.frames()).get(0);
                ByteBuffer b = ByteBuffer.allocate(frame.length + (rle ? 5 : 4));
                if (rle) {
                    b.put((byte) (pm.bitsAllocated() == 16 ? 1 : 0));
                }
                b.putShort((short) pm.rows()).putShort((short) pm.columns()).put(frame);
                return b.array();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).filter(b -> b.length <= MAX_SEED_BYTES).map(b -> Arguments.of((Object) b));
    }
}
