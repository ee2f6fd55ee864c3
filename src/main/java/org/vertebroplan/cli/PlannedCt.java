package org.vertebroplan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code DICOM_DIR --plan PLAN.json [--series UID]}: a plan and the CT it was made on, for the commands
 * that work on both ({@code check}, {@code guide}; docs/cli.md).
 */
final class PlannedCt {

    @Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "The plan file.")
    Path planFile;

    @Mixin
    SeriesOption series = new SeriesOption();

    /** Reads the plan (exit 3 with the reason when it cannot be used). */
    Plan loadPlan() throws IOException {
        return PlanJson.load(planFile);
    }

    /** Loads the plan's series, or the one chosen with --series ({@link SeriesOption#load}). */
    LoadedSeries loadSeries(Plan plan, List<String> warnings, ProgressListener progress) throws IOException {
        return series.load(ct.dir, plan, warnings, progress);
    }
}
