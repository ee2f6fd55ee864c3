package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.plan.VertebraFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan check DICOM_DIR --plan PLAN.json}: the safety check of every planned needle on
 * the CT (canal distance, breach, tip in the body, verdict with reasons), with depth and angles in
 * the surgeon's terms and the entry point relative to the skin markers.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check the planned needles against the CT: canal distance, pedicle breach, tip in the body.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    PlannedCt input = new PlannedCt();

    @picocli.CommandLine.Mixin
    Benchmark bench = new Benchmark();

    @Override
    public Integer call() throws Exception {
        bench.check(spec);
        Plan plan = input.loadPlan();
        List<String> warnings = new ArrayList<>();
        LoadedSeries series = input.loadSeries(plan, warnings,
            new StderrProgress(spec.commandLine().getErr(), "load"));
        List<SafetyAnalyzer.Input> inputs = new ArrayList<>();
        for (Needle n : plan.needles()) {
            inputs.add(SafetyAnalyzer.Input.of(n));
        }
        long t0 = System.nanoTime();
        SafetyAnalyzer.Result result = SafetyAnalyzer.checkAll(series.volume(), inputs, SafetyOptions.defaults());
        long checkMillis = Benchmark.millisSince(t0);
        double[] times = bench.times(() -> SafetyAnalyzer.checkAll(series.volume(), inputs, SafetyOptions.defaults()));
        List<NeedleSafety> results = result.needles();
        FiducialFrame frame = frameOf(plan, warnings);

        ObjectNode out = Json.object();
        ArrayNode levels = out.putArray("levels");
        for (SafetyAnalyzer.Level l : result.levels()) {
            levels.add(levelJson(l));
        }
        ArrayNode list = out.putArray("needles");
        for (int i = 0; i < results.size(); i++) {
            Needle n = plan.needles().get(i);
            NeedleSafety s = results.get(i);
            NeedleGeometry g = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), AngleFrame.PATIENT);
            ObjectNode o = list.addObject();
            o.put("id", n.id());
            o.put("side", n.side().jsonName());
            o.put("level", n.level());
            o.put("route", n.route().jsonName());
            o.put("depthMm", round(g.depthMm()));
            o.put("cranialDeg", round(g.cranialDeg()));
            o.put("abductionDeg", round(g.abductionDeg()));
            o.put("angleFrame", AngleFrame.PATIENT.name());
            if (s.frame() != null) {
                NeedleGeometry v = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), s.frame().angleFrame());
                o.putObject("vertebraFrame").put("cranialDeg", round(v.cranialDeg()))
                    .put("abductionDeg", round(v.abductionDeg()));
            } else {
                o.putNull("vertebraFrame");
            }
            if (Double.isNaN(s.pedicleWidthMm())) {
                o.putNull("pedicleWidthMm");
            } else {
                o.put("pedicleWidthMm", round(s.pedicleWidthMm()));
            }
            if (Double.isNaN(s.canalDistanceMm())) {
                o.putNull("canalDistanceMm");
            } else {
                o.put("canalDistanceMm", round(s.canalDistanceMm()));
            }
            o.put("breach", s.breach());
            if (s.breachAtLps() == null) {
                o.putNull("breachAt");
                o.putNull("breachWall");
            } else {
                o.set("breachAt", Json.array(round(s.breachAtLps().x()), round(s.breachAtLps().y()),
                    round(s.breachAtLps().z())));
                o.put("breachWall", s.breachWall().jsonName());
            }
            o.put("targetInBody", s.targetInBody());
            o.put("verdict", s.verdict().word());
            ArrayNode reasons = o.putArray("reasons");
            s.reasons().forEach(reasons::add);
            if (frame != null) {
                FiducialFrame.SkinPoint p = frame.toSkin(n.entryLps());
                ObjectNode skin = o.putObject("entryFromMarkers");
                skin.put("cranialOfM2Mm", round(p.alongMm()));
                skin.put("leftOfMarkerLineMm", round(p.leftMm()));
                skin.put("aboveMarkerLineMm", round(p.aboveMm()));
            }
        }
        ArrayNode w = out.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode millis = out.putObject("millis");
        millis.put("check", checkMillis);
        if (times.length > 0) {
            millis.put("checkMedian", round(Benchmark.median(times)));
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    /** One level of the check: its label, the measured vertebra frame and how it is turned, warnings. */
    static ObjectNode levelJson(SafetyAnalyzer.Level l) {
        ObjectNode o = Json.object();
        o.put("level", l.label());
        ArrayNode ids = o.putArray("needles");
        l.needleIds().forEach(ids::add);
        if (l.analysis() == null) {
            o.putNull("centreLps");
            o.put("failure", l.failure());
            return o;
        }
        VertebraFrame f = l.analysis().frame();
        o.set("centreLps", Json.array(round(f.centreLps().x()), round(f.centreLps().y()), round(f.centreLps().z())));
        o.put("axialRotationDeg", round(f.axialRotationDeg()));
        o.put("coronalTiltDeg", round(f.coronalTiltDeg()));
        o.put("sagittalTiltDeg", round(f.sagittalTiltDeg()));
        ObjectNode axes = o.putObject("axesLps");
        axes.set("left", Json.array(round4(f.left().x()), round4(f.left().y()), round4(f.left().z())));
        axes.set("posterior", Json.array(round4(f.posterior().x()), round4(f.posterior().y()), round4(f.posterior().z())));
        axes.set("superior", Json.array(round4(f.superior().x()), round4(f.superior().y()), round4(f.superior().z())));
        o.put("symmetryScore", round(l.analysis().frameMeasurement().symmetryScore()));
        o.put("frameIterations", l.analysis().frameMeasurement().iterations());
        o.put("thoracic", l.analysis().thoracic());
        ArrayNode w = o.putArray("warnings");
        l.analysis().warnings().forEach(w::add);
        return o;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static FiducialFrame frameOf(Plan plan, List<String> warnings) {
        if (plan.fiducials().size() != 3) {
            if (!plan.fiducials().isEmpty()) {
                warnings.add("the plan has " + plan.fiducials().size() + " markers, not 3: entry points are not"
                    + " given relative to the markers");
            }
            return null;
        }
        try {
            return FiducialFrame.ofMarkers(plan.fiducials());
        } catch (IllegalArgumentException e) {
            warnings.add("the markers do not define a usable marker line: " + e.getMessage());
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
