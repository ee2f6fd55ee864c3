package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.guide.GuideDesign;
import org.vertebroplan.guide.GuideGenerator;
import org.vertebroplan.guide.GuidePackage;
import org.vertebroplan.guide.GuideSafety;
import org.vertebroplan.guide.GuideSpec;
import org.vertebroplan.guide.Material;
import org.vertebroplan.guide.PrinterPreset;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan guide DICOM_DIR --plan PLAN.json --out DIR [--printer fdm|sla|sls] [--series UID] [--accept-unsafe REASON] [--material M] [--sets N] [--film-mm MM]}: generates the
 * guide template and writes the vendor package; prints the manifest summary as JSON.
 */
@Command(name = "guide", mixinStandardHelpOptions = true,
    description = "Generate the guide template (base + sleeves) and write the vendor package.")
final class GuideCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    PlannedCt input = new PlannedCt();

    @picocli.CommandLine.Mixin
    OutDirOption outDir = new OutDirOption();

    @Option(names = "--printer", paramLabel = "fdm|sla|sls",
        description = "Printer preset: clearances and minimum walls (default: the plan's \"printer\", else fdm).")
    String printer;

    @Option(names = "--accept-unsafe", paramLabel = "REASON",
        description = "Make the guide although a needle is unsafe (e.g. a teaching model); the reason is written"
            + " into the manifest and on the sheet.")
    String acceptUnsafe;

    @Option(names = "--material", paramLabel = "NAME",
        description = "pla, petg (fdm), pa12 (sls) or surgical-guide-resin (sla); default: the printer's usual one.")
    String material;

    @Option(names = "--sets", paramLabel = "N", defaultValue = "1",
        description = "Complete sets to print (2: an unsterile one to mark the skin, a sterile one under the film).")
    int sets;

    @Option(names = "--film-mm", paramLabel = "MM", defaultValue = "0",
        description = "Thickness of the sterile film the base is seated over; added to the gap.")
    double filmMm;

    @picocli.CommandLine.Mixin
    Benchmark bench = new Benchmark();

    @Override
    public Integer call() throws Exception {
        bench.check(spec);
        PrinterPreset preset = null;
        if (printer != null) {
            try {
                preset = PrinterPreset.parse(printer);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Plan plan = input.loadPlan();
        for (org.vertebroplan.plan.Needle n : plan.needles()) {
            org.vertebroplan.plan.PlanLevel l = plan.levelOf(n);
            if (l == null || l.label() == null) {
                throw new BadInputException("needle " + n.id() + " has no vertebral level label: name the level (e.g."
                    + " \"L2\") in the plan before making a guide, it is engraved on the base and printed on the"
                    + " report");
            }
        }
        GuidePackage.Options options;
        try {
            options = new GuidePackage.Options(sets, filmMm, material == null ? null : Material.parse(material),
                java.time.Instant.now());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        GuideSpec guideSpec = guideSpec(plan, preset);
        try {
            options.materialFor(guideSpec.printer());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), "guide");
        List<String> warnings = new java.util.ArrayList<>();
        LoadedSeries series = input.loadSeries(plan, warnings, progress);
        progress.reset();
        SafetyAnalyzer.Result check = SafetyAnalyzer.checkAll(series.volume(),
            plan.needles().stream().map(SafetyAnalyzer.Input::of).toList(), SafetyOptions.defaults());
        GuideSafety safety = GuideSafety.of(plan, check, acceptUnsafe);
        long t0 = System.nanoTime();
        GuideDesign g = GuideGenerator.generate(series.volume(), plan, guideSpec, progress);
        long generate = Benchmark.millisSince(t0);
        double[] runs = bench.times(() -> GuideGenerator.generate(series.volume(), plan, guideSpec, ProgressListener.NONE));
        long t1 = System.nanoTime();
        List<Path> files = GuidePackage.write(g, plan, safety, series.volume(), options, outDir.dir);
        long write = Benchmark.millisSince(t1);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("files");
        files.forEach(f -> list.add(f.toString()));
        out.put("baseTriangles", g.baseReport().triangles());
        out.put("baseVolumeMm3", Math.round(g.baseReport().volumeMm3() * 10) / 10.0);
        ObjectNode sleeves = out.putObject("sleeveLengthMm");
        g.sleeveDesigns().forEach((id, d) -> sleeves.put(id, Math.round(d.lengthMm() * 100) / 100.0));
        ObjectNode tips = out.putObject("tipErrorMm");
        g.errorBudgets().forEach((id, b) -> tips.put(id, Math.round(b.tipErrorMm() * 100) / 100.0));
        ObjectNode verdicts = out.putObject("verdicts");
        safety.needles().forEach(v -> verdicts.put(v.id(), v.verdict().word()));
        if (safety.acceptedUnsafeReason() != null) {
            out.put("acceptedUnsafeReason", safety.acceptedUnsafeReason());
        }
        ArrayNode w = out.putArray("warnings");
        warnings.forEach(w::add);
        safety.needles().stream().filter(v -> v.verdict() != org.vertebroplan.plan.NeedleSafety.Verdict.SAFE)
            .forEach(v -> w.add("needle " + v.id() + ": " + v.verdict().word() + ": " + String.join("; ", v.reasons())));
        g.warnings().forEach(w::add);
        ObjectNode millis = out.putObject("millis");
        millis.put("generate", generate);
        millis.put("write", write);
        if (runs.length > 0) {
            millis.put("generateMedian", Math.round(Benchmark.median(runs)));
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    /** The plan's guide parameters with the printer chosen here and the film (exit 3 when they are invalid). */
    private GuideSpec guideSpec(Plan plan, PrinterPreset preset) throws BadInputException {
        try {
            GuideSpec s = preset != null ? GuideSpec.fromPlan(plan.guide(), preset) : GuideSpec.fromPlan(plan.guide());
            return s.withFilmMm(filmMm);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the plan's guide parameters are invalid: " + e.getMessage());
        }
    }
}
