package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(3, p.exitValue(), Files.readString(tmp.resolve("log.txt")));
        assertFalse(Files.exists(png));
    }
}
