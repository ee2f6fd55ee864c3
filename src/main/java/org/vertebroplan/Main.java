package org.vertebroplan;

import org.vertebroplan.cli.VertebroPlanCommand;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar. Deliberately not a JavaFX {@code Application}: with no arguments
 * or {@code gui} it launches the workstation window; every other word is a picocli subcommand that
 * never starts the JavaFX toolkit and runs without a display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (see docs/cli.md). */
    public static int run(String... args) {
        String[] effective = args.length == 0 ? new String[] {"gui"} : args;
        return commandLine().execute(effective);
    }

    /** The full command tree: the headless CLI plus the {@code gui} command. */
    public static CommandLine commandLine() {
        CommandLine cl = VertebroPlanCommand.commandLine();
        cl.addSubcommand("gui", new GuiCommand());
        return cl;
    }
}
