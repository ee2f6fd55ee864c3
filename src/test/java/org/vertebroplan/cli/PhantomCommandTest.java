package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void anatomyOptionsWriteATurnedThoracicCaseWithItsFrameInTheTruth(@TempDir Path dir) throws Exception {
        Out o = run("phantom", "--out", dir.toString(), "--level", "T8", "--rotate", "-20,8,-10", "--wedge", "10",
            "--posterior-wall-defect", "--pedicle-width", "4", "--noise", "0");
        assertEquals(0, o.exit(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        assertEquals("T8", j.at("/anatomy/level").asText());
        assertEquals(-20, j.at("/anatomy/rotateDeg/0").asDouble());
        assertEquals(4, j.at("/anatomy/pedicleWidthMm").asDouble());
        JsonNode truth = Json.MAPPER.readTree(dir.resolve("truth.json").toFile());
        assertEquals("T8", truth.get("level").asText());
        assertEquals(-20, truth.at("/frame/axialRotationDeg").asDouble());
        assertEquals(8, truth.at("/frame/coronalTiltDeg").asDouble());
        assertEquals(-10, truth.at("/frame/sagittalTiltDeg").asDouble());
        assertEquals(10, truth.at("/vertebra/body/endplateAngleDeg").asDouble());
        assertTrue(truth.at("/vertebra/posteriorWallDefect/fragment/centreLps").isArray());
        assertEquals(4, truth.at("/ribs").size());
        assertEquals(4, truth.at("/vertebra/pedicles/0/isthmusWidthMm").asDouble());
        // the vertebra-frame angles of the turned needles are the square T8's patient-frame ones
        assertEquals(9.0059, truth.at("/needles/0/vertebraFrame/abductionDeg").asDouble(), 1e-3);
        assertEquals(-5.3233, truth.at("/needles/0/vertebraFrame/cranialDeg").asDouble(), 1e-3);
        assertTrue(Math.abs(truth.at("/needles/0/abductionDeg").asDouble() - 9.0059) > 1, "patient frame differs");
        JsonNode plan = Json.MAPPER.readTree(dir.resolve("plan.json").toFile());
        assertEquals("T8", plan.at("/levels/0/label").asText());
        try (var files = Files.list(dir.resolve("dicom"))) {
            assertEquals(truth.at("/volume/dicom/slices").asInt(), files.count());
        }
    }

    @Test
    void anatomyOptionsParse() {
        assertEquals(org.vertebroplan.phantom.PhantomVariant.DEFAULT, parse());
        var v = parse("--level", "t8", "--rotate", "-20,8,-10", "--wedge", "12.5", "--posterior-wall-defect",
            "--pedicle-width", "3.5");
        assertEquals("T8/rotate=-20,8,-10/wedge=12.5/posterior-wall-defect/pedicle-width=3.5", v.key());
        assertEquals(25, parse("--rotate=25,15,15").axialRotationDeg());
    }

    static org.vertebroplan.phantom.PhantomVariant parse(String... anatomy) {
        CommandLine cl = VertebroPlanCommand.commandLine();
        String[] args = new String[anatomy.length + 3];
        args[0] = "phantom";
        args[1] = "--out";
        args[2] = "unused";
        System.arraycopy(anatomy, 0, args, 3, anatomy.length);
        cl.parseArgs(args);
        return ((PhantomCommand) cl.getSubcommands().get("phantom").getCommand()).anatomy();
    }

    @Test
    void anatomyOptionsOutOfRangeAreUsageErrors(@TempDir Path dir) {
        String out = dir.resolve("never").toString();
        for (String[] bad : new String[][] {{"--rotate", "31,0,0"}, {"--rotate", "0,20.5,0"}, {"--rotate", "0,0,-21"},
            {"--rotate", "1,2"}, {"--rotate", "1,2,3,4"}, {"--rotate", "a,b,c"}, {"--level", "C5"}, {"--wedge", "31"},
            {"--wedge", "-2"}, {"--pedicle-width", "1"}, {"--pedicle-width", "9"}, {"--pedicle-width", "0"},
            {"--level", "T8", "--pedicle-width", "7"}}) {
            String[] args = new String[bad.length + 3];
            args[0] = "phantom";
            args[1] = "--out";
            args[2] = out;
            System.arraycopy(bad, 0, args, 3, bad.length);
            Out o = run(args);
            assertEquals(2, o.exit(), String.join(" ", bad) + ": " + o.err());
            assertTrue(o.err().contains(bad[bad.length - 2]) || o.err().contains("Invalid value"),
                String.join(" ", bad) + ": " + o.err());
        }
        assertTrue(run("phantom", "--out", out, "--rotate", "45,0,0").err().contains("-30..30"));
        assertTrue(run("phantom", "--out", out, "--level", "T8", "--pedicle-width", "7").err()
            .contains("2..6 mm"));
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
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
