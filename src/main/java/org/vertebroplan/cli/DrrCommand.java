package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.fluoro.DrrImage;
import org.vertebroplan.fluoro.DrrRenderer;
import org.vertebroplan.fluoro.DrrView;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.io.RadiographPng;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan drr DICOM_DIR --view ap|lateral [--plan PLAN.json] --out FILE.png [--repeat N]}:
 * a simulated fluoroscopy shot of the CT, with the plan's needles, as a PNG.
 */
@Command(name = "drr", mixinStandardHelpOptions = true,
    description = "Simulated fluoroscopy (a DRR) of the CT in the AP or lateral view, with the plan's needles.")
final class DrrCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "Folder with the CT series.")
    Path dicomDir;

    @Option(names = "--view", required = true, paramLabel = "ap|lateral", description = "Projection.")
    String view;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "Draw the plan's needles.")
    Path planFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The image to write.")
    Path out;

    @picocli.CommandLine.Mixin
    SeriesOption series = new SeriesOption();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
        description = "Benchmark: after the first rendering, render N more times and add millis.renderMedian.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        DrrView v;
        try {
            v = DrrView.parse(view);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Plan plan = planFile == null ? null : PlanJson.load(planFile);
        long t0 = System.nanoTime();
        LoadedSeries series = this.series.load(dicomDir, plan, new java.util.ArrayList<>(),
            new StderrProgress(spec.commandLine().getErr(), "load"));
        long load = (System.nanoTime() - t0) / 1_000_000;
        List<Needle> needles = plan == null ? List.of() : plan.needles();
        int threads = Runtime.getRuntime().availableProcessors();
        long t1 = System.nanoTime();
        DrrImage img = DrrRenderer.render(series.volume(), v, needles, threads);
        long render = (System.nanoTime() - t1) / 1_000_000;
        long[] runs = new long[Math.max(0, repeat)];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            DrrRenderer.render(series.volume(), v, needles, threads);
            runs[i] = (System.nanoTime() - t) / 1_000_000;
        }
        RadiographPng.write(img.attenuation(), img.width(), img.height(), out);
        ObjectNode json = Json.object();
        json.put("file", out.toString());
        json.put("view", v.name());
        json.put("width", img.width());
        json.put("height", img.height());
        json.put("pixelMm", img.pixelMm());
        json.put("needles", needles.size());
        ObjectNode millis = json.putObject("millis");
        millis.put("load", load);
        millis.put("render", render);
        if (runs.length > 0) {
            java.util.Arrays.sort(runs);
            millis.put("renderMedian", runs[runs.length / 2]);
        }
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
