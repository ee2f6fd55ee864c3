package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;

class PlanJsonTest {

    static final ObjectMapper M = new ObjectMapper();

    static Plan plan() {
        return new Plan("case 7", List.of(new org.vertebroplan.plan.PlanLevel("L1")), "1.2.3.4",
            List.of(new Fiducial("M1", new Vec3(1, 2, 3)), new Fiducial("M2", new Vec3(1.5, 2.25, -3.125))),
            List.of(new Needle("left", Side.LEFT, new Vec3(40.1, 90, -100), new Vec3(5, -9, -101.5), 3.05, 120),
                new Needle("right", Side.RIGHT, new Vec3(-40.1, 90, -100), new Vec3(-5, -9, -101.5), 2.41, 100)),
            Map.of("clearanceMm", 0.4), Map.of());
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        Plan p = plan();
        String json = PlanJson.toJson(p);
        assertEquals(p, PlanJson.fromJson(json));
        JsonNode tree = M.readTree(json);
        assertEquals("vertebroplan-plan", tree.get("format").asText());
        assertEquals(2, tree.get("version").asInt());
        assertEquals("L1", tree.at("/levels/0/label").asText());
        assertEquals("L1", tree.at("/needles/0/level").asText());
        assertEquals("transpedicular", tree.at("/needles/0/route").asText());
        assertEquals("1.2.3.4", tree.at("/series/seriesInstanceUid").asText());
        assertEquals("left", tree.at("/needles/0/side").asText());
        assertEquals(40.1, tree.at("/needles/0/entryLps/0").asDouble());
        assertEquals(0.4, tree.at("/guide/clearanceMm").asDouble());
    }

    @Test
    void unknownKeysSurviveLoadAndSave(@TempDir Path dir) throws Exception {
        String json = """
            {"format": "vertebroplan-plan", "version": 1, "caseId": "c", "level": "L2",
             "futureTop": {"a": [1, 2, {"b": null}]}, "extras": {"c": 1}, "unknown": [2],
             "series": {"seriesInstanceUid": "9.8", "studyNote": "x"},
             "fiducials": [{"id": "M1", "lps": [0, 0, 0], "confidence": 0.9}],
             "needles": [{"id": "n", "side": "right", "entryLps": [0, 50, 0], "targetLps": [0, 0, 0],
                          "diameterMm": 3.05, "workingLengthMm": 100, "notes": "check", "extras": null}],
             "guide": {"printer": "sla", "gapMm": 0.5}}
            """;
        Plan p = PlanJson.fromJson(json);
        Path f = dir.resolve("plan.json");
        PlanJson.save(p, f);
        JsonNode back = M.readTree(Files.readString(f));
        JsonNode original = M.readTree(json);
        // "extras" and "unknown" are also the names the reader keeps such keys under: they are kept too
        for (String ptr : new String[] {"/futureTop", "/extras", "/unknown", "/series/studyNote",
            "/series/seriesInstanceUid", "/fiducials/0/confidence", "/needles/0/notes", "/needles/0/extras",
            "/guide/printer", "/guide/gapMm"}) {
            assertEquals(original.at(ptr), back.at(ptr), ptr);
        }
        // a version 1 file is written as version 2: its level becomes the plan's one level
        assertEquals(2, back.get("version").asInt());
        assertEquals("L2", back.at("/levels/0/label").asText());
        assertEquals("L2", back.at("/needles/0/level").asText());
        assertTrue(back.at("/level").isMissingNode());
        assertEquals(p, PlanJson.load(f));
    }

    @Test
    void patientIdentityIsNeverWritten(@TempDir Path dir) throws Exception {
        String json = """
            {"format": "vertebroplan-plan", "version": 1, "caseId": "c", "PatientName": "DOE^JOHN",
             "patient_id": "123", "series": {"seriesInstanceUid": "1", "patientBirthDate": "19500101"},
             "needles": [{"id": "n", "side": "left", "entryLps": [0, 50, 0], "targetLps": [0, 0, 0],
                          "diameterMm": 3.05, "workingLengthMm": 100, "patientName": "X"}]}
            """;
        Path f = dir.resolve("p.json");
        PlanJson.save(PlanJson.fromJson(json), f);
        String out = Files.readString(f);
        assertFalse(out.contains("DOE") || out.contains("123") || out.contains("1950") || out.contains("\"X\""), out);
    }

    @Test
    void badInputGivesClearErrors() {
        assertMessage("{not json", "not valid JSON");
        assertMessage("[1, 2]", "must be a JSON object");
        assertMessage("{\"format\": \"other\", \"version\": 1}", "not a VertebroPlan plan file");
        assertMessage("{\"format\": \"vertebroplan-plan\"}", "no integer \"version\"");
        assertMessage("{\"format\": \"vertebroplan-plan\", \"version\": 3, \"caseId\": \"c\", \"needles\": []}",
            "newer VertebroPlan");
        String levels = "{\"format\": \"vertebroplan-plan\", \"version\": 2, \"caseId\": \"c\", \"levels\": %s,"
            + " \"needles\": [%s]}";
        String n = "{\"id\": \"a\", \"side\": \"left\", \"entryLps\": [0,0,0], \"targetLps\": [0,0,1],"
            + " \"diameterMm\": 3, \"workingLengthMm\": 100%s}";
        assertMessage(levels.formatted("[{\"label\": \"L1\"}, {\"label\": \"L1\"}]", ""), "two levels have the label L1");
        assertMessage(levels.formatted("[{\"label\": \"L1\"}, {\"label\": \"L2\"}]", n.formatted("")),
            "names no level");
        assertMessage(levels.formatted("[{\"label\": \"L1\"}]", n.formatted(", \"level\": \"T8\"")),
            "the plan does not list");
        assertMessage(levels.formatted("[{\"label\": \"L1\"}]", n.formatted(", \"route\": \"sideways\"")),
            "\"route\" must be");
        assertMessage("{\"format\": \"vertebroplan-plan\", \"version\": 1, \"needles\": []}", "no \"caseId\"");
        assertMessage("{\"format\": \"vertebroplan-plan\", \"version\": 1, \"caseId\": \"c\"}", "no \"needles\"");
        String needle = "{\"format\": \"vertebroplan-plan\", \"version\": 1, \"caseId\": \"c\", \"needles\": [%s]}";
        assertMessage(needle.formatted("{\"id\": \"L\", \"side\": \"left\", \"entryLps\": [0,0,0], "
            + "\"diameterMm\": 3, \"workingLengthMm\": 100}"), "needle \"L\": \"targetLps\" must be [x, y, z]");
        assertMessage(needle.formatted("{\"id\": \"L\", \"side\": \"middle\", \"entryLps\": [0,0,0], "
            + "\"targetLps\": [0,0,1], \"diameterMm\": 3, \"workingLengthMm\": 100}"), "\"left\" or \"right\"");
        assertMessage(needle.formatted("{\"id\": \"L\", \"side\": \"left\", \"entryLps\": [0,0,\"a\"], "
            + "\"targetLps\": [0,0,1], \"diameterMm\": 3, \"workingLengthMm\": 100}"), "three numbers");
        assertMessage(needle.formatted("{\"id\": \"L\", \"side\": \"left\", \"entryLps\": [0,0,1], "
            + "\"targetLps\": [0,0,1], \"diameterMm\": 3, \"workingLengthMm\": 100}"), "same point");
        assertMessage(needle.formatted("{\"id\": \"L\", \"side\": \"left\", \"entryLps\": [0,0,0], "
            + "\"targetLps\": [0,0,1], \"workingLengthMm\": 100}"), "\"diameterMm\" must be a number");
        // a version 1 level label is an id like any other (this ended in an IllegalArgumentException)
        assertMessage("{\"format\": \"vertebroplan-plan\", \"version\": 1, \"caseId\": \"c\", \"level\": \"L\\u0000\","
            + " \"needles\": []}", "plan: level id \"L?\" must be 1 to 64 characters without control characters");
    }

    @Test
    void version1AngleFrameMovesOntoItsLevelAndSeveralLevelsRoundTrip() throws Exception {
        String v1 = """
            {"format": "vertebroplan-plan", "version": 1, "caseId": "c", "level": "T8",
             "angleFrame": {"name": "vertebra", "superior": [0, -0.2, 0.98], "left": [1, 0, 0]},
             "needles": [{"id": "n", "side": "left", "entryLps": [30, 60, 0], "targetLps": [4, 0, 0],
                          "diameterMm": 2.41, "workingLengthMm": 100}]}
            """;
        Plan p = PlanJson.fromJson(v1);
        assertEquals(1, p.levels().size());
        assertEquals("T8", p.levels().get(0).label());
        assertEquals("vertebra", p.levels().get(0).angleFrame().name());
        assertTrue(p.extras().isEmpty(), p.extras().toString());
        assertEquals(p.levels().get(0).angleFrame(), p.angleFrameOf(p.needle("n")));
        // two levels, each with its needles and its own frame; an extrapedicular needle keeps its route
        Plan two = new Plan("c", List.of(new org.vertebroplan.plan.PlanLevel("T11"),
            p.levels().get(0).withLabel("T12")), null, List.of(), List.of(
                new Needle("a", Side.LEFT, new Vec3(30, 60, 10), new Vec3(4, 0, 10), 3.05, 100, "T11",
                    org.vertebroplan.plan.Route.TRANSPEDICULAR, Map.of()),
                new Needle("b", Side.RIGHT, new Vec3(-30, 60, -20), new Vec3(-4, 0, -20), 2.41, 100, "T12",
                    org.vertebroplan.plan.Route.EXTRAPEDICULAR, Map.of())), Map.of(), Map.of());
        Plan back = PlanJson.fromJson(PlanJson.toJson(two));
        assertEquals(two, back);
        assertEquals("T11-T12", back.level());
        assertEquals(org.vertebroplan.plan.AngleFrame.PATIENT, back.angleFrameOf(back.needle("a")));
        assertEquals("vertebra", back.angleFrameOf(back.needle("b")).name());
        assertEquals(org.vertebroplan.plan.Route.EXTRAPEDICULAR, back.needle("b").route());
    }

    @Test
    void extrasNeverRepeatOrReplaceAKeyThePlanWrites() throws Exception {
        Needle n = new Needle("left", Side.LEFT, new Vec3(40, 90, -100), new Vec3(5, -9, -101), 3.05, 120,
            Map.of("id", "other", "side", "right", "notes", "kept"));
        Plan p = plan().withNeedle(n);
        String json = PlanJson.toJson(p);
        JsonNode written = M.readTree(json).at("/needles/1");
        assertEquals("left", written.get("id").asText());
        assertEquals("left", written.get("side").asText());
        assertEquals("kept", written.get("notes").asText());
        assertEquals(Map.of("notes", "kept"), PlanJson.fromJson(json).needle("left").extras());
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> PlanJson.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.json");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), PlanJson.MAX_BYTES + 10); // sparse
        }
        BadInputException e = assertThrows(BadInputException.class, () -> PlanJson.load(f));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void saveIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("plan.json");
        Files.writeString(f, "old content");
        PlanJson.save(plan(), f);
        assertEquals(plan(), PlanJson.load(f));
        PlanJson.save(plan().withNeedle(new Needle("left", Side.LEFT, Vec3.ZERO, Vec3.Z, 3.05, 90)), f);
        assertEquals(90, PlanJson.load(f).needle("left").workingLengthMm());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    private static void assertMessage(String json, String part) {
        BadInputException e = assertThrows(BadInputException.class, () -> PlanJson.fromJson(json));
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
