package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.MarkerCandidate;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.plan.SegmentationOptions;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.TrajectoryProposer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan propose DICOM_DIR --at x,y,z --out PLAN.json}: a starting plan for the vertebra
 * around a point, headless: the detected skin markers, bilateral transpedicular needles proposed by
 * {@link TrajectoryProposer}, their safety verdicts, written atomically as a plan file (never over an
 * existing one unless {@code --force}). The surgeon reviews and adjusts it in the workstation.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
    description = "Propose a starting plan (markers and bilateral transpedicular needles) for the vertebra at a point.")
final class ProposeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "Folder with the CT series.")
    Path dicomDir;

    @Option(names = "--at", required = true, paramLabel = "x,y,z", split = ",",
        description = "A point in the vertebral body of the target level (LPS mm).")
    double[] at;

    @Option(names = "--out", required = true, paramLabel = "PLAN.json", description = "The plan file to write.")
    Path out;

    @Option(names = "--case-id", paramLabel = "LABEL", description = "Case label (default: the folder's name); "
        + "never the patient's name or ID.")
    String caseId;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Vertebral level, e.g. L2 or T11.")
    String level;

    @Option(names = "--gauge", paramLabel = "G", defaultValue = "11G",
        description = "Needle gauge: 8G, 10G, 11G, 13G or 15G (default 11G).")
    String gauge;

    @Option(names = "--working-length", paramLabel = "MM", defaultValue = "120",
        description = "Needle working length in mm (default 120).")
    double workingLengthMm;

    @Option(names = "--force", description = "Overwrite an existing plan file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (at.length != 3) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--at needs x,y,z");
        }
        NeedleGauge g;
        try {
            g = NeedleGauge.parse(gauge);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (Files.exists(out) && !force) {
            throw new BadInputException(out + " exists: choose another file or pass --force");
        }
        LoadedSeries series = DicomImport.loadPreferring(dicomDir, null,
            new StderrProgress(spec.commandLine().getErr(), "load"));
        List<String> warnings = new ArrayList<>(series.warnings());
        FiducialDetector.Detection d = FiducialDetector.detect(series.volume(), FiducialOptions.defaults());
        warnings.addAll(d.warnings());
        List<Fiducial> fiducials = new ArrayList<>();
        for (int i = 0; i < d.markers().size(); i++) {
            MarkerCandidate m = d.markers().get(i);
            fiducials.add(new Fiducial("M" + (i + 1), m.lps()));
        }
        List<TrajectoryProposer.Proposal> proposals;
        try {
            proposals = TrajectoryProposer.propose(series.volume(), Vec3.of(at), SegmentationOptions.defaults());
        } catch (TrajectoryProposer.NoProposalException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        List<Needle> needles = new ArrayList<>();
        for (TrajectoryProposer.Proposal p : proposals) {
            needles.add(new Needle(p.side().jsonName(), p.side(), p.entryLps(), p.targetLps(), g.diameterMm(),
                workingLengthMm, null, p.route(), java.util.Map.of()));
        }
        String label = caseId != null ? caseId : dicomDir.toAbsolutePath().normalize().getFileName().toString();
        Plan plan = new Plan(label, level, series.series().seriesInstanceUid(), fiducials, needles);
        List<NeedleSafety> safety = SafetyAnalyzer.check(series.volume(), needles.stream()
            .map(n -> new SafetyAnalyzer.Input(n.id(), n.entryLps(), n.targetLps(), n.diameterMm())).toList(),
            SafetyOptions.defaults());
        PlanJson.save(plan, out);

        ObjectNode json = Json.object();
        json.put("planFile", out.toString());
        json.put("fiducials", fiducials.size());
        ArrayNode list = json.putArray("needles");
        for (int i = 0; i < needles.size(); i++) {
            Needle n = needles.get(i);
            NeedleGeometry geo = n.geometry();
            ObjectNode o = list.addObject();
            o.put("id", n.id());
            o.set("entryLps", Json.array(n.entryLps()));
            o.set("targetLps", Json.array(n.targetLps()));
            o.put("depthMm", Math.round(geo.depthMm() * 100) / 100.0);
            o.put("cranialDeg", Math.round(geo.cranialDeg() * 100) / 100.0);
            o.put("abductionDeg", Math.round(geo.abductionDeg() * 100) / 100.0);
            o.put("verdict", safety.get(i).verdict().word());
            ArrayNode reasons = o.putArray("reasons");
            safety.get(i).reasons().forEach(reasons::add);
        }
        ArrayNode w = json.putArray("warnings");
        warnings.forEach(w::add);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
