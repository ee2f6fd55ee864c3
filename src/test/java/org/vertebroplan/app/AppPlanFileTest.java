package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;

/** Case folder resolution, the temporary plan reader and the needle numbers shown in the side panel. */
class AppPlanFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsMarkersAndNeedles() throws IOException {
        Path dir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        CasePlan plan = PlanFileReader.read(dir.resolve("plan.json"));
        assertEquals("synthetic", plan.caseId());
        assertEquals("L1", plan.level());
        assertEquals(3, plan.markers().size());
        assertEquals(new Vec3(0, 30, 0), plan.markers().get(1).lps());
        assertEquals("left", plan.needles().get(0).side());
        assertEquals(new Vec3(-4, -12, 0), plan.needles().get(1).targetLps());
        assertEquals(3.05, plan.needles().get(0).diameterMm());
    }

    @Test
    void needleDepthAndAnglesFollowTheDesignConventions() {
        // left needle: from the back (y = +40) on the left (x = 20) to x = 10 anteriorly, rising 10 mm
        Vec3 entry = new Vec3(20, 40, 0);
        Vec3 target = new Vec3(10, 0, 10);
        CasePlan.Needle left = new CasePlan.Needle("l", "left", entry, target, 3);
        assertEquals(Math.sqrt(100 + 1600 + 100), left.depthMm(), 1e-9);
        assertEquals(Math.toDegrees(Math.asin(10 / left.depthMm())), left.cranialDeg(), 1e-9);
        assertTrue(left.cranialDeg() > 0, "tip heads cranially");
        assertEquals(Math.toDegrees(Math.atan2(10, 40)), left.abductionDeg(), 1e-9);
        // the mirror-image right needle converges medially too: same positive abduction
        CasePlan.Needle right = new CasePlan.Needle("r", "right", new Vec3(-20, 40, 0), new Vec3(-10, 0, 10), 3);
        assertEquals(left.abductionDeg(), right.abductionDeg(), 1e-9);
        // a left needle that diverges laterally has negative abduction
        CasePlan.Needle diverging = new CasePlan.Needle("d", "left", new Vec3(10, 40, 0), new Vec3(20, 0, 0), 3);
        assertTrue(diverging.abductionDeg() < 0);
        assertTrue(Double.isNaN(new CasePlan.Needle("x", "", entry, target, 3).abductionDeg()));
    }

    @Test
    void malformedPlanIsBadInput() throws IOException {
        Path bad = tmp.resolve("plan.json");
        Files.writeString(bad, "{\"needles\": [{\"id\": \"left\", \"entryLps\": [1, 2]}]}");
        BadInputException e = assertThrows(BadInputException.class, () -> PlanFileReader.read(bad));
        assertTrue(e.getMessage().contains("entryLps"), e.getMessage());
        Files.writeString(bad, "not json");
        assertThrows(BadInputException.class, () -> PlanFileReader.read(bad));
    }

    @Test
    void resolvesCaseFolderDicomFolderAndMissingFolder() throws IOException {
        Path caseDir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        CaseLocation c = CaseLocation.resolve(caseDir);
        assertEquals(caseDir.resolve("dicom"), c.dicomDir());
        assertEquals(caseDir.resolve("plan.json"), c.planFile().orElseThrow());
        assertEquals("case", c.label());

        CaseLocation plain = CaseLocation.resolve(caseDir.resolve("dicom"));
        assertEquals(caseDir.resolve("dicom"), plain.dicomDir());
        assertTrue(plain.planFile().isEmpty());

        BadInputException missing = assertThrows(BadInputException.class,
            () -> CaseLocation.resolve(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        assertThrows(BadInputException.class, () -> CaseLocation.resolve(caseDir.resolve("plan.json")));
    }
}
