package org.vertebroplan.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;

/** The attempt file: a lossless round trip, written atomically, clear refusals. */
class AttemptJsonTest {

    @TempDir
    Path dir;

    static Attempt sample() {
        Plan plan = ScorerTest.reference().withSeries("1.2.3");
        List<Shot> shots = List.of(new Shot(12.5, 0, 0, new Vec3(0, 9.5, -10), 0.3),
            new Shot(40, 90, 0, new Vec3(0, 9.5, -10), 0.3), new Shot(95.25, 25, -8, new Vec3(7, 9, -10), 0.31));
        return Attempt.of(plan, AttemptMode.TEMPLATE, shots, 1165).withTrainee("trainee 4")
            .withStartedAt("2026-12-01T14:03:00Z").withReferencePlan("plan.json");
    }

    @Test
    void anAttemptIsWrittenAtomicallyAndReadBackUnchanged() throws Exception {
        Attempt a = sample();
        assertEquals(0.91, a.doseMGy(), 1e-12);
        Path file = dir.resolve("attempt-1.json");
        AttemptJson.save(a, file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
        }
        Attempt back = AttemptJson.load(file);
        assertEquals(a, back);
        assertEquals(PlanJson.toJson(a.plan()), PlanJson.toJson(back.plan()));
        assertTrue(Files.readString(file).contains("\"format\" : \"vertebroplan-attempt\""));
    }

    @Test
    void breachesOnTheWayAreWrittenAndReadBack() throws Exception {
        Attempt a = sample().withBreaches(List.of(new BreachEvent(61.5, "left", 55, "medial",
            "medial breach: the needle leaves the pedicle through its medial wall")));
        Path file = dir.resolve("attempt-2.json");
        AttemptJson.save(a, file);
        Attempt back = AttemptJson.load(file);
        assertEquals(a, back);
        assertEquals("medial", back.breaches().get(0).wall());
        assertEquals(55, back.breaches().get(0).depthMm());
        assertTrue(AttemptJson.load(dir.resolve("attempt-2.json")).breaches().size() == 1);
        // an attempt without them has none and writes no key
        assertTrue(sample().breaches().isEmpty());
        assertTrue(!AttemptJson.toJson(sample()).contains("breaches"));
        String good = AttemptJson.toJson(a);
        assertRefused("breach 1", good.replace("\"depthMm\" : 55.0", "\"depthMm\" : -3"));
        assertRefused("breach 1", good.replace("\"wall\" : \"medial\",", ""));
        assertRefused("\"breaches\"", good.replace("\"breaches\" : [", "\"breaches\" : 3, \"x\" : ["));
    }

    @Test
    void aPlanFileIsReadAsAPlanWithoutAnAttempt() throws Exception {
        Path file = dir.resolve("plan.json");
        PlanJson.save(ScorerTest.reference(), file);
        AttemptJson.PlanOrAttempt p = AttemptJson.loadPlanOrAttempt(file);
        assertNull(p.attempt());
        assertEquals(4, p.plan().needles().size());
        BadInputException e = assertThrows(BadInputException.class, () -> AttemptJson.load(file));
        assertTrue(e.getMessage().contains("not an attempt file"), e.getMessage());
    }

    @Test
    void brokenAttemptsAreRefusedWithTheReason() {
        String good = AttemptJson.toJson(sample());
        assertRefused("not valid JSON", "{");
        assertRefused("\"format\"", good.replace("vertebroplan-attempt", "something-else"));
        assertRefused("newer", good.replace("\"version\" : 1", "\"version\" : 7"));
        assertRefused("\"mode\"", good.replace("\"template\"", "\"robotic\""));
        assertRefused("\"durationSeconds\"", good.replace("\"durationSeconds\" : 1165.0", "\"durationSeconds\" : \"long\""));
        assertRefused("shot 2", good.replace("\"orbitalDeg\" : 90.0", "\"orbitalDeg\" : null"));
        assertRefused("\"plan\"", good.replace("\"side\" : \"left\"", "\"side\" : \"middle\""));
        assertRefused("dose", good.replace("\"doseMGy\" : 0.31", "\"doseMGy\" : -1"));
    }

    private static void assertRefused(String expectedInMessage, String json) {
        BadInputException e = assertThrows(BadInputException.class, () -> AttemptJson.fromJson(json));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
