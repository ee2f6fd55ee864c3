package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code fiducials} and {@code check} commands on a phantom case, as an engineer scripts them. */
class PlanningCommandsTest {

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void makePhantom() {
        Run r = run("phantom", "--out", dir.resolve("case").toString(), "--seed", "3", "--patient-position", "FFP");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void fiducialsPrintsThreeMarkersCranialToCaudal() throws Exception {
        Run r = run("fiducials", dir.resolve("case/dicom").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        JsonNode f = j.get("fiducials");
        assertEquals(3, f.size());
        JsonNode truth = JSON.readTree(dir.resolve("case/plan.json").toFile()).get("fiducials");
        for (int i = 0; i < 3; i++) {
            assertEquals("M" + (i + 1), f.get(i).get("id").asText());
            for (int a = 0; a < 3; a++) {
                assertEquals(truth.get(i).get("lps").get(a).asDouble(), f.get(i).get("lps").get(a).asDouble(), 1.0);
            }
            assertTrue(f.get(i).get("hu").asInt() > 2000);
            assertTrue(f.get(i).get("diameterMm").asDouble() > 1);
        }
        assertTrue(f.get(0).get("lps").get(2).asDouble() > f.get(2).get("lps").get(2).asDouble(), "M1 is cranial");
        assertEquals(0, j.get("warnings").size());
        for (JsonNode m : f) {
            assertRoundedToHundredths(m.get("lps"));
        }
    }

    /** Points are printed to 0.01 mm, as check prints them (not with 16 digits). */
    static void assertRoundedToHundredths(JsonNode point) {
        for (JsonNode v : point) {
            assertTrue(v.toString().matches("-?\\d+(\\.\\d{1,2})?"), "rounded to 0.01 mm: " + point);
        }
    }

    @Test
    void fiducialsExplainsEachMarkerAndHowTheThreeFitThePattern() throws Exception {
        Run r = run("fiducials", dir.resolve("case/dicom").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        for (JsonNode f : j.get("fiducials")) {
            assertTrue(f.get("voxels").asInt() > 0);
            JsonNode s = f.get("scores");
            for (String key : new String[] {"contrastHu", "spread", "elongation", "density", "tissueFraction",
                "boneFraction", "skinDistanceMm"}) {
                assertTrue(s.get(key).isNumber(), "score " + key + " in " + f);
            }
            assertEquals(2.5, f.get("diameterMm").asDouble(), 0.3);
        }
        assertEquals(0, j.get("rejected").size());
        JsonNode p = j.get("pattern");
        assertTrue(p.get("fits").asBoolean());
        assertEquals(0, p.get("misfits").size());
        assertEquals(25, p.get("spacingsMm").get(0).asDouble(), 0.5);
        assertEquals(25, p.get("spacingsMm").get(1).asDouble(), 0.5);
        assertEquals(0, p.get("bendDeg").asDouble(), 2);
    }

    @Test
    void checkReportsTheTruePlanSafeWithAnglesInTheSurgeonsTerms() throws Exception {
        Run r = run("check", dir.resolve("case/dicom").toString(), "--plan", dir.resolve("case/plan.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode needles = JSON.readTree(r.out()).get("needles");
        JsonNode truth = JSON.readTree(dir.resolve("case/truth.json").toFile()).get("needles");
        assertEquals(2, needles.size());
        for (int i = 0; i < 2; i++) {
            JsonNode n = needles.get(i);
            for (String key : new String[] {"id", "depthMm", "cranialDeg", "abductionDeg", "canalDistanceMm", "breach",
                "breachAt", "targetInBody", "verdict", "reasons"}) {
                assertTrue(n.has(key), "missing " + key);
            }
            assertEquals("safe", n.get("verdict").asText(), n.toString());
            assertFalse(n.get("breach").asBoolean());
            assertTrue(n.get("breachAt").isNull());
            assertEquals(truth.get(i).get("depthMm").asDouble(), n.get("depthMm").asDouble(), 0.01);
            assertEquals(truth.get(i).get("cranialDeg").asDouble(), n.get("cranialDeg").asDouble(), 0.01);
            assertEquals(truth.get(i).get("abductionDeg").asDouble(), n.get("abductionDeg").asDouble(), 0.01);
            // converging needles: positive abduction on both sides
            assertTrue(n.get("abductionDeg").asDouble() > 0);
        }
        // entries relative to the marker line, which the phantom lays along +z (cranial) on the back
        // (+y): cranial of M2 = entry z - M2 z, left = entry x - M2 x, above = entry y - M2 y
        JsonNode plan = JSON.readTree(dir.resolve("case/plan.json").toFile());
        JsonNode m2 = plan.get("fiducials").get(1).get("lps");
        for (int i = 0; i < 2; i++) {
            JsonNode entry = plan.get("needles").get(i).get("entryLps");
            JsonNode skin = needles.get(i).get("entryFromMarkers");
            assertEquals(entry.get(2).asDouble() - m2.get(2).asDouble(), skin.get("cranialOfM2Mm").asDouble(), 0.01);
            assertEquals(entry.get(0).asDouble() - m2.get(0).asDouble(), skin.get("leftOfMarkerLineMm").asDouble(), 0.01);
            assertEquals(entry.get(1).asDouble() - m2.get(1).asDouble(), skin.get("aboveMarkerLineMm").asDouble(), 0.01);
        }
        // the left needle is on the patient's left, the right one on the right, both cranial of M2
        assertTrue(needles.get(0).get("entryFromMarkers").get("leftOfMarkerLineMm").asDouble() > 20);
        assertTrue(needles.get(1).get("entryFromMarkers").get("leftOfMarkerLineMm").asDouble() < -20);
        assertTrue(needles.get(0).get("entryFromMarkers").get("cranialOfM2Mm").asDouble() > 5);
    }

    @Test
    void aBrokenPlanIsBadInputWithOneLineOnStderr() throws Exception {
        Path bad = dir.resolve("broken-plan.json");
        Files.writeString(bad, "{\"format\": \"vertebroplan-plan\", \"version\": 1, \"needles\": [");
        Run r = run("check", dir.resolve("case/dicom").toString(), "--plan", bad.toString());
        assertEquals(3, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFolderIsBadInput() {
        Run r = run("fiducials", dir.resolve("no-such-folder").toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void checkWithoutPlanIsAUsageError() {
        assertEquals(2, run("check", dir.resolve("case/dicom").toString()).code());
    }

    @Test
    void aPlanMadeOnAnotherSeriesIsCheckedOnTheDefaultOneWithAWarning() throws Exception {
        String plan = Files.readString(dir.resolve("case/plan.json"))
            .replaceFirst("\"seriesInstanceUid\" : \"[0-9.]+\"", "\"seriesInstanceUid\" : \"1.2.3.4\"");
        Path other = dir.resolve("other-series-plan.json");
        Files.writeString(other, plan);
        Run r = run("check", dir.resolve("case/dicom").toString(), "--plan", other.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode warnings = JSON.readTree(r.out()).get("warnings");
        assertTrue(warnings.toString().contains("1.2.3.4 is not in this folder"), warnings.toString());
    }
}
