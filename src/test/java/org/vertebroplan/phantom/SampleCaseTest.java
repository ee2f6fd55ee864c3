package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;

/**
 * The bundled {@code sample-dicom/} is exactly what {@code vertebroplan phantom --out sample-dicom --seed 1
 * --patient-position HFP --transfer-syntax deflated} writes today (same plan, truth and every data
 * element; the deflate bytes themselves may differ between zlib builds), and stays small for git.
 * When the anatomy changes on purpose, regenerate the sample with that command.
 */
class SampleCaseTest {

    static final Path SAMPLE = Path.of("sample-dicom");

    @Test
    void bundledSampleMatchesTheGenerator(@TempDir Path dir) throws Exception {
        assertTrue(Files.isDirectory(SAMPLE.resolve("dicom")), "sample-dicom/dicom is missing");
        PhantomCase.write(dir, PhantomOptions.of(1, PhantomPosition.HFP)
            .withSyntax(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        String hint = " differs from the generator: regenerate sample-dicom (see docs/phantom.md)";
        // the "software" line names the program that wrote the file (its version), not the case
        assertEquals(withoutWriter(Files.readString(dir.resolve("plan.json"))),
            withoutWriter(Files.readString(SAMPLE.resolve("plan.json"))), "plan.json" + hint);
        assertEquals(Files.readString(dir.resolve("truth.json")), Files.readString(SAMPLE.resolve("truth.json")), "truth.json" + hint);
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLE.resolve("dicom"))) {
            files = s.sorted().toList();
        }
        assertEquals(PhantomGrid.DEFAULT.nz(), files.size());
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            MiniDicomReader bundled = MiniDicomReader.read(f);
            MiniDicomReader fresh = MiniDicomReader.read(dir.resolve("dicom").resolve(f.getFileName()));
            assertEquals(fresh.data.keySet(), bundled.data.keySet(), f + hint);
            for (Map.Entry<Integer, byte[]> e : fresh.data.entrySet()) {
                assertArrayEquals(e.getValue(), bundled.data.get(e.getKey()),
                    f.getFileName() + " tag " + Integer.toHexString(e.getKey()) + hint);
            }
        }
        assertTrue(bytes < 12_000_000, "sample DICOM too big for git: " + bytes);
    }

    private static String withoutWriter(String planJson) {
        return planJson.replaceAll("(?m)^  \"software\" : .*\\R", "");
    }
}
