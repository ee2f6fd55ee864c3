package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * Case folder resolution and the load task: the plan comes from {@code io.PlanJson}, and the
 * surfaces are asked for as displayed surfaces (bone seeded at the targets' midpoint or the largest
 * piece, skin the largest piece, both decimated).
 */
class AppPlanFileTest {

    @TempDir
    Path tmp;

    /** A Task needs the FX toolkit even when run on this thread; do not rely on an earlier test starting it. */
    @org.junit.jupiter.api.BeforeAll
    static void startToolkit() {
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // started by another test of this JVM
        }
    }

    /** Runs a load task on this thread with services that record the surface options asked for. */
    private static LoadedCase load(Path caseDir, List<SurfaceOptions> asked) throws Exception {
        CaseServices recording = new CaseServices() {
            @Override
            public Volume loadVolume(Path dicomDir, ProgressListener progress) throws IOException {
                return SyntheticCase.services().loadVolume(dicomDir, progress);
            }

            @Override
            public Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener p) {
                asked.add(options);
                return SyntheticCase.services().extractSurface(volume, isoHu, options, p);
            }
        };
        CaseLoadTask task = new CaseLoadTask(CaseLocation.resolve(caseDir), recording);
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void readsThePlanWithPlanJsonAndExtractsDisplaySurfaces() throws Exception {
        Path dir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        List<SurfaceOptions> asked = new ArrayList<>();
        Plan plan = load(dir, asked).plan();
        assertEquals("synthetic", plan.caseId());
        assertEquals("L1", plan.level());
        assertEquals(3, plan.fiducials().size());
        assertEquals(new Vec3(0, 30, 0), plan.fiducials().get(1).lps());
        assertEquals(Side.LEFT, plan.needles().get(0).side());
        assertEquals(new Vec3(-4, -12, 0), plan.needles().get(1).targetLps());
        assertEquals(100, plan.needles().get(0).workingLengthMm());
        assertEquals(Boolean.TRUE, ((java.util.Map<?, ?>) plan.extras().get("futureKey")).get("kept"));

        // the skin first (its body mask leaves a couch out of the bone), then the bone; both from coarse
        // copies of the CT at display resolution, neither decimated (the level follows at full resolution)
        assertEquals(2, asked.size());
        for (SurfaceOptions o : asked) {
            assertNull(o.seedLps());
            assertEquals(0, o.targetTriangles(), "no decimation: a coarse copy of the CT instead");
            assertEquals(null, o.roiMinLps());
        }
    }

    @Test
    void withoutAPlanTheBoneIsStillExtracted() throws Exception {
        Path dir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Files.delete(dir.resolve("plan.json"));
        List<SurfaceOptions> asked = new ArrayList<>();
        LoadedCase c = load(dir, asked);
        assertTrue(c.plan().needles().isEmpty());
        assertEquals("case", c.plan().caseId());
        assertNull(asked.get(0).seedLps());
        assertNull(c.plan().seriesInstanceUid(), "the test services name no series");
    }

    @Test
    void malformedPlanIsBadInputNamingTheKey() throws Exception {
        Path dir = SyntheticCase.writeCaseFolder(tmp.resolve("case"));
        Files.writeString(dir.resolve("plan.json"), "{\"format\": \"vertebroplan-plan\", \"version\": 1,"
            + " \"caseId\": \"x\", \"needles\": [{\"id\": \"left\", \"side\": \"left\", \"entryLps\": [1, 2]}]}");
        BadInputException e = assertThrows(BadInputException.class, () -> load(dir, new ArrayList<>()));
        assertTrue(e.getMessage().contains("entryLps"), e.getMessage());
        Files.writeString(dir.resolve("plan.json"), "not json");
        assertThrows(BadInputException.class, () -> load(dir, new ArrayList<>()));
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
        assertFalse(plain.planFile().isPresent());

        BadInputException missing = assertThrows(BadInputException.class,
            () -> CaseLocation.resolve(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        assertThrows(BadInputException.class, () -> CaseLocation.resolve(caseDir.resolve("plan.json")));
    }
}
