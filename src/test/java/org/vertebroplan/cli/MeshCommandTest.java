package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.TestData;
import org.vertebroplan.io.StlReader;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.mesh.MeshReport;

/** The {@code mesh} command: the JSON of docs/cli.md, the written file, exit codes. */
class MeshCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        picocli.CommandLine cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void realCtBoneSurfaceIsWrittenClosedAndReportedAsDesigned() throws Exception {
        Path ct = TestData.require("ct-real-2");
        Path stl = dir.resolve("bone.stl");
        assertEquals(0, run("mesh", ct.toString(), "--iso", "250", "--out", stl.toString(), "--repeat", "2"), err.toString());
        JsonNode j = Json.MAPPER.readTree(out.toString());
        List<String> keys = List.of("triangles", "vertices", "areaMm2", "volumeMm3", "closed", "boundaryEdges",
            "nonManifoldEdges", "components", "millis");
        List<String> actual = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(actual::add);
        assertEquals(keys, actual);
        List<String> millis = new java.util.ArrayList<>();
        j.get("millis").fieldNames().forEachRemaining(millis::add);
        assertEquals(List.of("load", "extract", "total", "extractMedian"), millis);
        assertTrue(j.get("closed").asBoolean());
        assertEquals(0, j.get("boundaryEdges").asLong());
        assertEquals(0, j.get("nonManifoldEdges").asLong());
        // the file says the same as the JSON once read back and welded by position
        Mesh back = StlReader.read(stl);
        MeshReport r = MeshChecks.check(back);
        assertEquals(j.get("triangles").asInt(), r.triangles());
        assertEquals(j.get("vertices").asInt(), r.vertices());
        assertEquals(j.get("volumeMm3").asDouble(), r.volumeMm3(), 1e-6 * r.volumeMm3());
        assertTrue(r.manifold() && r.consistentlyWound(), r.summary());
        // bone of a chest CT: tens of cm3, far less than the body; the header names no patient
        assertTrue(r.volumeMm3() > 1e5 && r.volumeMm3() < 2e6, r.summary());
        String header = new String(Files.readAllBytes(stl), 0, 80, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("VertebroPlan mm LPS iso 250 HU"), header);
    }

    @Test
    void seedAndRoiNarrowTheSurfaceDown() throws Exception {
        Path ct = TestData.require("ct-real-2");
        Path stl = dir.resolve("skin.stl");
        assertEquals(0, run("mesh", ct.toString(), "--iso", "-300", "--out", stl.toString(), "--largest",
            "--roi-lps", "-150,-50,-660,150,200,-600"), err.toString());
        JsonNode j = Json.MAPPER.readTree(out.toString());
        assertEquals(1, j.get("components").asInt());
        assertTrue(j.get("closed").asBoolean());
        double[] b = StlReader.read(stl).bounds();
        assertTrue(b[2] > -660.5 && b[5] < -599.5, java.util.Arrays.toString(b));
    }

    @Test
    void seriesIsChosenByUidAndAnUnknownUidIsBadInput() throws Exception {
        Path ct = TestData.require("ct-real-2");
        String uid = org.vertebroplan.dicom.DicomImport.scan(ct, org.vertebroplan.base.ProgressListener.NONE)
            .defaultSeries().orElseThrow().seriesInstanceUid();
        Path obj = dir.resolve("bone.obj");
        assertEquals(0, run("mesh", ct.toString(), "--iso", "400", "--series", uid, "--out", obj.toString()),
            err.toString());
        assertTrue(Files.readString(obj).startsWith("# VertebroPlan iso 400 HU"));
        assertEquals(3, run("mesh", ct.toString(), "--iso", "400", "--series", "1.2.3.4.5", "--out", obj.toString()));
        assertTrue(err.toString().contains("1.2.3.4.5"), err.toString());
    }

    @Test
    void isoAboveEveryVoxelIsBadInputAndWritesNothing() {
        Path ct = TestData.require("ct-real-2");
        Path stl = dir.resolve("none.stl");
        assertEquals(3, run("mesh", ct.toString(), "--iso", "30000", "--out", stl.toString()));
        assertTrue(err.toString().contains("no surface at 30000 HU"), err.toString());
        assertTrue(Files.notExists(stl));
    }

    @Test
    void missingFolderIsBadInput() {
        assertEquals(3, run("mesh", dir.resolve("nothing-here").toString(), "--iso", "250", "--out",
            dir.resolve("x.stl").toString()));
        assertTrue(err.toString().startsWith("error: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }

    @Test
    void malformedOptionsAreUsageErrors() {
        assertEquals(2, run("mesh", dir.toString(), "--iso", "250", "--out", "x.stl", "--roi-lps", "1,2,3"));
        assertEquals(2, run("mesh", dir.toString(), "--iso", "250", "--out", "x.txt"));
        assertEquals(2, run("mesh", dir.toString(), "--out", "x.stl"));
        assertEquals(2, run("mesh", dir.toString(), "--iso", "250", "--out", "x.stl", "--seed-lps", "a,b,c"));
        assertEquals(2, run("mesh", dir.toString(), "--iso", "250", "--out", "x.stl", "--seed-lps", "1,NaN,3"));
        assertEquals(2, run("mesh", dir.toString(), "--iso", "NaN", "--out", "x.stl"));
        assertEquals(2, run("mesh", dir.toString(), "--iso", "250", "--out", "x.stl", "--smooth", "-1"));
    }
}
