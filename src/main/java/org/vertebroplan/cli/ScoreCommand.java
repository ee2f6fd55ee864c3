package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;
import org.vertebroplan.rehearsal.AttemptScore;
import org.vertebroplan.rehearsal.NeedleScore;
import org.vertebroplan.rehearsal.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan score REFERENCE_PLAN.json ATTEMPT.json [--dicom DICOM_DIR]}: a trainee's needles
 * (an attempt file or a plan file) scored against the surgeon's plan, with the breaches of the
 * trainee's needles when the CT is given.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Score a trainee's attempt (attempt or plan file) against the reference plan, 0-100.")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REFERENCE_PLAN.json", description = "The surgeon's plan.")
    Path referenceFile;

    @Parameters(index = "1", paramLabel = "ATTEMPT.json", description = "The trainee's attempt file or plan file.")
    Path attemptFile;

    @Option(names = "--dicom", paramLabel = "DICOM_DIR",
        description = "The case's CT: check the trainee's needles for breaches (the safety check).")
    Path dicomDir;

    @Override
    public Integer call() throws Exception {
        Plan reference = PlanJson.load(referenceFile);
        if (reference.needles().isEmpty()) {
            throw new BadInputException(referenceFile + ": the reference plan has no needles to score against");
        }
        AttemptJson.PlanOrAttempt loaded = AttemptJson.loadPlanOrAttempt(attemptFile);
        Plan attempt = loaded.plan();
        if (reference.seriesInstanceUid() != null && attempt.seriesInstanceUid() != null
            && !reference.seriesInstanceUid().equals(attempt.seriesInstanceUid())) {
            throw new BadInputException(attemptFile + ": the attempt was made on another CT series ("
                + attempt.seriesInstanceUid() + ") than the reference plan (" + reference.seriesInstanceUid() + ")");
        }
        Map<String, NeedleSafety> safety = null;
        if (dicomDir != null && !attempt.needles().isEmpty()) {
            LoadedSeries series = DicomImport.loadPreferring(dicomDir, reference.seriesInstanceUid(),
                new StderrProgress(spec.commandLine().getErr(), "load"));
            List<SafetyAnalyzer.Input> inputs = attempt.needles().stream().map(SafetyAnalyzer.Input::of).toList();
            safety = new LinkedHashMap<>();
            for (NeedleSafety s : SafetyAnalyzer.checkAll(series.volume(), inputs, SafetyOptions.defaults()).needles()) {
                safety.put(s.id(), s);
            }
        } else if (dicomDir != null) {
            safety = Map.of();
        }
        AttemptScore score = Scorer.score(reference, attempt, safety);
        Json.print(spec.commandLine().getOut(), json(loaded.attempt(), score, safety != null));
        return 0;
    }

    private ObjectNode json(Attempt attempt, AttemptScore score, boolean checked) {
        ObjectNode o = Json.object();
        o.put("reference", referenceFile.toString());
        o.put("attempt", attemptFile.toString());
        if (attempt != null) {
            o.put("mode", attempt.mode().jsonName());
            o.put("trainee", attempt.trainee());
            o.put("shots", attempt.shots().size());
            o.put("doseMGy", round(attempt.doseMGy()));
            o.put("durationSeconds", round(attempt.durationSeconds()));
        }
        o.put("score", score.score());
        o.put("breachesChecked", checked);
        ArrayNode needles = o.putArray("needles");
        for (NeedleScore n : score.needles()) {
            ObjectNode j = needles.addObject();
            j.put("referenceId", n.referenceId());
            j.put("attemptId", n.attemptId());
            j.put("matchedBy", n.matchedBy());
            j.put("side", n.side().jsonName());
            j.put("level", n.level());
            j.put("entryErrorMm", round(n.entryErrorMm()));
            j.put("targetErrorMm", round(n.targetErrorMm()));
            j.put("angleErrorDeg", round(n.angleErrorDeg()));
            j.put("depthErrorMm", round(n.depthErrorMm()));
            if (n.safety() != null) {
                NeedleSafety s = n.safety();
                j.put("verdict", s.verdict().word());
                j.put("breach", s.breach());
                j.put("breachWall", s.breachWall() == null ? null : s.breachWall().jsonName());
                ArrayNode reasons = j.putArray("reasons");
                s.reasons().forEach(reasons::add);
            }
            j.put("score", n.score());
        }
        ArrayNode missing = o.putArray("missing");
        score.missing().forEach(missing::add);
        ArrayNode extra = o.putArray("extra");
        score.extra().forEach(extra::add);
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
