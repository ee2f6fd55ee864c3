package org.vertebroplan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.plan.Plan;
import picocli.CommandLine.Option;

/**
 * {@code --series UID}, shared by the commands that read a plan with its CT ({@code check}, {@code guide},
 * {@code drr}): the plan's own series is loaded, or the one chosen here; never silently another
 * ({@link DicomImport#loadPlanned}: exit 3 when the series is not in the folder or its frame of reference
 * differs from the plan's).
 */
final class SeriesOption {

    @Option(names = "--series", paramLabel = "UID",
        description = "The series to use (default: the plan's; a plan without one: the folder's only series).")
    String seriesUid;

    /** Loads the plan's series (or the chosen one); warnings receives the import's warnings too. */
    LoadedSeries load(Path dir, Plan plan, List<String> warnings, ProgressListener progress) throws IOException {
        if (plan == null && seriesUid == null) {
            LoadedSeries s = DicomImport.loadDefault(dir, progress); // a CT without a plan: any series shows it
            warnings.addAll(s.warnings());
            return s;
        }
        LoadedSeries s = DicomImport.loadPlanned(dir, plan == null ? null : plan.seriesInstanceUid(),
            plan == null ? null : plan.frameOfReferenceUid(), seriesUid, warnings, progress);
        warnings.addAll(s.warnings());
        return s;
    }
}
