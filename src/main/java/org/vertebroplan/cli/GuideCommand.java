package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.guide.GuideDesign;
import org.vertebroplan.guide.GuideGenerator;
import org.vertebroplan.guide.GuidePackage;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.guide.PrinterPreset;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan guide DICOM_DIR --plan PLAN.json --out DIR [--printer fdm|sla]}: generates the
 * guide template and writes the vendor package; prints the manifest summary as JSON.
 */
@Command(name = "guide", mixinStandardHelpOptions = true,
    description = "Generate the guide template (base + sleeves) and write the vendor package.")
final class GuideCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "Folder with the planning CT.")
    Path dicomDir;

    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "The plan file.")
    Path planFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path outDir;

    @Option(names = "--printer", paramLabel = "fdm|sla",
        description = "Printer preset: clearances and minimum walls (default: the plan's \"printer\", else fdm).")
    String printer;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
        description = "Benchmark: after the first generation, generate N more times and add millis.generateMedian.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrinterPreset preset = null;
        if (printer != null) {
            try {
                preset = PrinterPreset.parse(printer);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Plan plan = PlanJson.load(planFile);
        for (org.vertebroplan.plan.Needle n : plan.needles()) {
            org.vertebroplan.plan.PlanLevel l = plan.levelOf(n);
            if (l == null || l.label() == null) {
                throw new BadInputException("needle " + n.id() + " has no vertebral level label: name the level (e.g."
                    + " \"L2\") in the plan before making a guide, it is engraved on the base and printed on the"
                    + " report");
            }
        }
        GuideSpec guideSpec;
        try {
            guideSpec = preset != null ? GuideSpec.fromPlan(plan.guide(), preset) : GuideSpec.fromPlan(plan.guide());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the plan's guide parameters are invalid: " + e.getMessage());
        }
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), "guide");
        LoadedSeries series = DicomImport.loadPreferring(dicomDir, plan.seriesInstanceUid(), progress);
        progress.reset();
        long t0 = System.nanoTime();
        GuideDesign g = GuideGenerator.generate(series.volume(), plan, guideSpec, progress);
        long generate = (System.nanoTime() - t0) / 1_000_000;
        long[] runs = new long[Math.max(0, repeat)];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            GuideGenerator.generate(series.volume(), plan, guideSpec, org.vertebroplan.volume.ProgressListener.NONE);
            runs[i] = (System.nanoTime() - t) / 1_000_000;
        }
        long t1 = System.nanoTime();
        List<Path> files = GuidePackage.write(g, plan, outDir);
        long write = (System.nanoTime() - t1) / 1_000_000;
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("files");
        files.forEach(f -> list.add(f.toString()));
        out.put("baseTriangles", g.baseReport().triangles());
        out.put("baseVolumeMm3", Math.round(g.baseReport().volumeMm3() * 10) / 10.0);
        ObjectNode sleeves = out.putObject("sleeveLengthMm");
        g.sleeveDesigns().forEach((id, d) -> sleeves.put(id, Math.round(d.lengthMm() * 100) / 100.0));
        ObjectNode tips = out.putObject("tipErrorMm");
        g.errorBudgets().forEach((id, b) -> tips.put(id, Math.round(b.tipErrorMm() * 100) / 100.0));
        ArrayNode w = out.putArray("warnings");
        series.warnings().forEach(w::add);
        g.warnings().forEach(w::add);
        ObjectNode millis = out.putObject("millis");
        millis.put("generate", generate);
        millis.put("write", write);
        if (runs.length > 0) {
            java.util.Arrays.sort(runs);
            millis.put("generateMedian", runs[runs.length / 2]);
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
