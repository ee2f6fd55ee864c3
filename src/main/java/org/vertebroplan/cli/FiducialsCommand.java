package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.MarkerCandidate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan fiducials DICOM_DIR}: detects the radiopaque skin markers and prints them
 * cranial to caudal as M1, M2, M3, with the dense blobs that were rejected and why.
 */
@Command(name = "fiducials", mixinStandardHelpOptions = true,
    description = "Detect the radiopaque skin markers (M1..M3, cranial to caudal) in a CT series.")
final class FiducialsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "Folder with the CT series.")
    Path dicomDir;

    @Override
    public Integer call() throws Exception {
        LoadedSeries series = DicomImport.loadDefault(dicomDir,
            new StderrProgress(spec.commandLine().getErr(), "load"));
        FiducialDetector.Detection d = FiducialDetector.detect(series.volume(), FiducialOptions.defaults());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("fiducials");
        List<MarkerCandidate> markers = d.markers();
        for (int n = 0; n < markers.size(); n++) {
            MarkerCandidate m = markers.get(n);
            ObjectNode f = list.addObject();
            f.put("id", "M" + (n + 1));
            f.set("lps", Json.array(m.lps()));
            f.put("hu", m.peakHu());
            f.put("diameterMm", Math.round(m.diameterMm() * 100) / 100.0);
        }
        ArrayNode warnings = out.putArray("warnings");
        series.warnings().forEach(warnings::add);
        d.warnings().forEach(warnings::add);
        ArrayNode rejected = out.putArray("rejected");
        for (MarkerCandidate c : d.rejected()) {
            ObjectNode r = rejected.addObject();
            r.set("lps", Json.array(c.lps()));
            r.put("hu", c.peakHu());
            r.put("diameterMm", Math.round(c.diameterMm() * 100) / 100.0);
            r.put("reason", c.rejection());
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
