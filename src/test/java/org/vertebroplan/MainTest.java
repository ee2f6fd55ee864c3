package org.vertebroplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command-line contract of docs/cli.md: help lists the commands, usage errors exit 2. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheGuiCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("gui"), out.toString());
        assertTrue(out.toString().startsWith("Usage: vertebroplan"), out.toString());
        assertTrue(out.toString().replaceAll("\\s+", " ").contains("Every command runs without a display and prints"
            + " JSON; only 'gui' (also what no command at all starts) opens the window."), out.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"info", "mesh", "phantom", "fiducials", "check", "propose",
        "guide", "drr", "score", "gui"})
    void everyCommandHasHelp(String command) {
        assertEquals(0, run(command, "--help"), err.toString());
        assertTrue(out.toString().startsWith("Usage: vertebroplan " + command), out.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--no-such-option"));
    }

    @Test
    void noArgumentsOrALonePlanFileOpenTheWindow(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        CommandLine cl = Main.commandLine();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"gui"}, Main.effectiveArgs(cl));
        String plan = java.nio.file.Files.writeString(dir.resolve("case.json"), "{}").toString();
        // what a double-click on a plan file passes
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"gui", plan}, Main.effectiveArgs(cl, plan));
        // a command, an option, a folder, a missing file or more words are the command line's
        String vplan = java.nio.file.Files.writeString(dir.resolve("case.VPLAN"), "{}").toString();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"gui", vplan}, Main.effectiveArgs(cl, vplan));
        String text = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "").toString();
        for (String[] args : new String[][] {{"info"}, {"--help"}, {dir.toString()}, {dir.resolve("none.json").toString()},
            {"check", plan}, {text}}) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(args, Main.effectiveArgs(cl, args));
        }
    }
}
