package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.cli.VertebroPlanCommand;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SkinSnapper;
import org.vertebroplan.volume.Tissue;

/**
 * What must not be printed is refused (issue 10): a plan made on a series the folder does not hold or
 * in another frame of reference (check, guide, drr), a plan with an unsafe needle unless the reason is
 * given, and needles whose sleeves or sockets would meet.
 */
class GuideRefusalTest {

    @TempDir
    Path out;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter so = new StringWriter(), se = new StringWriter();
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(so, true));
        cl.setErr(new PrintWriter(se, true));
        return new Run(cl.execute(args), so.toString(), se.toString());
    }

    private Path planWith(String name, String from, String to) throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        String text = Files.readString(c.planFile());
        assertTrue(text.contains(from), text);
        Path p = out.resolve(name);
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    @Test
    void aPlanOfAnotherSeriesIsRefusedByCheckGuideAndDrrUnlessTheSeriesIsChosen() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        String uid = c.truth().seriesInstanceUid();
        Path other = planWith("other-series.json", uid, "1.2.3.4");
        String dicom = c.dicomDir().toString();
        for (String[] cmd : new String[][] {
            {"check", dicom, "--plan", other.toString()},
            {"guide", dicom, "--plan", other.toString(), "--out", out.resolve("pkg").toString()},
            {"drr", dicom, "--view", "ap", "--plan", other.toString(), "--out", out.resolve("ap.png").toString()}}) {
            Run r = run(cmd);
            assertEquals(3, r.code(), cmd[0] + ": " + r.err());
            assertTrue(r.err().contains("1.2.3.4") && r.err().contains("not in"), r.err());
            assertTrue(r.err().contains(uid), "the message names the series the folder holds: " + r.err());
        }
        assertFalse(Files.exists(out.resolve("pkg")) || Files.exists(out.resolve("ap.png")), "nothing is written");
        // the user may choose the folder's series explicitly: it is used, with a warning saying so
        Run chosen = run("check", dicom, "--plan", other.toString(), "--series", uid);
        assertEquals(0, chosen.code(), chosen.err());
        assertTrue(chosen.out().contains("was chosen instead of the plan's series 1.2.3.4"), chosen.out());
        // a series that is not there cannot be chosen either
        assertEquals(3, run("check", dicom, "--plan", c.planFile().toString(), "--series", "9.9.9").code());
    }

    @Test
    void aPlanMadeInAnotherFrameOfReferenceIsRefused() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        String frame = c.truth().frameOfReferenceUid();
        assertTrue(frame != null && frame.startsWith("2.25."), "the phantom's plan records its frame: " + frame);
        Path other = planWith("other-frame.json", frame, "2.25.1");
        Run r = run("check", c.dicomDir().toString(), "--plan", other.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("frame of reference"), r.err());
        Run g = run("guide", c.dicomDir().toString(), "--plan", other.toString(), "--out", out.resolve("g").toString());
        assertEquals(3, g.code(), g.err());
    }

    /** The phantom plan with the left needle entering medially, so it runs through the spinal canal. */
    static Plan throughTheCanal() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Needle left = c.truth().needle("left");
        Vec3 entry = SkinSnapper.snap(c.volume(), left.targetLps(), new Vec3(10, 80, left.entryLps().z()),
            Tissue.SKIN_HU).orElseThrow();
        return c.truth().withNeedle(left.withPoints(entry, left.targetLps()));
    }

    @Test
    void anUnsafePlanIsRefusedWithItsReasonsAndPrintedOnlyWithTheReasonGiven() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Path plan = out.resolve("canal.json");
        PlanJson.save(throughTheCanal(), plan);
        Path pkg = out.resolve("pkg");
        Run refused = run("guide", c.dicomDir().toString(), "--plan", plan.toString(), "--out", pkg.toString());
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains("unsafe needle: left"), refused.err());
        assertTrue(refused.err().contains("canal"), "the reasons are given: " + refused.err());
        assertTrue(refused.err().contains("--accept-unsafe"), refused.err());
        assertFalse(Files.exists(pkg), "nothing is written");

        Run accepted = run("guide", c.dicomDir().toString(), "--plan", plan.toString(), "--out", pkg.toString(),
            "--accept-unsafe", "teaching model for the skills lab");
        assertEquals(0, accepted.code(), accepted.err());
        JsonNode m = new ObjectMapper().readTree(pkg.resolve("manifest.json").toFile());
        assertEquals("teaching model for the skills lab", m.get("safety").get("acceptedUnsafeReason").asText());
        JsonNode right = m.get("needles").get(0), left = m.get("needles").get(1); // the edited needle comes last
        assertEquals("left", left.get("id").asText());
        assertEquals("unsafe", left.get("verdict").asText());
        assertTrue(left.get("reasons").toString().contains("canal"), m.toString());
        assertEquals("safe", right.get("verdict").asText());
        String html = Files.readString(pkg.resolve("report.html"));
        assertTrue(html.contains("teaching model for the skills lab"), "the sheet carries the reason");
        assertTrue(html.contains("UNSAFE"), "the sheet carries the verdict");
    }

    @Test
    void sleevesOrSocketsThatWouldMeetAreRefusedWithTheReason() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        Needle left = c.truth().needle("left");
        GuideSpec spec = GuideSpec.defaults(PrinterPreset.FDM);
        // a third needle 0 mm from the left one (the workstation's "WARNING" case of the issue)
        List<Needle> needles = new ArrayList<>(c.truth().needles());
        needles.add(new Needle("left-2", left.side(), left.entryLps(), left.targetLps().plus(new Vec3(0, 0, 1)),
            left.diameterMm(), left.workingLengthMm(), left.level(), left.route(), java.util.Map.of()));
        BadInputException e = assertThrows(BadInputException.class,
            () -> GuideGenerator.preview(c.truth().withNeedles(needles), spec));
        assertTrue(e.getMessage().contains("left and left-2") && e.getMessage().contains("socket"), e.getMessage());
        // 12 mm apart on the skin, both sockets still need their collars and a wall between them
        needles.set(2, needles.get(2).withPoints(left.entryLps().plus(new Vec3(0, 0, 12)), left.targetLps()));
        e = assertThrows(BadInputException.class, () -> GuideGenerator.preview(c.truth().withNeedles(needles), spec));
        assertTrue(e.getMessage().contains("would take the other's sleeve"), e.getMessage());
        // 30 mm apart they fit
        needles.set(2, needles.get(2).withPoints(left.entryLps().plus(new Vec3(0, 0, 30)),
            left.targetLps().plus(new Vec3(0, 0, 30))));
        assertEquals(3, GuideGenerator.preview(c.truth().withNeedles(needles), spec).size());
    }

    @Test
    void theWorkingLengthATooShortNeedleIsToldToHaveIsEnough() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        GuideSpec spec = GuideSpec.defaults(PrinterPreset.FDM);
        java.util.regex.Pattern advice = java.util.regex.Pattern.compile("at least (\\d+) mm working length");
        int refused = 0;
        for (double length = 70; length <= 130; length += 5) {
            List<Needle> needles = new ArrayList<>();
            for (Needle n : c.truth().needles()) {
                needles.add(new Needle(n.id(), n.side(), n.entryLps(), n.targetLps(), n.diameterMm(), length, n.level(),
                    n.route(), java.util.Map.of()));
            }
            try {
                GuideGenerator.preview(c.truth().withNeedles(needles), spec);
            } catch (BadInputException e) {
                refused++;
                java.util.regex.Matcher m = advice.matcher(e.getMessage());
                assertTrue(m.find(), e.getMessage());
                double told = Double.parseDouble(m.group(1));
                assertTrue(told > length, "more than the refused length: " + e.getMessage());
                List<Needle> longer = new ArrayList<>();
                for (Needle n : needles) {
                    longer.add(new Needle(n.id(), n.side(), n.entryLps(), n.targetLps(), n.diameterMm(), told, n.level(),
                        n.route(), java.util.Map.of()));
                }
                assertEquals(2, GuideGenerator.preview(c.truth().withNeedles(longer), spec).size(),
                    "the length told is accepted: " + e.getMessage());
            }
        }
        assertTrue(refused >= 2, "short needles were tried: " + refused);
    }
}
