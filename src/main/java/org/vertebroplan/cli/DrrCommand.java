package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.fluoro.Attenuation;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.fluoro.DrrImage;
import org.vertebroplan.fluoro.DrrRenderer;
import org.vertebroplan.fluoro.DrrView;
import org.vertebroplan.fluoro.FluoroDisplay;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.io.RadiographPng;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan drr DICOM_DIR [--view ap|lateral] [--orbital DEG] [--angular DEG] ... --out FILE.png}:
 * a simulated C-arm shot of the CT, with the plan's needles, as a PNG, and the shot's geometry as JSON
 * (enough to project any CT point onto the image).
 */
@Command(name = "drr", mixinStandardHelpOptions = true,
    description = "Simulated fluoroscopy: a C-arm shot (cone beam) of the CT at any angle, with the plan's needles.")
final class DrrCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @Option(names = "--view", paramLabel = "ap|lateral",
        description = "Shortcut for the orbital angle: ap = 0, lateral = 90 (not with --orbital).")
    String view;

    @Option(names = "--orbital", paramLabel = "DEG",
        description = "Rotation about the patient's long axis: 0 AP, +90 source on the patient's left (default 0).")
    Double orbitalDeg;

    @Option(names = "--angular", paramLabel = "DEG", defaultValue = "0",
        description = "Cranio-caudal tilt: positive tilts the beam cranially (detector towards the head).")
    double angularDeg;

    @Option(names = "--source-iso-mm", paramLabel = "MM", defaultValue = "" + CArm.SOURCE_ISO_MM,
        description = "Source to isocentre distance (default ${DEFAULT-VALUE}).")
    double sourceIsoMm;

    @Option(names = "--source-detector-mm", paramLabel = "MM", defaultValue = "" + CArm.SOURCE_DETECTOR_MM,
        description = "Source to detector distance (default ${DEFAULT-VALUE}).")
    double sourceDetectorMm;

    @Option(names = "--detector-mm", paramLabel = "MM", defaultValue = "" + CArm.DETECTOR_MM,
        description = "Side of the square detector (default ${DEFAULT-VALUE}).")
    double detectorMm;

    @Option(names = "--iso", paramLabel = "x,y,z", split = ",",
        description = "Isocentre, LPS mm (default: the mean of the plan's targets, else the CT's centre).")
    double[] iso;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + CArm.SIZE_PX,
        description = "Pixels per side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "Draw the plan's needles; centre on its targets.")
    Path planFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The image to write.")
    Path out;

    @picocli.CommandLine.Mixin
    SeriesOption series = new SeriesOption();

    @picocli.CommandLine.Mixin
    Benchmark bench = new Benchmark();

    @Override
    public Integer call() throws Exception {
        double orbital = orbital();
        if (iso != null && iso.length != 3) {
            throw new ParameterException(spec.commandLine(), "--iso needs x,y,z");
        }
        bench.check(spec);
        Plan plan = planFile == null ? null : PlanJson.load(planFile);
        long t0 = System.nanoTime();
        LoadedSeries series = this.series.load(ct.dir, plan, new java.util.ArrayList<>(),
            new StderrProgress(spec.commandLine().getErr(), "load"));
        long load = Benchmark.millisSince(t0);
        List<Needle> needles = plan == null ? List.of() : plan.needles();
        CArm carm;
        try {
            carm = new CArm(orbital, angularDeg, sourceIsoMm, sourceDetectorMm, isocentre(series.volume(), needles),
                detectorMm, size);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int threads = Parallel.defaultThreads();
        long t1 = System.nanoTime();
        Attenuation mu = Attenuation.of(series.volume(), threads);
        long attenuation = Benchmark.millisSince(t1);
        long t2 = System.nanoTime();
        DrrImage img = DrrRenderer.render(mu, carm, needles, threads);
        long render = Benchmark.millisSince(t2);
        double[] runs = bench.times(() -> DrrRenderer.render(mu, carm, needles, threads));
        FluoroDisplay.Window window = FluoroDisplay.autoWindow(img);
        RadiographPng.write(FluoroDisplay.show(img, window), size, size, out);
        Json.print(spec.commandLine().getOut(), json(carm, window, needles.size(), load, attenuation, render, runs));
        return 0;
    }

    private double orbital() {
        if (view != null && orbitalDeg != null) {
            throw new ParameterException(spec.commandLine(), "give --view or --orbital, not both");
        }
        if (view == null) {
            return orbitalDeg == null ? 0 : orbitalDeg;
        }
        try {
            return DrrView.parse(view).orbitalDeg();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Vec3 isocentre(Volume v, List<Needle> needles) {
        if (iso != null) {
            return new Vec3(iso[0], iso[1], iso[2]);
        }
        if (!needles.isEmpty()) {
            Vec3 sum = Vec3.ZERO;
            for (Needle n : needles) {
                sum = sum.plus(n.targetLps());
            }
            return sum.times(1.0 / needles.size());
        }
        return v.lpsOf((v.nx() - 1) / 2.0, (v.ny() - 1) / 2.0, (v.nz() - 1) / 2.0);
    }

    private ObjectNode json(CArm carm, FluoroDisplay.Window window, int needles, long load, long attenuation,
                            long render, double[] runs) {
        ObjectNode json = Json.object();
        json.put("file", out.toString());
        json.put("view", view == null ? null : DrrView.parse(view).word());
        json.put("orbitalDeg", carm.orbitalDeg());
        json.put("angularDeg", carm.angularDeg());
        json.put("sourceIsoMm", carm.sourceIsoMm());
        json.put("sourceDetectorMm", carm.sourceDetectorMm());
        json.set("isoLps", Json.array(carm.isoLps()));
        json.put("width", carm.sizePx());
        json.put("height", carm.sizePx());
        json.put("pixelMm", carm.pixelMm());
        json.set("sourceLps", Json.array(carm.sourceLps()));
        json.set("detectorOriginLps", Json.array(carm.detectorOriginLps()));
        json.set("detectorRightLps", Json.array(carm.detectorRight()));
        json.set("detectorDownLps", Json.array(carm.detectorDown()));
        ObjectNode letters = json.putObject("orientation");
        for (String edge : new String[] {"left", "right", "top", "bottom"}) {
            letters.put(edge, FluoroDisplay.edgeLetters(carm, edge));
        }
        json.putObject("window").put("white", window.white()).put("black", window.black());
        json.put("needles", needles);
        ObjectNode millis = json.putObject("millis");
        millis.put("load", load);
        millis.put("attenuation", attenuation);
        millis.put("render", render);
        if (runs.length > 0) {
            millis.put("renderMedian", Math.round(Benchmark.median(runs) * 10) / 10.0);
            millis.put("renderMin", Math.round(runs[0] * 10) / 10.0);
        }
        return json;
    }

}
