package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version, build date and commit come from the resource the build writes, the version from the pom. */
class BuildInfoTest {

    /** The project's own version in pom.xml (the first version after its artifactId). */
    static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>vertebroplan</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the project's version in pom.xml");
        return m.group(1);
    }

    @Test
    void theResourceOnTheClassPathHoldsThePomsVersionDateAndCommit() throws Exception {
        assertNotNull(BuildInfo.class.getResource(BuildInfo.RESOURCE), "the build writes " + BuildInfo.RESOURCE);
        BuildInfo b = BuildInfo.current();
        assertEquals(pomVersion(), b.version());
        assertEquals("VertebroPlan " + pomVersion(), Software.VERSION);
        Instant built = Instant.parse(b.buildDate());
        assertTrue(built.isBefore(Instant.now().plusSeconds(60)), "built " + built);
        assertTrue(b.commit().matches("[0-9a-f]{12}(\\+modified)?|unknown"), b.commit());
        assertTrue(b.javafxVersion().matches("\\d+(\\.\\d+)*.*"), b.javafxVersion());
        assertTrue(Software.describe().contains(b.commit()) && Software.describe().contains(b.buildDate()));
    }

    @Test
    void missingBlankOrUnfilteredValuesAreUnknown() throws Exception {
        BuildInfo b = BuildInfo.read(new ByteArrayInputStream(
            "version=2.3.4\ncommit=\nbuildDate=${build.date}\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(new BuildInfo("2.3.4", "unknown", "unknown", "unknown"), b);
    }

    @Test
    void theVersionOptionPrintsVersionDateAndCommit() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = org.vertebroplan.Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        String text = out.toString();
        assertTrue(text.startsWith(Software.VERSION + System.lineSeparator()), text);
        assertTrue(text.contains(BuildInfo.current().commit()) && text.contains(BuildInfo.current().buildDate()), text);
    }

    @Test
    void planFilesNameTheirWriter() throws Exception {
        String json = PlanJson.toJson(PlanJsonTest.plan());
        assertTrue(json.contains("\"software\" : \"" + Software.VERSION + "\""), json);
        // read back, it is not carried as an unknown key: the next save states its own writer
        assertEquals(PlanJsonTest.plan(), PlanJson.fromJson(json.replace(Software.VERSION, "VertebroPlan 0.0.1")));
    }
}
