package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The acceptance path of the planning issue, as an engineer scripts it: a turned phantom (lumbar or
 * thoracic) written as DICOM in each patient position, then {@code check} on its true plan: the level's
 * measured rotation and tilts are the ones it was turned by, each needle's vertebra-frame angles are the
 * unturned needle's (truth.json gives them), and the true needles are not unsafe.
 */
class CheckVertebraFrameTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @CsvSource({"HFP,L2,'15,-8,10'", "HFS,L2,'-20,6,-12'", "FFP,T8,'12,5,-8'", "FFS,T8,'-18,-10,6'"})
    void checkMeasuresTheTurnOfEachVertebraInEveryPosition(String position, String level, String rotate)
        throws Exception {
        Path out = dir.resolve(position + level);
        PlanningCommandsTest.Run p = PlanningCommandsTest.run("phantom", "--out", out.toString(), "--seed", "5",
            "--patient-position", position, "--level", level, "--rotate=" + rotate);
        assertEquals(0, p.code(), p.err());
        PlanningCommandsTest.Run r = PlanningCommandsTest.run("check", out.resolve("dicom").toString(), "--plan",
            out.resolve("plan.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = PlanningCommandsTest.JSON.readTree(r.out());
        JsonNode truth = PlanningCommandsTest.JSON.readTree(out.resolve("truth.json").toFile());
        assertEquals(1, j.get("levels").size());
        JsonNode l = j.get("levels").get(0);
        assertEquals(level, l.get("level").asText());
        String[] angles = rotate.split(",");
        assertEquals(Double.parseDouble(angles[0]), l.get("axialRotationDeg").asDouble(), 1.0, r.out());
        assertEquals(Double.parseDouble(angles[1]), l.get("coronalTiltDeg").asDouble(), 1.0);
        assertEquals(Double.parseDouble(angles[2]), l.get("sagittalTiltDeg").asDouble(), 1.0);
        assertEquals(level.startsWith("T"), l.get("thoracic").asBoolean());
        for (int i = 0; i < 2; i++) {
            JsonNode n = j.get("needles").get(i), t = truth.get("needles").get(i);
            assertEquals(t.get("id").asText(), n.get("id").asText());
            assertEquals(t.at("/vertebraFrame/cranialDeg").asDouble(), n.at("/vertebraFrame/cranialDeg").asDouble(), 1.0);
            assertEquals(t.at("/vertebraFrame/abductionDeg").asDouble(), n.at("/vertebraFrame/abductionDeg").asDouble(),
                1.0);
            // the patient-frame angles are the turned ones, not the vertebra's
            assertEquals(t.get("abductionDeg").asDouble(), n.get("abductionDeg").asDouble(), 0.01);
            assertTrue(!n.get("verdict").asText().equals("unsafe"), n.toString());
            assertTrue(n.get("breachWall").isNull(), n.toString());
        }
    }
}
