package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.Shot;

/** The score command on the phantom case: the plan against itself, a trainee's attempt with a canal breach, bad input. */
class ScoreCommandTest {

    @TempDir
    Path dir;


    @Test
    void thePlanAgainstItselfScoresOneHundredWithNoBreach() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        CliRun r = CliRun.of("score", c.planFile().toString(), c.planFile().toString(), "--dicom", c.dicomDir().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(100, r.json().get("score").asDouble());
        assertTrue(r.json().get("breachesChecked").asBoolean());
        assertEquals(2, r.json().get("needles").size());
        for (JsonNode n : r.json().get("needles")) {
            assertEquals("id", n.get("matchedBy").asText());
            assertEquals(0, n.get("targetErrorMm").asDouble());
            assertEquals(false, n.get("breach").asBoolean());
            assertTrue(!n.get("verdict").asText().equals("unsafe"), n.toString());
        }
    }

    @Test
    void anAttemptThroughTheCanalIsMeasuredAndHalvedForItsBreach() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Plan truth = c.truth();
        Needle left = truth.needle("left");
        // the trainee's left needle goes in on the midline, through the spinous process and the canal
        Vec3 entry = new Vec3(1.5, left.entryLps().y(), left.targetLps().z());
        Needle wrong = new Needle("my-left", left.side(), entry, left.targetLps().plus(new Vec3(-5.5, 0, 0)),
            left.diameterMm(), left.workingLengthMm(), left.level(), left.route(), java.util.Map.of());
        Plan attemptPlan = truth.withNeedles(List.of(truth.needle("right"), wrong));
        Attempt a = Attempt.of(attemptPlan, AttemptMode.FREEHAND,
            List.of(new Shot(5, 0, 0, left.targetLps(), 0.3), new Shot(30, 90, 0, left.targetLps(), 0.3)), 600);
        Path file = dir.resolve("attempt.json");
        AttemptJson.save(a, file);
        CliRun r = CliRun.of("score", c.planFile().toString(), file.toString(), "--dicom", c.dicomDir().toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("freehand", j.get("mode").asText());
        assertEquals(2, j.get("shots").asInt());
        assertEquals(0.6, j.get("doseMGy").asDouble(), 1e-9);
        JsonNode l = j.get("needles").get(0);
        assertEquals("left", l.get("referenceId").asText());
        assertEquals("my-left", l.get("attemptId").asText());
        assertEquals("side and level", l.get("matchedBy").asText());
        assertEquals(entry.distance(left.entryLps()), l.get("entryErrorMm").asDouble(), 0.01);
        assertEquals(5.5, l.get("targetErrorMm").asDouble(), 0.01);
        assertEquals(wrong.geometry().depthMm() - left.geometry().depthMm(), l.get("depthErrorMm").asDouble(), 0.01);
        double angle = Math.toDegrees(Math.acos(wrong.direction().dot(left.direction())));
        assertEquals(angle, l.get("angleErrorDeg").asDouble(), 0.01);
        assertEquals("unsafe", l.get("verdict").asText(), l.toString());
        // the geometric score (target 40 x 4.5/8, angle, entry, depth by the formula) halved
        double geometric = 40 * (10 - 5.5) / 8 + 25 * clamp((15 - angle) / 12)
            + 20 * clamp((15 - entry.distance(left.entryLps())) / 12)
            + 15 * clamp((10 - Math.abs(wrong.geometry().depthMm() - left.geometry().depthMm())) / 8);
        assertEquals(Math.round(geometric / 2 * 10) / 10.0, l.get("score").asDouble(), 0.051);
        JsonNode right = j.get("needles").get(1);
        assertEquals(100, right.get("score").asDouble());
        assertEquals((l.get("score").asDouble() + 100) / 2, j.get("score").asDouble(), 0.051);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }

    @Test
    void badInputExitsThreeWithOneLine() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        String plan = c.planFile().toString();
        CliRun missing = CliRun.of("score", plan, dir.resolve("nope.json").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nope.json"), missing.err());
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"format\": \"vertebroplan-attempt\"");
        assertEquals(3, CliRun.of("score", plan, garbage.toString()).code());
        Path empty = dir.resolve("empty.json");
        PlanJson.save(c.truth().withNeedles(List.of()), empty);
        CliRun noNeedles = CliRun.of("score", empty.toString(), plan);
        assertEquals(3, noNeedles.code());
        assertTrue(noNeedles.err().contains("no needles"), noNeedles.err());
        Path other = dir.resolve("other-series.json");
        PlanJson.save(c.truth().withSeries("1.2.3.4"), other);
        CliRun series = CliRun.of("score", plan, other.toString());
        assertEquals(3, series.code());
        assertTrue(series.err().contains("another CT series"), series.err());
        assertEquals(2, CliRun.of("score", plan).code());
    }
}
