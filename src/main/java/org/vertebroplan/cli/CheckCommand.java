package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "Folder with the CT series.")
    Path dicomDir;

    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "The plan file.")
    Path planFile;

    @Override
    public Integer call() throws Exception {
        Plan plan = PlanJson.load(planFile);
        LoadedSeries series = DicomImport.loadPreferring(dicomDir, plan.seriesInstanceUid(),
            new StderrProgress(spec.commandLine().getErr(), "load"));
        List<String> warnings = new ArrayList<>();
        warnings.addAll(series.warnings());
        List<SafetyAnalyzer.Input> inputs = new ArrayList<>();
        for (Needle n : plan.needles()) {
            inputs.add(new SafetyAnalyzer.Input(n.id(), n.entryLps(), n.targetLps(), n.diameterMm()));
        }
        List<NeedleSafety> results = SafetyAnalyzer.check(series.volume(), inputs, SafetyOptions.defaults());
        FiducialFrame frame = frameOf(plan, warnings);
        org.vertebroplan.plan.AngleFrame angles = org.vertebroplan.plan.AngleFrame.ofPlan(plan);

        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("needles");
        for (int i = 0; i < results.size(); i++) {
            Needle n = plan.needles().get(i);
            NeedleSafety s = results.get(i);
            NeedleGeometry g = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), angles);
            ObjectNode o = list.addObject();
            o.put("id", n.id());
            o.put("side", n.side().jsonName());
            o.put("depthMm", round(g.depthMm()));
            o.put("cranialDeg", round(g.cranialDeg()));
            o.put("abductionDeg", round(g.abductionDeg()));
            o.put("angleFrame", angles.name());
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
        Json.print(spec.commandLine().getOut(), out);
        return 0;
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
