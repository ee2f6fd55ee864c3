package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.vertebroplan.mesh.Mesh;

/** The 3MF model's numbers: written fast, and as {@code %.5f} would write them. */
class ThreeMfWriterTest {

    @Test
    void fiveDecimalsAsStringFormatGivesThem() {
        SplittableRandom rnd = new SplittableRandom(7);
        int compared = 0;
        for (int i = 0; i < 200_000; i++) {
            float v = (float) ((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-6, 4)));
            String expected = String.format(Locale.ROOT, "%.5f", v);
            if (expected.equals("-0.00000")) {
                expected = "0.00000"; // a value that rounds to zero is written without a sign
            }
            StringBuilder b = new StringBuilder();
            ThreeMfWriter.fixed5(b, v);
            assertEquals(expected, b.toString(), "for " + v);
            compared++;
        }
        assertEquals(200_000, compared);
        StringBuilder b = new StringBuilder();
        ThreeMfWriter.fixed5(b, -175.25f);
        assertEquals("-175.25000", b.toString());
    }

    @Test
    void theModelHoldsEveryVertexAndTriangleOfTheMesh() throws Exception {
        Mesh m = new Mesh(new float[] {0, 0, 0, 10.5f, 0, 0, 0, -2.25f, 0, 0, 0, 3.125f}, new int[] {0, 2, 1, 0, 1, 3,
            0, 3, 2, 1, 2, 3});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThreeMfWriter.write(Map.of("tetra", m), out, "case-1");
        String model = null;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("3D/3dmodel.model")) {
                    model = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(model != null && model.contains("<vertex x=\"10.50000\" y=\"0.00000\" z=\"0.00000\"/>"), model);
        assertTrue(model.contains("<vertex x=\"0.00000\" y=\"-2.25000\" z=\"0.00000\"/>"), model);
        assertTrue(model.contains("<triangle v1=\"1\" v2=\"2\" v3=\"3\"/>"), model);
        Matcher v = Pattern.compile("<vertex ").matcher(model);
        int n = 0;
        while (v.find()) {
            n++;
        }
        assertEquals(4, n);
    }
}
