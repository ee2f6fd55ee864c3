package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;

/** Headless from CT to guide: propose a plan on the phantom, then build its guide from it. */
class ProposeCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static double distanceToLine(Vec3 p, Vec3 a, Vec3 b) {
        Vec3 u = b.minus(a).normalized();
        Vec3 d = p.minus(a);
        return d.minus(u.times(d.dot(u))).norm();
    }

    @Test
    void aProposedPlanHasTheMarkersAndSafeNeedlesThroughThePediclesAndMakesAGuide() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFS);
        Path plan = dir.resolve("proposed.json");
        Run r = run("propose", c.dicomDir().toString(), "--at", "1.5,18,-142", "--out", plan.toString(), "--level", "L2",
            "--case-id", "phantom-proposed", "--gauge", "13G", "--working-length", "125");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("fiducials").asInt());
        for (JsonNode n : j.get("needles")) {
            assertEquals("safe", n.get("verdict").asText(), n.toString());
            assertTrue(n.get("abductionDeg").asDouble() > 0, "converging: " + n);
            PlanningCommandsTest.assertRoundedToHundredths(n.get("entryLps"));
            PlanningCommandsTest.assertRoundedToHundredths(n.get("targetLps"));
        }
        Plan p = PlanJson.load(plan);
        assertEquals("phantom-proposed", p.caseId());
        for (int i = 0; i < 3; i++) {
            assertTrue(p.fiducials().get(i).lps().distance(c.truth().fiducials().get(i).lps()) < 1.0);
        }
        Needle left = p.needle("left"), right = p.needle("right");
        assertEquals(2.41, left.diameterMm(), 1e-12);
        assertEquals(125, left.workingLengthMm(), 1e-12);
        // through the true pedicle isthmus centres of truth.json: left (17, 37.5, -140.5), right (-14, ...)
        assertTrue(distanceToLine(new Vec3(17, 37.5, -140.5), left.entryLps(), left.targetLps()) < 3);
        assertTrue(distanceToLine(new Vec3(-14, 37.5, -140.5), right.entryLps(), right.targetLps()) < 3);

        Run g = run("guide", c.dicomDir().toString(), "--plan", plan.toString(), "--out", dir.resolve("pkg").toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(Files.size(dir.resolve("pkg/sleeve-left.stl")) > 1000);
    }

    @Test
    void anExistingPlanIsNotOverwrittenWithoutForceAndABadGaugeIsAUsageError() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFS);
        Path plan = dir.resolve("kept.json");
        Files.writeString(plan, "{\"keep\": true}");
        Run r = run("propose", c.dicomDir().toString(), "--at", "1.5,18,-142", "--out", plan.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("{\"keep\": true}", Files.readString(plan));
        assertEquals(2, run("propose", c.dicomDir().toString(), "--at", "1.5,18,-142", "--out",
            dir.resolve("x.json").toString(), "--gauge", "12G").code());
    }

    @Test
    void noCanalNearThePointIsBadInput() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFS);
        // a point in the air beside the body
        Run r = run("propose", c.dicomDir().toString(), "--at", "140,0,-142", "--out", dir.resolve("y.json").toString());
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().contains("place it in the vertebral body"), r.err());
        assertTrue(!Files.exists(dir.resolve("y.json")));
    }
}
