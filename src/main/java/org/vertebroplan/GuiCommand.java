package org.vertebroplan;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vertebroplan.app.GuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vertebroplan gui [CASE] [--screenshot FILE.png]}: opens the workstation. Lives beside
 * {@link Main} because it is the one place that joins the command line and the JavaFX app.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
    description = "Open the workstation window (default: the bundled sample case).")
final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE",
        description = "A DICOM folder or a case folder (with dicom/ and plan.json). Default: sample-dicom.")
    Path caseDir;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
        description = "Open, load and draw the case, save the main window as PNG, then exit.")
    Path screenshot;

    @Override
    public Integer call() {
        if (System.getProperty("prism.forceGPU") == null) {
            System.setProperty("prism.forceGPU", "true"); // Mesa llvmpipe fails the GPU qualifier otherwise
        }
        return GuiLauncher.launch(caseDir, screenshot);
    }
}
