package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.CliRun;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.plan.FiducialFrame;

/**
 * Hostile plan files (issue 14) end in exit 3 with the reason before anything is sized from them:
 * coordinates no patient has, guide parameters out of range, more needles than a plan holds, JSON with
 * trailing garbage or a key given twice. Each is the sample case's plan with one thing changed, run
 * through the command line as a user would; the timeouts only guard against a hang.
 */
class HostilePlanTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CT = Path.of("sample-dicom", "dicom");

    @TempDir
    Path tmp;

    /** The sample plan with one change, written to a file. */
    Path plan(Consumer<ObjectNode> change) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Path.of("sample-dicom", "plan.json").toFile());
        change.accept(p);
        Path f = Files.createTempFile(tmp, "plan", ".json");
        Files.writeString(f, JSON.writeValueAsString(p));
        return f;
    }

    CliRun guide(Path plan) {
        return CliRun.of("guide", CT.toString(), "--plan", plan.toString(), "--out", tmp.resolve("out").toString());
    }

    static void assertRefused(CliRun r, String reason) {
        assertEquals(3, r.code(), r.err());
        assertTrue(r.errorLine().startsWith("error: "), r.err());
        assertTrue(r.errorLine().contains(reason), r.err());
    }

    static ArrayNode point(ObjectNode p, String list, int index, String key) {
        return (ArrayNode) p.get(list).get(index).get(key);
    }

    @Test
    @Timeout(60)
    void aMarkerOrNeedleAt1e308IsRefused() throws Exception {
        Path marker = plan(p -> point(p, "fiducials", 0, "lps").set(0, 1e308));
        for (String command : new String[] {"check", "guide"}) {
            CliRun r = command.equals("guide") ? guide(marker) : CliRun.of("check", CT.toString(), "--plan",
                marker.toString());
            assertRefused(r, "marker M1: position must be finite numbers within 100 m of the scanner's origin");
        }
        Path needle = plan(p -> point(p, "needles", 0, "entryLps").set(2, -1e308));
        assertRefused(guide(needle), "needle left: entry and target must be finite numbers within 100 m");
        assertRefused(CliRun.of("check", CT.toString(), "--plan", needle.toString()), "needle left: entry and target");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    @Timeout(60)
    void aGuideMarginOfAKilometreIsRefused() throws Exception {
        Path f = plan(p -> p.putObject("guide").put("marginMm", 1e6));
        assertRefused(guide(f), "guide.marginMm: the base's margin beyond the markers and entries must be 0..50 mm,"
            + " not 1000000");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void everyGuideParameterOutOfRangeIsRefusedByName() {
        Map<String, Object> bad = Map.of("gapMm", 5.0, "thicknessMm", 1e9, "voxelMm", 1e-300, "windowRadiusMm", 0.0,
            "bossHeightMm", 1e6, "socketDepthMm", -1.0, "sleeveWallMm", 100.0, "bossWallMm", Double.NaN,
            "minSleeveLengthMm", 1e6, "marginMm", -1.0);
        bad.forEach((key, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuideSpec.fromPlan(Map.of(key, value)), key);
            assertTrue(e.getMessage().startsWith("guide." + key + ": "), e.getMessage());
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> GuideSpec.fromPlan(Map.of("gapMm", "thin")));
        assertEquals("guide.gapMm must be a number of millimetres, not \"thin\"", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GuideSpec.fromPlan(Map.of("voxelMm", 1e-300)))
            .getMessage().endsWith("must be 0.1..0.5 mm, not 1.00e-300"));
        assertEquals(8.0, GuideSpec.fromPlan(Map.of("marginMm", 8.0)).marginMm());
    }

    @Test
    @Timeout(60)
    void tenThousandNeedlesAreRefusedBeforeAnyIsRead() throws Exception {
        Path f = plan(p -> {
            ArrayNode needles = (ArrayNode) p.get("needles");
            ObjectNode first = (ObjectNode) needles.get(0);
            needles.removeAll();
            for (int i = 0; i < 10_000; i++) {
                needles.add(first.deepCopy().put("id", "n" + i));
            }
        });
        assertRefused(CliRun.of("check", CT.toString(), "--plan", f.toString()),
            "\"needles\" holds 10000 entries: a plan holds at most 100 needles");
        Path markers = plan(p -> {
            ArrayNode list = (ArrayNode) p.get("fiducials");
            for (int i = 0; i < 30; i++) {
                list.add(list.get(0).deepCopy()).get(list.size() - 1);
                ((ObjectNode) list.get(list.size() - 1)).put("id", "X" + i);
            }
        });
        assertRefused(guide(markers), "\"fiducials\" holds 33 entries: a plan holds at most 20 markers");
    }

    @Test
    @Timeout(60)
    void trailingGarbageAndDuplicateKeysAreRefused() throws Exception {
        String text = Files.readString(Path.of("sample-dicom", "plan.json"));
        Path trailing = tmp.resolve("trailing.json");
        Files.writeString(trailing, text + "{\"needles\": []}\n");
        assertRefused(guide(trailing), "not valid JSON: more text follows the plan's closing brace");
        Path duplicate = tmp.resolve("duplicate.json");
        Files.writeString(duplicate, text.replaceFirst("\"side\" *: *\"left\"", "\"side\": \"left\", \"side\": \"right\""));
        assertRefused(guide(duplicate), "not valid JSON: the key \"side\" appears twice in one object");
        assertThrows(BadInputException.class, () -> PlanJson.fromJson("{\"format\": \"vertebroplan-plan\"} x"));
    }

    @Test
    @Timeout(60)
    void anIdWithAControlCharacterIsRefused() throws Exception {
        Path f = plan(p -> ((ObjectNode) p.get("needles").get(0)).put("id", "le\u0000ft"));
        assertRefused(guide(f), "needle id \"le?ft\" must be 1 to 64 characters without control characters");
    }

    @Test
    @Timeout(60)
    void needleIdsThatWouldShareASleeveFileGetTwoFiles() throws Exception {
        Path f = plan(p -> {
            ((ObjectNode) p.get("needles").get(0)).put("id", "a/b");
            ((ObjectNode) p.get("needles").get(1)).put("id", "a_b");
        });
        CliRun r = guide(f);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(tmp.resolve("out").resolve("sleeve-a_b.stl")) > 1000, "the first needle's sleeve");
        assertTrue(Files.size(tmp.resolve("out").resolve("sleeve-a_b-2.stl")) > 1000, "the second's, not over it");
    }

    @Test
    @Timeout(60)
    void messagesUseADecimalPointOnAGermanMachine() throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertTrue(String.format("%.1f", 2.7).equals("2,7"), "the JVM formats for Germany");
            Path close = plan(p -> { // the three markers within 2.7 mm (M1 at z = -117)
                point(p, "fiducials", 1, "lps").set(2, -115.65);
                point(p, "fiducials", 2, "lps").set(2, -114.3);
            });
            CliRun r = guide(close);
            assertRefused(r, "markers M1 and M3 are only 2.7 mm apart");
            assertFalse(r.err().contains("2,7"), r.err());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiducialFrame.of(new Vec3(0, 0, 2.7), new Vec3(0, 0, 1), new Vec3(0, 0, 0)));
            assertTrue(e.getMessage().contains("2.7 mm"), e.getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> GuideSpec.fromPlan(Map.of("gapMm", 3.25)))
                .getMessage().endsWith("not 3.25"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
