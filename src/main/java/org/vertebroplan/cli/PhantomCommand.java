package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vertebroplan phantom --out DIR [--patient-position P] [--seed N] [--transfer-syntax S]}: writes
 * the synthetic prone lumbar CT case (DIR/dicom/, DIR/plan.json, DIR/truth.json, see docs/phantom.md)
 * and prints a short JSON summary.
 */
@Command(name = "phantom", mixinStandardHelpOptions = true,
    description = "Write a synthetic prone CT of one lumbar level with known answers: DIR/dicom/, "
        + "DIR/plan.json (true markers and pedicle-axis needles), DIR/truth.json.")
final class PhantomCommand implements Callable<Integer> {

    enum Syntax { explicit, deflated }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--patient-position", paramLabel = "P", defaultValue = "HFP",
        description = "DICOM patient position used to encode the same anatomy: ${COMPLETION-CANDIDATES} "
            + "(default ${DEFAULT-VALUE}).")
    PhantomPosition position;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the noise and UIDs (default ${DEFAULT-VALUE}); same seed, same bytes.")
    long seed;

    @Option(names = "--transfer-syntax", paramLabel = "S", defaultValue = "explicit",
        description = "explicit (Explicit VR Little Endian) or deflated (Deflated Explicit VR Little Endian); "
            + "default ${DEFAULT-VALUE}.")
    Syntax syntax;

    double noiseHu;

    @Option(names = "--noise", paramLabel = "HU", defaultValue = "12",
        description = "Standard deviation of the Gaussian noise inside the body, 0..200 (default ${DEFAULT-VALUE}).")
    void setNoise(double hu) {
        if (!(hu >= 0 && hu <= 200)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--noise must be within 0..200 HU");
        }
        noiseHu = hu;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        TransferSyntax ts = syntax == Syntax.deflated ? TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
            : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        PhantomOptions base = PhantomOptions.of(seed, position);
        PhantomOptions o = new PhantomOptions(seed, position, ts, noiseHu, base.deflateLevel(), base.grid());
        PhantomCase.Result r = PhantomCase.write(out, o);
        ObjectNode root = Json.object();
        root.put("out", out.toAbsolutePath().toString());
        root.put("dicomDir", r.dicomDir().toAbsolutePath().toString());
        root.put("planFile", r.planFile().toAbsolutePath().toString());
        root.put("truthFile", r.truthFile().toAbsolutePath().toString());
        root.put("seriesInstanceUid", r.seriesInstanceUid());
        root.put("patientPosition", position.name());
        root.put("transferSyntax", ts.uid());
        root.put("slices", r.slices());
        root.put("dicomBytes", r.dicomBytes());
        ArrayNode fids = root.putArray("fiducials");
        r.plan().fiducials().forEach(f -> fids.addObject().put("id", f.id()).set("lps", Json.array(f.lps())));
        ArrayNode needles = root.putArray("needles");
        for (Needle n : r.plan().needles()) {
            NeedleGeometry g = n.geometry();
            ObjectNode o2 = needles.addObject();
            o2.put("id", n.id());
            o2.put("depthMm", g.depthMm());
            o2.put("cranialDeg", g.cranialDeg());
            o2.put("abductionDeg", g.abductionDeg());
        }
        ObjectNode millis = root.putObject("millis");
        millis.put("sample", r.sampleMillis());
        millis.put("write", r.writeMillis());
        millis.put("total", (System.nanoTime() - t0) / 1_000_000);
        Json.print(spec.commandLine().getOut(), root);
        return 0;
    }
}
