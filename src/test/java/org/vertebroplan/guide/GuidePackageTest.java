package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.cli.VertebroPlanCommand;
import org.vertebroplan.io.StlReader;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.phantom.PhantomPosition;

/** The vendor package as a print vendor receives it, written by the library and by the CLI. */
class GuidePackageTest {

    @TempDir
    Path out;

    static final List<String> PACKAGE_FILES = List.of("assembly.3mf", "base.stl", "coupon.stl", "guide.3mf",
        "manifest.json", "report.html", "sleeve-left.stl", "sleeve-right.stl");

    @Test
    void thePackageHoldsCheckedPartsAManifestAndAReportWithoutPatientIdentity() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFS);
        GuideDesign g = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(PrinterPreset.SLA),
            ProgressListener.NONE);
        GuideSafety safety = GuideSafety.of(c.truth(), org.vertebroplan.plan.SafetyAnalyzer.checkAll(c.volume(),
            c.truth().needles().stream().map(org.vertebroplan.plan.SafetyAnalyzer.Input::of).toList(),
            org.vertebroplan.plan.SafetyOptions.defaults()), null);
        List<Path> files = GuidePackage.write(g, c.truth(), safety, c.volume(), GuidePackage.Options.defaults(), out);
        assertEquals(PACKAGE_FILES, files.stream().map(f -> f.getFileName().toString()).toList());
        // the STL files read back closed and manifold, with the case label in the header
        for (String part : List.of("base.stl", "sleeve-left.stl", "sleeve-right.stl")) {
            var report = MeshChecks.check(StlReader.read(out.resolve(part)));
            assertTrue(report.manifold() && report.consistentlyWound() && report.volumeMm3() > 0, part + " " + report);
            String header = new String(Files.readAllBytes(out.resolve(part)), 0, 80, StandardCharsets.US_ASCII);
            assertTrue(header.contains(c.truth().caseId()), header);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("vertebroplan-guide", m.get("format").asText());
        assertEquals("sla", m.get("printer").asText());
        assertEquals(0.25, m.get("clearanceMm").asDouble());
        assertEquals(4, m.get("parts").size());
        // every file is listed, with its hash
        List<String> listed = new java.util.ArrayList<>();
        for (JsonNode f : m.get("files")) {
            listed.add(f.get("file").asText());
            if (!f.get("file").asText().equals("manifest.json")) {
                assertEquals(GuidePackage.sha256(out.resolve(f.get("file").asText())), f.get("sha256").asText());
            }
        }
        assertEquals(PACKAGE_FILES, listed.stream().sorted().toList());
        assertEquals("safe", m.get("needles").get(0).get("verdict").asText());
        // the left entry (z -134.26, x 37.81) is 7.74 mm cranial of M2 (z -142) and 36.31 mm left of the marker line (x 1.5)
        JsonNode entry = m.get("needles").get(0).get("entryFromMarkers");
        assertEquals(7.74, entry.get("cranialOfM2Mm").asDouble(), 0.01);
        assertEquals(36.31, entry.get("leftOfMarkerLineMm").asDouble(), 0.01);
        JsonNode left = m.get("needles").get(0);
        assertEquals("left", left.get("id").asText());
        assertEquals(3.05 + 0.25, left.get("boreDiameterMm").asDouble(), 1e-9);
        assertTrue(left.get("errorBudget").get("tipErrorMm").asDouble() > 0);
        try (ZipFile zip = new ZipFile(out.resolve("assembly.3mf").toFile())) {
            String model = new String(zip.getInputStream(zip.getEntry("3D/3dmodel.model")).readAllBytes(),
                StandardCharsets.UTF_8);
            assertTrue(model.contains("unit=\"millimeter\""));
            assertEquals(3, model.split("<object ").length - 1);
            assertTrue(zip.getEntry("[Content_Types].xml") != null && zip.getEntry("_rels/.rels") != null);
        }
        assertPrintJob(out.resolve("guide.3mf"), PrinterPreset.SLA, List.of("base", "sleeve L2-L", "sleeve L2-R",
            "fit coupon"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.contains("sterilization"));
        // the operating-room sheet: skin marks relative to M2, marker spacings for the ruler, the steps, the
        // expected fluoroscopy (AP and lateral at entry and target), verdicts, traceability
        assertTrue(html.contains("7.7 mm cranial of M2</td><td>36.3 mm to the patient's left"), "left skin mark");
        assertTrue(html.contains("<td>M1 - M2</td><td>25.0</td>") && html.contains("<td>M1 - M3</td><td>50.0</td>"),
            "marker spacings");
        assertTrue(html.contains("advance until the hub stops"), "the steps");
        for (String shot : List.of("AP at entry", "AP at target", "Lateral at entry", "Lateral at target")) {
            assertTrue(html.contains("alt=\"" + shot + "\""), shot);
        }
        assertTrue(html.contains(">SAFE<"), "verdicts");
        assertTrue(html.contains(org.vertebroplan.io.Software.VERSION), "software version");
        assertTrue(html.contains(GuidePackage.sha256(out.resolve("base.stl"))), "the base's hash");
        assertTrue(html.contains("coupon.stl") && html.contains("Quantities"), "quantities");
        // the phantom's DICOM carries a patient name and ID; none of it may reach the vendor
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("PHANTOM^SYNTHETIC"), f + " carries the patient name");
            assertFalse(text.contains("PHANTOM-7"), f + " carries the patient ID");
            // ASCII-only case folding: upper-casing a megabyte of binary as Latin-1 takes minutes ('\u00ff' has no Latin-1 capital)
            assertFalse(java.util.regex.Pattern.compile("patientname", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text).find(),
                f + " mentions a patient name");
        }
    }

    /**
     * guide.3mf as a slicer reads it: the named parts, each standing on the plate (lowest point at z = 0),
     * inside the preset's plate, their footprints apart, and the plate's size in the description.
     */
    static void assertPrintJob(Path threeMf, PrinterPreset preset, List<String> names) throws Exception {
        String config;
        List<String> seen = new java.util.ArrayList<>();
        List<String> metadata = new java.util.ArrayList<>();
        List<double[]> boxes = new java.util.ArrayList<>();
        double[] bed = preset.bedMm();
        try (ZipFile zip = new ZipFile(threeMf.toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("Metadata/Slic3r_PE.config")).readAllBytes(),
                StandardCharsets.UTF_8);
            // read as a stream (a two-set job holds a million vertices: a DOM walk of it takes minutes)
            javax.xml.stream.XMLStreamReader x = javax.xml.stream.XMLInputFactory.newFactory()
                .createXMLStreamReader(zip.getInputStream(zip.getEntry("3D/3dmodel.model")));
            String name = null;
            double[] box = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "object" -> {
                            name = x.getAttributeValue(null, "name");
                            seen.add(name);
                            box = new double[] {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                                -Double.MAX_VALUE, -Double.MAX_VALUE};
                        }
                        case "vertex" -> {
                            double[] p = {Double.parseDouble(x.getAttributeValue(null, "x")),
                                Double.parseDouble(x.getAttributeValue(null, "y")),
                                Double.parseDouble(x.getAttributeValue(null, "z"))};
                            for (int c = 0; c < 3; c++) {
                                box[c] = Math.min(box[c], p[c]);
                                box[c + 3] = Math.max(box[c + 3], p[c]);
                            }
                        }
                        case "metadata" -> metadata.add(x.getElementText());
                        default -> { }
                    }
                } else if (ev == javax.xml.stream.XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("object")) {
                    String what = name + " " + java.util.Arrays.toString(box);
                    assertEquals(0, box[2], 1e-4, "on the plate: " + what);
                    assertTrue(box[0] >= 0 && box[1] >= 0 && box[3] <= bed[0] && box[4] <= bed[1] && box[5] <= bed[2], what);
                    for (double[] b : boxes) {
                        boolean apart = box[3] < b[0] || b[3] < box[0] || box[4] < b[1] || b[4] < box[1];
                        assertTrue(apart, "overlaps another part: " + what);
                    }
                    boxes.add(box);
                }
            }
        }
        assertTrue(config.contains(String.format(java.util.Locale.ROOT, "bed_shape = 0x0,%.0fx0,%.0fx%.0f,0x%.0f", bed[0],
            bed[0], bed[1], bed[1])), config);
        assertEquals(names.stream().sorted().toList(), seen.stream().sorted().toList());
        String description = metadata.get(2);
        assertTrue(description.contains(String.format(java.util.Locale.ROOT, "%.0f x %.0f mm", bed[0], bed[1])), description);
    }

    @Test
    void theGuideCommandWritesThePackageAndRefusesAShortNeedleWithExit3() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        StringWriter so = new StringWriter(), se = new StringWriter();
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(so, true));
        cl.setErr(new PrintWriter(se, true));
        int code = cl.execute("guide", c.dicomDir().toString(), "--plan", c.planFile().toString(), "--out",
            out.resolve("pkg").toString(), "--printer", "fdm");
        assertEquals(0, code, se.toString());
        JsonNode j = new ObjectMapper().readTree(so.toString());
        assertEquals(PACKAGE_FILES.size(), j.get("files").size());
        assertTrue(Files.size(out.resolve("pkg/base.stl")) > 1000);
        assertPrintJob(out.resolve("pkg/guide.3mf"), PrinterPreset.FDM, List.of("base", "sleeve L2-L", "sleeve L2-R",
            "fit coupon"));

        String plan = Files.readString(c.planFile()).replace("\"workingLengthMm\" : 120.0", "\"workingLengthMm\" : 90.0");
        Path shortPlan = out.resolve("short-plan.json");
        Files.writeString(shortPlan, plan);
        StringWriter e2 = new StringWriter();
        var cl2 = VertebroPlanCommand.commandLine();
        cl2.setOut(new PrintWriter(new StringWriter(), true));
        cl2.setErr(new PrintWriter(e2, true));
        assertEquals(3, cl2.execute("guide", c.dicomDir().toString(), "--plan", shortPlan.toString(), "--out",
            out.resolve("pkg2").toString()));
        assertTrue(e2.toString().contains("use a needle of at least"), e2.toString());
        assertFalse(Files.exists(out.resolve("pkg2/base.stl")), "nothing is written for a refused guide");

        // a plan whose level has no label (as a case planned in the workstation before naming it) is refused
        String unnamed = Files.readString(c.planFile()).replaceAll("\"label\" : \"L2\"", "\"note\" : \"unnamed\"")
            .replaceAll(",\\s*\"level\" : \"L2\"", "");
        Path unnamedPlan = out.resolve("unnamed-plan.json");
        Files.writeString(unnamedPlan, unnamed);
        StringWriter e3 = new StringWriter();
        var cl3 = VertebroPlanCommand.commandLine();
        cl3.setOut(new PrintWriter(new StringWriter(), true));
        cl3.setErr(new PrintWriter(e3, true));
        assertEquals(3, cl3.execute("guide", c.dicomDir().toString(), "--plan", unnamedPlan.toString(), "--out",
            out.resolve("pkg3").toString()), unnamed);
        assertTrue(e3.toString().contains("no vertebral level label"), e3.toString());
        assertFalse(Files.exists(out.resolve("pkg3")), "nothing is written");
    }

    @Test
    void thePlansPrinterIsTheDefaultAndTheOptionOverridesIt() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        String plan = Files.readString(c.planFile()).replaceFirst("\"needles\"", "\"guide\" : {\"printer\" : \"sla\"},"
            + " \"needles\"");
        Path slaPlan = out.resolve("sla-plan.json");
        Files.writeString(slaPlan, plan);
        for (String[] run : new String[][] {{"sla"}, {"fdm", "--printer", "fdm"}}) {
            var cl = VertebroPlanCommand.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            java.util.List<String> args = new java.util.ArrayList<>(List.of("guide", c.dicomDir().toString(), "--plan",
                slaPlan.toString(), "--out", out.resolve(run[0]).toString()));
            for (int i = 1; i < run.length; i++) {
                args.add(run[i]);
            }
            assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
            JsonNode m = new ObjectMapper().readTree(out.resolve(run[0]).resolve("manifest.json").toFile());
            assertEquals(run[0], m.get("printer").asText());
        }
    }

    @Test
    void twoSetsOverAFilmAreOnThePlateTheSheetAndTheManifest() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        var cl = VertebroPlanCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        Path pkg = out.resolve("two-sets");
        assertEquals(0, cl.execute("guide", c.dicomDir().toString(), "--plan", c.planFile().toString(), "--out",
            pkg.toString(), "--sets", "2", "--film-mm", "0.1", "--material", "petg"), err.toString());
        assertPrintJob(pkg.resolve("guide.3mf"), PrinterPreset.FDM, List.of("base (set 1)", "base (set 2)",
            "sleeve L2-L (set 1)", "sleeve L2-L (set 2)", "sleeve L2-R (set 1)", "sleeve L2-R (set 2)", "fit coupon"));
        JsonNode m = new ObjectMapper().readTree(pkg.resolve("manifest.json").toFile());
        assertEquals(2, m.get("sets").asInt());
        assertEquals(0.4, m.get("design").get("gapMm").asDouble(), 1e-9, "the film adds to the gap");
        assertEquals("petg", m.get("material").get("name").asText());
        assertFalse(m.get("material").get("steamSterilizable").asBoolean());
        String html = Files.readString(pkg.resolve("report.html"));
        assertTrue(html.contains("2 sets.</b> Set 1 is not sterile"), "the sheet says how the sets are used");
        assertTrue(html.contains("sterile film of 0.10 mm"), "and the film");
        assertTrue(html.contains("PETG") && html.contains("never steam"), "material and sterilization");
        // a material the process cannot print is a usage error
        var cl2 = VertebroPlanCommand.commandLine();
        cl2.setOut(new PrintWriter(new StringWriter(), true));
        cl2.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl2.execute("guide", c.dicomDir().toString(), "--plan", c.planFile().toString(), "--out",
            out.resolve("x").toString(), "--material", "pa12", "--printer", "fdm"));
    }
}
