package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.phantom.PhantomPosition;

/** The drr command: a PNG of the size it reports, the plan's needles drawn, usage errors. */
class DrrCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheRadiographWithTheNeedlesAndReportsItsSize() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.FFS);
        StringWriter out = new StringWriter();
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        Path png = dir.resolve("ap.png");
        assertEquals(0, cl.execute("drr", c.dicomDir().toString(), "--view", "ap", "--plan", c.planFile().toString(),
            "--out", png.toString(), "--repeat", "1"));
        JsonNode j = new ObjectMapper().readTree(out.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(j.get("width").asInt(), img.getWidth());
        assertEquals(j.get("height").asInt(), img.getHeight());
        assertEquals(2, j.get("needles").asInt());
        // the phantom is 416 x 292 x 70 voxels of 0.75 x 0.75 x 1 mm: AP shows x across and z up
        assertEquals(416, img.getWidth());
        assertEquals(93, img.getHeight());
        assertEquals(true, j.get("millis").has("renderMedian"));
    }

    @Test
    void anUnknownViewIsAUsageError() {
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl.execute("drr", dir.toString(), "--view", "oblique", "--out", dir.resolve("x.png").toString()));
    }
}
