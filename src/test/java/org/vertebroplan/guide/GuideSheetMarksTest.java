package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.cli.VertebroPlanCommand;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;

/**
 * The operating-room sheet's skin marks, what the surgeon measures on the patient with a ruler: the side
 * and the millimetres of every entry from M2, against the phantom's own geometry (its markers lie on a
 * line along LPS z, so the marks are plain differences of coordinates), for a head-first and a feet-first
 * prone scan (the image is flipped between them, the patient is not).
 */
class GuideSheetMarksTest {

    @TempDir
    Path out;

    @ParameterizedTest
    @EnumSource(value = PhantomPosition.class, names = {"HFP", "FFP"})
    void everyEntryIsMarkedOnItsSideAtItsDistanceFromM2(PhantomPosition position) throws Exception {
        PhantomCases.Case c = PhantomCases.get(position);
        var cl = VertebroPlanCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        Path pkg = out.resolve("pkg");
        assertEquals(0, cl.execute("guide", c.dicomDir().toString(), "--plan", c.planFile().toString(), "--out",
            pkg.toString()), err.toString());
        String html = Files.readString(pkg.resolve("report.html"));

        List<Fiducial> markers = c.truth().fiducials().stream()
            .sorted(Comparator.comparingDouble((Fiducial f) -> -f.lps().z())).toList(); // cranial first
        Vec3 m1 = markers.get(0).lps(), m2 = markers.get(1).lps(), m3 = markers.get(2).lps();
        assertEquals(m1.x(), m3.x(), 0.01, "the phantom's markers lie on a line along z");
        for (Needle n : c.truth().needles()) {
            Matcher m = Pattern.compile("<tr><td>" + n.id() + "</td><td class=\"t\">[^<]*</td><td>([0-9.]+) mm (cranial|caudal)"
                + " of M2</td><td>([0-9.]+) mm to the patient's (left|right)</td></tr>").matcher(html);
            assertTrue(m.find(), "a skin mark for " + n.id());
            double along = n.entryLps().z() - m2.z(); // +z is superior (cranial) in LPS
            double left = n.entryLps().x() - m2.x(); // +x is the patient's left in LPS
            assertEquals(along >= 0 ? "cranial" : "caudal", m.group(2), n.id());
            assertEquals(String.format(Locale.ROOT, "%.1f", Math.abs(along)), m.group(1), n.id());
            assertEquals(n.side().name().toLowerCase(Locale.ROOT), m.group(4), n.id() + " is marked on its own side");
            assertEquals(left >= 0 ? "left" : "right", m.group(4), n.id());
            assertEquals(Math.abs(left), Double.parseDouble(m.group(3)), 0.051, n.id());
        }
    }
}
