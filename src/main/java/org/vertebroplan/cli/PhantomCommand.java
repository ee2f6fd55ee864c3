package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.vertebroplan.dicom.DicomWriter.TransferSyntax;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomLevel;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.phantom.PhantomVariant;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code vertebroplan phantom --out DIR [--patient-position P] [--seed N] [--transfer-syntax S] [--noise HU]
 * [--level L] [--rotate A,C,S] [--wedge DEG] [--posterior-wall-defect] [--pedicle-width MM]}: writes the
 * synthetic prone CT case (DIR/dicom/, DIR/plan.json, DIR/truth.json, see docs/phantom.md) and prints a short
 * JSON summary. Anatomy options out of their range are usage errors (exit 2).
 */
@Command(name = "phantom", mixinStandardHelpOptions = true,
    description = "Write a synthetic prone CT of one lumbar or thoracic level with known answers: DIR/dicom/, "
        + "DIR/plan.json (true markers and pedicle-axis needles), DIR/truth.json.")
final class PhantomCommand implements Callable<Integer> {

    enum Syntax { explicit, deflated }

    @picocli.CommandLine.Mixin
    OutDirOption out = new OutDirOption();

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

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "L2",
        description = "Target level: L2 (lumbar) or T8 (thoracic: ribs, lungs, mediastinum); "
            + "default ${DEFAULT-VALUE}.")
    String level;

    @Option(names = "--rotate", paramLabel = "AXIAL,CORONAL,SAGITTAL", split = ",", defaultValue = "0,0,0",
        description = "Turn the whole spine (bones, ribs, discs, canal) about the target body centre, in degrees, "
            + "as VertebraFrame.fromAngles defines them: axial rotation within -30..30 (positive: the front of the "
            + "body turns to the patient's left), coronal tilt within -20..20 (positive: the superior axis leans "
            + "left), sagittal tilt within -20..20 (positive: it leans anteriorly). Skin, organs, lungs and "
            + "markers stay. Default ${DEFAULT-VALUE}.")
    double[] rotate;

    @Option(names = "--wedge", paramLabel = "DEG", defaultValue = "0",
        description = "Anterior wedge compression fracture of the target body: its endplates make DEG degrees "
            + "(0..30), symmetric about its mid-plane; default ${DEFAULT-VALUE}.")
    double wedgeDeg;

    @Option(names = "--posterior-wall-defect",
        description = "A 6 x 8 mm window through the posterior cortex of the target body, with a fragment of "
            + "cortex pushed 2 mm into the canal.")
    boolean posteriorWallDefect;

    @Option(names = "--pedicle-width", paramLabel = "MM",
        description = "Isthmus width of both pedicles, from 2 mm up to the level's own (L2 8 mm, T8 6 mm).")
    Double pedicleWidthMm;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The anatomy the options ask for; a usage error when out of range. */
    PhantomVariant anatomy() {
        if (rotate == null || rotate.length != 3) {
            throw new ParameterException(spec.commandLine(),
                "--rotate needs 3 angles in degrees: AXIAL,CORONAL,SAGITTAL");
        }
        PhantomVariant v = checked("--level", () -> PhantomVariant.of(PhantomLevel.byName(level)));
        PhantomVariant turned = checked("--rotate", () -> v.withRotation(rotate[0], rotate[1], rotate[2]));
        PhantomVariant wedged = checked("--wedge", () -> turned.withWedge(wedgeDeg));
        if (pedicleWidthMm == null) {
            return wedged.withPosteriorWallDefect(posteriorWallDefect);
        }
        if (pedicleWidthMm == 0) {
            throw new ParameterException(spec.commandLine(), "--pedicle-width: must be a width in mm, not 0");
        }
        return checked("--pedicle-width", () -> wedged.withPedicleWidth(pedicleWidthMm))
            .withPosteriorWallDefect(posteriorWallDefect);
    }

    private PhantomVariant checked(String option, Supplier<PhantomVariant> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        TransferSyntax ts = syntax == Syntax.deflated ? TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
            : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        PhantomVariant anatomy = anatomy();
        PhantomOptions o = PhantomOptions.of(seed, position).withAnatomy(anatomy).withSyntax(ts).withNoise(noiseHu);
        PhantomCase.Result r = PhantomCase.write(out.dir, o);
        ObjectNode root = Json.object();
        root.put("out", out.dir.toAbsolutePath().toString());
        root.put("dicomDir", r.dicomDir().toAbsolutePath().toString());
        root.put("planFile", r.planFile().toAbsolutePath().toString());
        root.put("truthFile", r.truthFile().toAbsolutePath().toString());
        root.put("seriesInstanceUid", r.seriesInstanceUid());
        root.put("patientPosition", position.name());
        root.put("transferSyntax", ts.uid());
        if (!anatomy.isDefault()) {
            ObjectNode a = root.putObject("anatomy");
            a.put("level", anatomy.level().name());
            a.set("rotateDeg", Json.array(anatomy.axialRotationDeg(), anatomy.coronalTiltDeg(),
                anatomy.sagittalTiltDeg()));
            a.put("wedgeDeg", anatomy.wedgeDeg());
            a.put("posteriorWallDefect", anatomy.posteriorWallDefect());
            a.put("pedicleWidthMm", 2 * anatomy.pedicleHalfWidth());
        }
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
        millis.put("total", Benchmark.millisSince(t0));
        Json.print(spec.commandLine().getOut(), root);
        return 0;
    }
}
