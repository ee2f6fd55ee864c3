package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.ObjWriter;
import org.vertebroplan.io.PlyWriter;
import org.vertebroplan.io.StlWriter;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan mesh DICOM_DIR --iso HU --out FILE.stl}: loads a CT series, extracts the
 * iso-surface (closed at the volume border, see {@link SurfaceExtractor}), checks it as an STL reader
 * would ({@link MeshChecks}) and writes it: binary STL (ASCII with {@code --ascii}), or OBJ / PLY by
 * the file extension. Prints the JSON of docs/cli.md ("mesh"). With {@code --repeat N} the extraction alone runs
 * N more times after the first (warm-up) and {@code millis.extractMedian} is added. The file header
 * names the iso value only, never the patient.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true, description = "Extract an iso-surface from a CT series and write it (JSON on stdout).")
public final class MeshCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @Option(names = "--iso", required = true, paramLabel = "HU", description = "iso value in HU (bone ~250, skin ~-300)")
    double isoHu;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "output .stl (binary), .obj or .ply")
    Path out;

    @Option(names = "--series", paramLabel = "UID", description = "series to use (default: the largest axial CT)")
    String series;

    @Option(names = "--roi-lps", paramLabel = "x0,y0,z0,x1,y1,z1", split = ",",
        description = "region of interest: two opposite corners of a box in LPS mm")
    double[] roiLps;

    @Option(names = "--seed-lps", paramLabel = "x,y,z", split = ",",
        description = "keep the connected piece containing this LPS point")
    double[] seedLps;

    @Option(names = "--largest", description = "keep the piece enclosing the largest volume")
    boolean largest;

    @Option(names = "--gaussian", paramLabel = "SIGMA_MM", description = "Gaussian pre-smoothing of the volume (mm)")
    double gaussianMm;

    @Option(names = "--smooth", paramLabel = "N", description = "Taubin smoothing iterations")
    int smooth;

    @Option(names = "--target-triangles", paramLabel = "N", description = "decimate to about N triangles")
    int targetTriangles;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Option(names = "--ascii", description = "write ASCII STL instead of binary")
    boolean ascii;

    @picocli.CommandLine.Mixin
    Benchmark bench = new Benchmark();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SurfaceOptions options = options();
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".stl") && !name.endsWith(".obj") && !name.endsWith(".ply")) {
            throw new ParameterException(spec.commandLine(), "--out must end with .stl, .obj or .ply");
        }
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), "mesh");
        long t0 = System.nanoTime();
        Volume volume = load((f, m) -> progress.progress(0.5 * f, m));
        long t1 = System.nanoTime();
        Mesh mesh = SurfaceExtractor.extract(volume, isoHu, options, (f, m) -> progress.progress(0.5 + 0.5 * f, m));
        long t2 = System.nanoTime();
        double[] times = bench.times(() -> SurfaceExtractor.extract(volume, isoHu, options));
        if (mesh.triangleCount() == 0) {
            throw new BadInputException(String.format(Locale.ROOT,
                "no surface at %s HU: no voxel of the %s reaches it", fmt(isoHu),
                options.roiMinLps() == null ? "volume" : "region of interest"));
        }
        MeshReport report = MeshChecks.check(mesh);
        String label = "iso " + fmt(isoHu) + " HU";
        if (name.endsWith(".obj")) {
            ObjWriter.write(mesh, out, label);
        } else if (name.endsWith(".ply")) {
            PlyWriter.write(mesh, out, label);
        } else if (ascii) {
            StlWriter.writeAscii(mesh, out, label);
        } else {
            StlWriter.writeBinary(mesh, out, label);
        }
        long t3 = System.nanoTime();
        ObjectNode root = Json.object();
        root.put("triangles", report.triangles());
        root.put("vertices", report.vertices());
        root.put("areaMm2", report.areaMm2());
        root.put("volumeMm3", report.volumeMm3());
        root.put("closed", report.closed());
        root.put("boundaryEdges", report.boundaryEdges());
        root.put("nonManifoldEdges", report.nonManifoldEdges());
        root.put("components", report.components());
        ObjectNode millis = root.putObject("millis");
        millis.put("load", Math.round((t1 - t0) / 1e6));
        millis.put("extract", Math.round((t2 - t1) / 1e6));
        millis.put("total", Math.round((t3 - t0) / 1e6));
        if (times.length > 0) {
            millis.put("extractMedian", Math.round(Benchmark.median(times)));
        }
        Json.print(spec.commandLine().getOut(), root);
        return 0;
    }

    private Volume load(ProgressListener progress) throws Exception {
        if (series == null) {
            return DicomImport.loadVolume(ct.dir, progress);
        }
        return DicomImport.load(DicomImport.scan(ct.dir, (f, m) -> progress.progress(0.3 * f, m)), series,
            (f, m) -> progress.progress(0.3 + 0.7 * f, m)).volume();
    }

    private SurfaceOptions options() {
        if (!Double.isFinite(isoHu)) {
            throw new ParameterException(spec.commandLine(), "--iso must be a number of HU");
        }
        if (bench.repeat < 0 || smooth < 0 || targetTriangles < 0 || (threads != null && threads < 1)) {
            throw new ParameterException(spec.commandLine(),
                "--repeat, --smooth and --target-triangles must be >= 0, --threads >= 1");
        }
        if (roiLps != null && roiLps.length != 6) {
            throw new ParameterException(spec.commandLine(), "--roi-lps needs 6 numbers: x0,y0,z0,x1,y1,z1");
        }
        if (seedLps != null && seedLps.length != 3) {
            throw new ParameterException(spec.commandLine(), "--seed-lps needs 3 numbers: x,y,z");
        }
        for (double[] a : new double[][] {roiLps, seedLps}) {
            for (double x : a == null ? new double[0] : a) {
                if (!Double.isFinite(x)) {
                    throw new ParameterException(spec.commandLine(), "--roi-lps and --seed-lps need finite numbers (mm)");
                }
            }
        }
        if (!(gaussianMm >= 0 && gaussianMm <= 50)) {
            throw new ParameterException(spec.commandLine(), "--gaussian must be in [0, 50] mm");
        }
        SurfaceOptions o = SurfaceOptions.defaults();
        if (threads != null) {
            o = o.withThreads(threads);
        }
        if (roiLps != null) {
            o = o.withRoi(new Vec3(roiLps[0], roiLps[1], roiLps[2]), new Vec3(roiLps[3], roiLps[4], roiLps[5]));
        }
        if (seedLps != null) {
            o = o.withSeed(new Vec3(seedLps[0], seedLps[1], seedLps[2]));
        }
        return o.withKeepLargest(largest).withGaussianSigma(gaussianMm).withSmoothing(smooth)
            .withTargetTriangles(targetTriangles);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
