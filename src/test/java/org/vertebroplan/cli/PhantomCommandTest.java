package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code phantom} subcommand: JSON on stdout, files written, usage errors exit 2. */
class PhantomCommandTest {

    record Out(int exit, String out, String err) {
    }

    static Out run(String... args) {
        CommandLine cl = VertebroPlanCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    @Test
    void writesTheCaseAndPrintsASummary(@TempDir Path dir) throws Exception {
        Out o = run("phantom", "--out", dir.toString(), "--patient-position", "FFP", "--seed", "5",
            "--transfer-syntax", "deflated");
        assertEquals(0, o.exit(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        assertEquals("FFP", j.get("patientPosition").asText());
        assertEquals("1.2.840.10008.1.2.1.99", j.get("transferSyntax").asText());
        assertEquals(70, j.get("slices").asInt());
        assertEquals(3, j.get("fiducials").size());
        assertEquals("left", j.at("/needles/0/id").asText());
        assertTrue(j.at("/needles/0/abductionDeg").asDouble() > 0);
        try (var files = Files.list(dir.resolve("dicom"))) {
            assertEquals(70, files.count());
        }
        assertTrue(Files.isRegularFile(dir.resolve("plan.json")) && Files.isRegularFile(dir.resolve("truth.json")));
        assertTrue(j.get("dicomBytes").asLong() > 1_000_000);
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        assertEquals(2, run("phantom", "--out", dir.toString(), "--patient-position", "XYZ").exit());
        assertEquals(2, run("phantom").exit());
        assertEquals(2, run("phantom", "--out", dir.toString(), "--noise", "-3").exit());
    }

    @Test
    void refusesAFolderHoldingOtherDicomFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("dicom"));
        Files.writeString(dir.resolve("dicom").resolve("other.dcm"), "x");
        Out o = run("phantom", "--out", dir.toString());
        assertEquals(3, o.exit());
        assertTrue(o.err().contains("already holds other files"), o.err());
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Out f = run("phantom", "--out", file.toString());
        assertEquals(3, f.exit());
        assertTrue(f.err().contains("needs an output folder"), f.err());
    }
}
