package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point in a separate JVM: {@code Main gui CASE --screenshot FILE} launches the
 * toolkit through {@link GuiLauncher} and the exit code comes back to the process. Needs a display.
 */
class AppLauncherTest {

    @TempDir
    Path tmp;

    @Test
    void screenshotOfAMissingCaseExitsWithThreeAndNoFile() throws Exception {
        assumeTrue(System.getenv("DISPLAY") != null, "needs a display (run under xvfb-run)");
        Path png = tmp.resolve("shot.png");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-Dprism.order=es2",
            "-Dprism.forceGPU=true", "-cp", System.getProperty("java.class.path"), "org.vertebroplan.Main", "gui",
            tmp.resolve("no-such-case").toString(), "--screenshot", png.toString()))
            .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "process finished");
        String log = Files.readString(tmp.resolve("log.txt"));
        assertEquals(3, p.exitValue(), log);
        assertFalse(Files.exists(png));
        assertTrue(log.contains("case folder not found"), log);
        assertFalse(log.contains("Unsupported JavaFX configuration"), "JavaFX's class-path warning is filtered: " + log);
    }

    @Test
    void withoutADisplayTheWindowSaysWhatToDoInstead() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), "org.vertebroplan.Main", "gui"))
            .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "process finished");
        String log = Files.readString(tmp.resolve("log.txt"));
        assertEquals(1, p.exitValue(), log);
        assertTrue(log.startsWith("error: no display (DISPLAY is not set)"), log);
        assertTrue(log.contains("xvfb-run") && log.contains("--help"), log);
        assertFalse(log.contains("SEVERE"), log);
    }
}
