package org.vertebroplan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a child JVM with its own heap ({@code -Xmx1g}: the heap a user's machine
 * may give it), for the tests whose outcome depends on the memory there is. The child gets the test
 * class path, so it runs the classes just compiled.
 */
public final class ChildJvm {

    /** Exit code and what the command printed. */
    public record Result(int code, String out, String err) {
    }

    private ChildJvm() {
    }

    /** {@code java -Xmx<heap> org.vertebroplan.Main args...}; gives up (and fails) after 5 minutes. */
    public static Result run(String heap, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap,
            "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.vertebroplan.Main"));
        String userDir = System.getProperty("vertebroplan.userDir");
        if (userDir != null) { // a crash log of the child goes where the tests' user files go, not to the tester's home
            cmd.add(cmd.size() - 3, "-Dvertebroplan.userDir=" + userDir);
        }
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("child-out", ".txt"), err = Files.createTempFile("child-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the command did not end within 5 minutes: " + String.join(" ", args));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
