package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;

/**
 * Independent readers accept the phantom series: dcmdump (dcmtk) and dciodvfy (dicom3tools, the IOD
 * validator) via src/test/scripts/check_dicom_tools.sh, and pydicom via
 * src/test/scripts/check_phantom_dicom.py, which rebuilds the volume geometry on its own and must find
 * the truth's probes, markers and voxel sum. Each test is skipped when its tool is not installed
 * (.ci/run installs dcmtk and python3-pydicom; dicom3tools is optional).
 */
class DicomExternalReadersTest {

    static final long SEED = 3;
    static final String PYTHON = System.getProperty("vertebroplan.python", "/usr/bin/python3");

    @TempDir
    static Path dir;
    static Path explicitHfp;
    static Path deflatedFfs;
    static long huSum;

    @BeforeAll
    static void write() throws IOException {
        explicitHfp = dir.resolve("hfp");
        deflatedFfs = dir.resolve("ffs");
        PhantomCase.write(explicitHfp, PhantomOptions.of(SEED, PhantomPosition.HFP));
        PhantomCase.write(deflatedFfs, PhantomOptions.of(SEED, PhantomPosition.FFS)
            .withSyntax(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        huSum = PhantomVolume.sample(PhantomGrid.DEFAULT, SEED, PhantomOptions.DEFAULT_NOISE_SIGMA_HU).huSum();
    }

    record Run(int exit, String out) {
    }

    static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean works(String... cmd) {
        try {
            return run(List.of(cmd)).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void dcmtkAndDicom3toolsAcceptEveryFile() throws Exception {
        TestData.assumeOrFail(works("bash", "-c", "command -v dcmdump"), "dcmdump (dcmtk) not installed");
        for (Path c : List.of(explicitHfp, deflatedFfs)) {
            Run r = run(List.of("bash", "src/test/scripts/check_dicom_tools.sh", c.resolve("dicom").toString(), "5"));
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("files=14 bad=0"), r.out());
            if (!r.out().contains("dciodvfy absent")) {
                assertTrue(r.out().contains("dciodvfy errors=0"), r.out());
            }
        }
    }

    @Test
    void pydicomFindsTheSameGeometryValuesAndMarkers() throws Exception {
        TestData.assumeOrFail(works(PYTHON, "-c", "import pydicom, numpy"), "pydicom not installed for " + PYTHON);
        ObjectMapper m = new ObjectMapper();
        for (Path c : List.of(explicitHfp, deflatedFfs)) {
            Run r = run(List.of(PYTHON, "src/test/scripts/check_phantom_dicom.py", c.toString()));
            assertEquals(0, r.exit(), r.out());
            JsonNode rep = m.readTree(r.out());
            JsonNode truth = m.readTree(Files.readString(c.resolve("truth.json")));
            JsonNode dcm = truth.at("/volume/dicom");
            assertEquals(dcm.get("rowDirection"), rep.get("rowDirection"));
            assertEquals(dcm.get("columnDirection"), rep.get("columnDirection"));
            assertEquals(dcm.get("sliceDirection"), rep.get("sliceDirection"));
            assertEquals(dcm.get("readerOriginLps"), rep.get("originLps"));
            assertEquals(dcm.get("transferSyntaxUid").asText(), rep.get("transferSyntax").asText());
            assertTrue(rep.get("sliceGapsUniform").asBoolean());
            assertEquals(huSum, rep.get("huSum").asLong(), "pydicom sees exactly the phantom's HU");
            List<String> bad = new ArrayList<>();
            for (JsonNode p : rep.get("probes")) {
                // nearest voxel, 12 HU noise: within 5 sigma
                if (p.get("hu").isNull() || Math.abs(p.get("hu").asDouble() - p.get("expected").asDouble()) > 60) {
                    bad.add(p.toString());
                }
            }
            assertTrue(bad.isEmpty(), "probes off: " + bad);
            for (JsonNode mk : rep.get("markers")) {
                assertTrue(mk.get("found").asBoolean(), mk.toString());
                assertTrue(mk.get("errorMm").asDouble() < 1.0, mk.toString());
                assertTrue(mk.get("maxHu").asInt() > 2000, mk.toString());
            }
        }
    }
}
