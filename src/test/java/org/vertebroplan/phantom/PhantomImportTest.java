package org.vertebroplan.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The phantom read back through the project's own DICOM importer, checked against its truth.json: the
 * voxel-to-LPS map the encoding implies, and the HU at every probe point, in all four patient positions
 * and for the bundled (deflated) sample case.
 */
class PhantomImportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static void assertMatchesTruth(Volume v, JsonNode truth, String what) {
        JsonNode m = truth.get("volume").get("dicom").get("readerIjkToLps");
        double[] expected = new double[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = m.get(i).asDouble();
        }
        double[] actual = v.ijkToLps().toArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(expected[i], actual[i], 1e-4, what + ": ijkToLps[" + i + "]");
        }
        double sigma = truth.get("volume").get("noiseSigmaHu").asDouble();
        for (JsonNode probe : truth.get("probes")) {
            Vec3 p = new Vec3(probe.get("lps").get(0).asDouble(), probe.get("lps").get(1).asDouble(),
                probe.get("lps").get(2).asDouble());
            Vec3 ijk = v.lpsToIjk().apply(p);
            int i = (int) Math.round(ijk.x()), j = (int) Math.round(ijk.y()), k = (int) Math.round(ijk.z());
            assertTrue(v.contains(i, j, k), what + ": probe " + probe.get("name") + " outside the volume");
            int hu = v.get(i, j, k);
            assertEquals(probe.get("hu").asDouble(), hu, 5 * sigma + 1, what + ": " + probe.get("name").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(PhantomPosition.class)
    void everyPatientPositionReadsBackAsTheTruthSays(PhantomPosition p) throws Exception {
        PhantomCases.Case c = PhantomCases.get(p);
        assertMatchesTruth(c.volume(), JSON.readTree(c.dir().resolve("truth.json").toFile()), p.name());
    }

    @Test
    void theBundledSampleReadsBackAsTheTruthSays() throws Exception {
        Path sample = Path.of("sample-dicom");
        Volume v = DicomImport.loadVolume(sample.resolve("dicom"), ProgressListener.NONE);
        assertMatchesTruth(v, JSON.readTree(sample.resolve("truth.json").toFile()), "sample-dicom");
    }
}
