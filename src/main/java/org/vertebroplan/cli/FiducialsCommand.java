package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.plan.FiducialDetector;
import org.vertebroplan.plan.FiducialOptions;
import org.vertebroplan.plan.MarkerCandidate;
import org.vertebroplan.plan.MarkerPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan fiducials DICOM_DIR}: detects the radiopaque skin markers and prints them
 * cranial to caudal as M1, M2, M3, with the candidates that were rejected and why, what the detector measured
 * on each (scores) and how the three fit the marker pattern (docs/cli.md).
 */
@Command(name = "fiducials", mixinStandardHelpOptions = true,
    description = "Detect the radiopaque skin markers (M1..M3, cranial to caudal) in a CT series.")
final class FiducialsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @Override
    public Integer call() throws Exception {
        LoadedSeries series = DicomImport.loadDefault(ct.dir,
            new StderrProgress(spec.commandLine().getErr(), "load"));
        FiducialDetector.Detection d = FiducialDetector.detect(series.volume(), FiducialOptions.defaults());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("fiducials");
        List<MarkerCandidate> markers = d.markers();
        for (int n = 0; n < markers.size(); n++) {
            ObjectNode f = list.addObject();
            f.put("id", "M" + (n + 1));
            describe(f, markers.get(n));
        }
        ArrayNode warnings = out.putArray("warnings");
        series.warnings().forEach(warnings::add);
        d.warnings().forEach(warnings::add);
        ArrayNode rejected = out.putArray("rejected");
        for (MarkerCandidate c : d.rejected()) {
            describe(rejected.addObject(), c).put("reason", c.rejection());
        }
        MarkerPattern p = d.pattern();
        if (p == null) {
            out.putNull("pattern");
        } else {
            ObjectNode j = out.putObject("pattern");
            j.set("spacingsMm", Json.array(round(p.spacing12Mm()), round(p.spacing23Mm())));
            j.put("lineResidualMm", round(p.lineResidualMm()));
            j.put("bendDeg", round(p.bendDeg()));
            j.put("tiltDeg", round(p.tiltDeg()));
            j.put("fits", p.fits());
            ArrayNode misfits = j.putArray("misfits");
            p.misfits().forEach(misfits::add);
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    /** Position, peak, size and the measurements the detector judged the candidate on. */
    private static ObjectNode describe(ObjectNode o, MarkerCandidate c) {
        o.set("lps", Json.mm(c.lps()));
        o.put("hu", c.peakHu());
        o.put("diameterMm", round(c.diameterMm()));
        o.put("voxels", c.voxels());
        ObjectNode s = o.putObject("scores");
        number(s, "contrastHu", c.contrastHu());
        number(s, "spread", c.spread());
        number(s, "elongation", c.elongation());
        number(s, "density", c.density());
        number(s, "tissueFraction", c.tissueFraction());
        number(s, "boneFraction", c.boneFraction());
        number(s, "skinDistanceMm", c.skinDistanceMm());
        return o;
    }

    /** A rounded number, or null where the detector did not measure it (NaN, or no air found: infinity). */
    private static void number(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, round(value));
        } else {
            o.putNull(key);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
