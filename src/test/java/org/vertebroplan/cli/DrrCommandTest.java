package org.vertebroplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.SyntheticSeries;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.phantom.PhantomPosition;

/**
 * The drr command: a PNG of the size it reports, the plan's needles drawn, a geometry in the JSON that
 * projects CT points exactly where the image shows them, usage errors.
 */
class DrrCommandTest {

    @TempDir
    Path dir;


    private static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    @Test
    void writesTheShotWithTheNeedlesAndReportsItsGeometry() throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.FFS);
        Path png = dir.resolve("ap.png");
        CliRun r = CliRun.of("drr", c.dicomDir().toString(), "--view", "ap", "--plan", c.planFile().toString(),
            "--out", png.toString(), "--repeat", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(512, img.getWidth());
        assertEquals(512, img.getHeight());
        assertEquals(j.get("width").asInt(), img.getWidth());
        assertEquals(2, j.get("needles").asInt());
        assertEquals("ap", j.get("view").asText());
        assertEquals(0, j.get("orbitalDeg").asDouble());
        assertEquals(300.0 / 512, j.get("pixelMm").asDouble(), 1e-12);
        // centred on the plan's targets: the source 600 mm in front of them
        Vec3 iso = c.truth().needles().get(0).targetLps().lerp(c.truth().needles().get(1).targetLps(), 0.5);
        assertEquals(0, iso.plus(new Vec3(0, -600, 0)).distance(vec(j.get("sourceLps"))), 1e-6);
        assertEquals(0, vec(j.get("detectorRightLps")).distance(Vec3.X), 1e-12);
        assertEquals("R", j.get("orientation").get("left").asText());
        assertTrue(j.get("millis").has("renderMedian"));
        // the needles are black where the JSON geometry projects their middles
        for (var n : c.truth().needles()) {
            double[] p = project(j, n.entryLps().lerp(n.targetLps(), 0.5));
            int g = img.getRaster().getSample((int) Math.round(p[0]), (int) Math.round(p[1]), 0);
            assertTrue(g < 10, n.id() + " at " + p[0] + "," + p[1] + " is grey " + g);
        }
        CliRun lateral = CliRun.of("drr", c.dicomDir().toString(), "--view", "lateral", "--out", dir.resolve("l.png").toString());
        assertEquals(90, lateral.json().get("orbitalDeg").asDouble());
        assertEquals("P", lateral.json().get("orientation").get("right").asText());
    }

    /** Where the JSON's geometry alone puts an LPS point: {column, row}. */
    static double[] project(JsonNode j, Vec3 p) {
        Vec3 s = vec(j.get("sourceLps")), o = vec(j.get("detectorOriginLps"));
        Vec3 right = vec(j.get("detectorRightLps")), down = vec(j.get("detectorDownLps"));
        double pixel = j.get("pixelMm").asDouble();
        Vec3 normal = right.cross(down);
        double toDetector = o.minus(s).dot(normal);
        Vec3 hit = s.plus(p.minus(s).times(toDetector / p.minus(s).dot(normal)));
        return new double[] {hit.minus(o).dot(right) / pixel, hit.minus(o).dot(down) / pixel};
    }

    @Test
    void theJsonGeometryProjectsBeadsOfTheCtOntoTheirShadowsInAnObliqueShot() throws Exception {
        List<Vec3> beads = List.of(new Vec3(20, -15, 10), new Vec3(-25, 10, -5), new Vec3(5, 25, 20),
            new Vec3(-10, -20, -22));
        Path series = SyntheticSeries.write(dir.resolve("beads"), PhantomPosition.HFP, Vec3.ZERO, 120, 80, 1, 1,
            p -> beads.stream().anyMatch(b -> b.distance(p) <= 2.2) ? 3000 : -1000);
        Path png = dir.resolve("oblique.png");
        CliRun r = CliRun.of("drr", series.toString(), "--orbital", "35", "--angular", "-20", "--iso", "3,-2,1",
            "--size", "300", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(-20, r.json().get("angularDeg").asDouble());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(300, img.getWidth());
        for (Vec3 b : beads) {
            double[] p = project(r.json(), b);
            // the centroid of the darkness around the predicted point
            double sum = 0, sc = 0, sr = 0;
            for (int row = (int) p[1] - 8; row <= (int) p[1] + 8; row++) {
                for (int col = (int) p[0] - 8; col <= (int) p[0] + 8; col++) {
                    double dark = 255 - img.getRaster().getSample(col, row, 0);
                    sum += dark;
                    sc += dark * col;
                    sr += dark * row;
                }
            }
            assertTrue(sum > 255 * 10, "a bead's shadow near " + p[0] + "," + p[1]);
            assertEquals(p[0], sc / sum, 0.5, "column of bead " + b);
            assertEquals(p[1], sr / sum, 0.5, "row of bead " + b);
        }
    }

    @Test
    void badProjectionOptionsAreUsageErrors() throws Exception {
        Path out = dir.resolve("x.png");
        assertEquals(2, CliRun.of("drr", dir.toString(), "--view", "oblique", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("drr", dir.toString(), "--view", "ap", "--orbital", "10", "--out", out.toString()).code());
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.FFS);
        assertEquals(2, CliRun.of("drr", c.dicomDir().toString(), "--iso", "1,2", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("drr", c.dicomDir().toString(), "--size", "1", "--out", out.toString()).code());
        assertEquals(2, CliRun.of("drr", c.dicomDir().toString(), "--source-iso-mm", "1200", "--out", out.toString()).code());
    }
}
