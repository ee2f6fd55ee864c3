package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.TestData;
import picocli.CommandLine;

/** {@code vertebroplan info}: the JSON contract of docs/cli.md, exit codes, --repeat, progress on stderr. */
class InfoCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = VertebroPlanCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void describesCtReal2ExactlyAsPydicom() throws Exception {
        Path dir = TestData.require("ct-real-2");
        Run r = run("info", dir.toString());
        assertEquals(0, r.code, r.err);
        JsonNode root = new ObjectMapper().readTree(r.out);
        assertEquals(Set.of("series", "skipped"), names(root));
        JsonNode s = root.get("series").get(0);
        assertEquals(Set.of("seriesInstanceUid", "modality", "description", "columns", "rows", "slices", "spacingMm",
            "originLps", "rowDirection", "columnDirection", "sliceDirection", "patientPosition", "transferSyntaxes",
            "huMin", "huMax", "huSum", "warnings"), names(s));
        JsonNode g;
        try (InputStream in = getClass().getResourceAsStream("/dicom-golden/series-ct-real-2.json")) {
            g = new ObjectMapper().readTree(in);
        }
        for (String k : List.of("seriesInstanceUid", "columns", "rows", "slices", "huSum", "huMin", "huMax")) {
            assertEquals(g.get(k).asText(), s.get(k).asText(), k);
        }
        assertTrue(s.get("huSum").isIntegralNumber());
        for (String k : List.of("spacingMm", "originLps", "rowDirection", "columnDirection", "sliceDirection")) {
            for (int a = 0; a < 3; a++) {
                assertEquals(g.get(k).get(a).asDouble(), s.get(k).get(a).asDouble(), 1e-9, k);
            }
        }
        assertEquals("CT", s.get("modality").asText());
        assertEquals("FFS", s.get("patientPosition").asText());
        assertEquals("1.2.840.10008.1.2", s.get("transferSyntaxes").get(0).asText());
        assertEquals(1, root.get("skipped").size());
        assertEquals("SOURCES.md", root.get("skipped").get(0).get("file").asText());
        assertTrue(r.err.contains("100%"), "progress on stderr: " + r.err);
    }

    @Test
    void repeatAddsTheMedianLoadTime() throws Exception {
        Path dir = TestData.require("dicom-corpus/dicom-numpy-dupe-positions");
        Path sub = dir.resolve("CT26.dcm");
        Run r = run("info", sub.toString(), "--repeat", "3");
        assertEquals(0, r.code, r.err);
        JsonNode root = new ObjectMapper().readTree(r.out);
        JsonNode millis = root.get("millis");
        assertEquals(Set.of("load", "loadMedian"), names(millis));
        assertTrue(millis.get("load").isIntegralNumber() && millis.get("loadMedian").isIntegralNumber(), r.out);
        // the repeated imports change nothing else: the same series as a single run, which has no timings
        JsonNode once = new ObjectMapper().readTree(run("info", sub.toString()).out);
        assertEquals(once.get("series"), root.get("series"));
        assertEquals(Set.of("series", "skipped"), names(once));
    }

    @Test
    void refusedSeriesAndSkippedFilesCarryReasons() throws Exception {
        Path dir = TestData.require("dicom-corpus/dcm_qa_ct-ge-tilt");
        Run r = run("info", dir.toString());
        assertEquals(0, r.code, r.err);
        JsonNode s = new ObjectMapper().readTree(r.out).get("series").get(0);
        assertEquals(2, s.get("warnings").size(), s.toString());
        assertTrue(s.get("warnings").toString().contains("tilt"));
    }

    @Test
    void unreadableInputExitsWith3() throws Exception {
        Path dir = TestData.require("dicom-corpus/dicom-numpy-dupe-positions");
        Run r = run("info", dir.toString());
        assertEquals(3, r.code);
        assertTrue(r.err.contains("missing slices"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void emptyFolderAndMissingFolderExitWith3(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        Run r = run("info", tmp.toString());
        assertEquals(3, r.code);
        assertTrue(r.err.contains("not a DICOM file"), r.err);
        assertEquals(3, run("info", tmp.resolve("absent").toString()).code);
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
