package org.vertebroplan;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.vertebroplan.cli.VertebroPlanCommand;
import org.vertebroplan.io.CrashLog;
import org.vertebroplan.io.UserFolders;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar and of the installed launcher. Deliberately not a JavaFX
 * {@code Application}: with no arguments or {@code gui} it launches the workstation window, and so does a
 * lone plan file (what a double-click on one passes, docs/install.md); every other word is a picocli
 * subcommand that never starts the JavaFX toolkit and runs without a display. Uncaught exceptions are
 * written to the local crash log ({@link CrashLog}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CrashLog.install(UserFolders.current().crashLogs());
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (see docs/cli.md). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(effectiveArgs(cl, args));
    }

    /**
     * What the arguments mean: none is {@code gui}; a single existing {@code .json} or {@code .vplan} file
     * that is not a command's name is a plan to open in the window ({@code gui FILE}); anything else is given
     * to picocli as it is.
     */
    static String[] effectiveArgs(CommandLine cl, String... args) {
        if (args.length == 0) {
            return new String[] {"gui"};
        }
        String name = args.length == 1 ? args[0].toLowerCase(java.util.Locale.ROOT) : "";
        if ((name.endsWith(".json") || name.endsWith(".vplan")) && !cl.getSubcommands().containsKey(args[0])) {
            try {
                if (Files.isRegularFile(Path.of(args[0]))) {
                    return new String[] {"gui", args[0]};
                }
            } catch (InvalidPathException e) {
                // not a path: picocli says what is wrong with it
            }
        }
        return args;
    }

    /** The full command tree: the headless CLI plus the {@code gui} command. */
    public static CommandLine commandLine() {
        CommandLine cl = VertebroPlanCommand.commandLine();
        cl.addSubcommand("gui", new GuiCommand());
        return cl;
    }
}
