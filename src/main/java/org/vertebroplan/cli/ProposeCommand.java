package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.geom.Vec3;
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
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.plan.SegmentationOptions;
import org.vertebroplan.plan.TrajectoryProposer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @picocli.CommandLine.Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @Option(names = "--at", required = true, paramLabel = "x,y,z", split = ",",
        description = "A point in the vertebral body of a target level (LPS mm); repeat for several levels.")
    double[] at;

    @Option(names = "--out", required = true, paramLabel = "PLAN.json", description = "The plan file to write.")
    Path out;

    @Option(names = "--case-id", paramLabel = "LABEL", description = "Case label (default: the folder's name); "
        + "never the patient's name or ID.")
    String caseId;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Vertebral level of each --at in turn, e.g. L2 or "
        + "T11 (required for each point when there are several).")
    List<String> levels = new ArrayList<>();

    @Option(names = "--gauge", paramLabel = "G",
        description = "Needle gauge for every needle: 8G, 10G, 11G, 13G or 15G (default: the proposal's, 11G or "
            + "13G from the measured pedicle width).")
    String gauge;

    @Option(names = "--working-length", paramLabel = "MM", defaultValue = "120",
        description = "Needle working length in mm (default 120).")
    double workingLengthMm;

    @Option(names = "--force", description = "Overwrite an existing plan file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (at.length == 0 || at.length % 3 != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--at needs x,y,z");
        }
        int count = at.length / 3;
        if (count > 1 && levels.size() != count) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "with " + count
                + " points, give a --level for each (" + levels.size() + " given)");
        }
        if (levels.size() > count) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "more --level than --at");
        }
        NeedleGauge g = null;
        if (gauge != null) {
            try {
                g = NeedleGauge.parse(gauge);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (Files.exists(out) && !force) {
            throw new BadInputException(out + " exists: choose another file or pass --force");
        }
        LoadedSeries series = DicomImport.loadPreferring(ct.dir, null,
            new StderrProgress(spec.commandLine().getErr(), "load"));
        List<String> warnings = new ArrayList<>(series.warnings());
        FiducialDetector.Detection d = FiducialDetector.detect(series.volume(), FiducialOptions.defaults());
        warnings.addAll(d.warnings());
        List<Fiducial> fiducials = new ArrayList<>();
        for (int i = 0; i < d.markers().size(); i++) {
            MarkerCandidate m = d.markers().get(i);
            fiducials.add(new Fiducial("M" + (i + 1), m.lps()));
        }
        List<Needle> needles = new ArrayList<>();
        List<PlanLevel> planLevels = new ArrayList<>();
        List<List<String>> notes = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            String label = p < levels.size() ? levels.get(p) : null;
            Vec3 point = new Vec3(at[3 * p], at[3 * p + 1], at[3 * p + 2]);
            List<TrajectoryProposer.Proposal> proposals;
            try {
                proposals = TrajectoryProposer.propose(series.volume(), point, SegmentationOptions.defaults());
            } catch (TrajectoryProposer.NoProposalException e) {
                throw new BadInputException((label == null ? "" : label + ": ") + e.getMessage(), e);
            }
            if (label != null || count > 1) {
                planLevels.add(new PlanLevel(label));
            }
            for (TrajectoryProposer.Proposal pr : proposals) {
                String id = count > 1 ? label + "-" + pr.side().jsonName() : pr.side().jsonName();
                NeedleGauge chosen = g != null ? g : pr.gauge();
                needles.add(new Needle(id, pr.side(), pr.entryLps(), pr.targetLps(), chosen.diameterMm(),
                    workingLengthMm, label, pr.route(), java.util.Map.of()));
                notes.add(pr.notes());
            }
        }
        String label = caseId != null ? caseId : ct.dir.toAbsolutePath().normalize().getFileName().toString();
        Plan plan = new Plan(label, planLevels, series.series().seriesInstanceUid(), fiducials, needles,
            java.util.Map.of(), java.util.Map.of()).withSeries(series.series().seriesInstanceUid(),
            series.series().frameOfReferenceUid());
        List<NeedleSafety> safety = SafetyAnalyzer.check(series.volume(),
            needles.stream().map(SafetyAnalyzer.Input::of).toList(), SafetyOptions.defaults());
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
            o.put("level", n.level());
            o.put("route", n.route().jsonName());
            o.put("diameterMm", n.diameterMm());
            o.set("entryLps", Json.mm(n.entryLps()));
            o.set("targetLps", Json.mm(n.targetLps()));
            o.put("depthMm", Math.round(geo.depthMm() * 100) / 100.0);
            o.put("cranialDeg", Math.round(geo.cranialDeg() * 100) / 100.0);
            o.put("abductionDeg", Math.round(geo.abductionDeg() * 100) / 100.0);
            NeedleSafety si = safety.get(i);
            if (si.frame() != null) {
                NeedleGeometry v = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), si.frame().angleFrame());
                o.putObject("vertebraFrame").put("cranialDeg", Math.round(v.cranialDeg() * 100) / 100.0)
                    .put("abductionDeg", Math.round(v.abductionDeg() * 100) / 100.0);
            }
            if (!Double.isNaN(si.pedicleWidthMm())) {
                o.put("pedicleWidthMm", Math.round(si.pedicleWidthMm() * 100) / 100.0);
            }
            ArrayNode noteList = o.putArray("notes");
            notes.get(i).forEach(noteList::add);
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
