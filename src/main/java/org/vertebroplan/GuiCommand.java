package org.vertebroplan;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import org.vertebroplan.app.GuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan gui [CASE] [--screenshot FILE.png]}: opens the workstation. Lives beside
 * {@link Main} because it is the one place that joins the command line and the JavaFX app.
 *
 * <p>Two things a user would otherwise trip over: without a display (Linux, no DISPLAY nor
 * WAYLAND_DISPLAY) it says what to do instead (xvfb-run, or the commands that need no window) and
 * exits 1 before JavaFX fails with a bare "Unable to open DISPLAY"; and JavaFX's warning that it was
 * loaded from the class path ("Unsupported JavaFX configuration: classes were loaded from 'unnamed
 * module'"), which every start of the one runnable jar would print, is filtered out (that message only).
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
    description = "Open the workstation window (default: the bundled sample case). The only command that"
        + " needs a display.")
final class GuiCommand implements Callable<Integer> {

    /** JavaFX's logger (java.util.logging "javafx"), held so that its filter stays set. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE",
        description = "A DICOM folder, a case folder (with dicom/ and plan.json) or a plan file (its CT series is"
            + " looked for as File > Open plan does). Default: the bundled sample case (sample-dicom).")
    Path caseDir;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
        description = "Open, load and draw the case, save the main window as PNG, then exit.")
    Path screenshot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (noDisplay()) {
            String me = command();
            spec.commandLine().getErr().println("error: no display (DISPLAY is not set): the workstation window"
                + " needs one. Run it under a virtual display (xvfb-run -a " + me + "), or use"
                + " the commands that need none (" + me + " --help).");
            spec.commandLine().getErr().flush();
            return 1;
        }
        if (System.getProperty("prism.forceGPU") == null) {
            System.setProperty("prism.forceGPU", "true"); // Mesa llvmpipe fails the GPU qualifier otherwise
        }
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null
            || !r.getMessage().startsWith("Unsupported JavaFX configuration: classes were loaded from"));
        return GuiLauncher.launch(caseDir, screenshot);
    }

    /** How the user started the program: the installed launcher (jpackage names it), else the jar. */
    static String command() {
        String launcher = System.getProperty("jpackage.app-path");
        return launcher != null ? java.nio.file.Path.of(launcher).getFileName().toString() : "java -jar target/vertebroplan.jar";
    }

    /** Linux without an X or Wayland display, unless JavaFX is told to draw headless (Monocle). */
    static boolean noDisplay() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
            && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
            && !"Monocle".equals(System.getProperty("glass.platform"));
    }
}
