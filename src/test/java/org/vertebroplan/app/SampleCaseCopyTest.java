package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed sample case: used in place when writable, else copied once to the user's folder. */
class SampleCaseCopyTest {

    private static Path bundled(Path dir) throws Exception {
        Path b = dir.resolve("opt/sample-dicom");
        Files.createDirectories(b.resolve("dicom"));
        Files.write(b.resolve("dicom/0001.dcm"), new byte[] {1, 2, 3});
        Files.writeString(b.resolve("plan.json"), "{\"format\": \"vertebroplan-plan\"}");
        return b;
    }

    @Test
    void aReadOnlyBundledSampleIsCopiedOnceAndTheCopyKept(@TempDir Path dir) throws Exception {
        Path b = bundled(dir);
        Path copy = dir.resolve("home/VertebroPlan/sample-dicom");
        assertEquals(copy, SampleCase.choose(b, copy, false));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(copy.resolve("dicom/0001.dcm")));
        assertEquals(Files.readString(b.resolve("plan.json")), Files.readString(copy.resolve("plan.json")));
        // the user's work in the copy stays: it is not copied again
        Files.writeString(copy.resolve("attempt-1.json"), "{}");
        assertEquals(copy, SampleCase.choose(b, copy, false));
        assertTrue(Files.exists(copy.resolve("attempt-1.json")));
        try (var left = Files.list(copy.getParent())) {
            assertEquals(1, left.count(), "no temporary folder left");
        }
    }

    @Test
    void aWritableBundledSampleIsUsedInPlace(@TempDir Path dir) throws Exception {
        Path b = bundled(dir);
        Path copy = dir.resolve("home/VertebroPlan/sample-dicom");
        assertEquals(b, SampleCase.choose(b, copy, true));
        assertTrue(Files.notExists(copy));
    }

    @Test
    void whenTheCopyCannotBeMadeTheBundledSampleOpensReadOnly(@TempDir Path dir) throws Exception {
        Path b = bundled(dir);
        Path file = Files.writeString(dir.resolve("home"), "not a folder");
        assertEquals(b, SampleCase.choose(b, file.resolve("VertebroPlan/sample-dicom"), false));
    }
}
