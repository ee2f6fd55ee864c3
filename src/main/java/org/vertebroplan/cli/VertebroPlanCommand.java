package org.vertebroplan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the headless command line. Each job is one subcommand; none touches the JavaFX
 * toolkit. JSON goes to stdout, one line per error to stderr; exit codes 0 ok, 2 usage, 3 bad input
 * data, 1 internal error (docs/cli.md).
 */
@Command(name = "vertebroplan", mixinStandardHelpOptions = true, versionProvider = VertebroPlanCommand.Version.class,
    description = {"Plan a percutaneous vertebroplasty on CT and export a patient-specific guide template.",
        "Every command runs without a display and prints JSON; only 'gui' (also what no command at all"
            + " starts) opens the window."},
    subcommands = {
        CommandLine.HelpCommand.class,
        InfoCommand.class,
        PhantomCommand.class,
        FiducialsCommand.class,
        CheckCommand.class,
        ProposeCommand.class,
        DrrCommand.class,
        ScoreCommand.class,
        MeshCommand.class,
        GuideCommand.class,
    })
public final class VertebroPlanCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the program's version, build date and commit, and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.vertebroplan.io.BuildInfo b = org.vertebroplan.io.BuildInfo.current();
            return new String[] {org.vertebroplan.io.Software.VERSION,
                "built " + b.buildDate() + " from commit " + b.commit() + ", JavaFX " + b.javafxVersion(),
                "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line with the project's exit codes and error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VertebroPlanCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
