package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.LoadedSeries;
import org.vertebroplan.dicom.ScanResult;
import org.vertebroplan.dicom.SeriesInfo;
import org.vertebroplan.dicom.SkippedFile;
import org.vertebroplan.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code vertebroplan info DICOM_DIR}: scans a folder tree, loads every image series and prints, per
 * series, its identity, grid, geometry, transfer syntaxes, HU range and exact HU sum, warnings, and
 * the files skipped with their reasons (docs/cli.md, "info"). A series that cannot be trusted is
 * listed under "skipped" with the reason; exit 3 when no series can be loaded. With {@code --repeat N}
 * the whole import runs N more times and {@code millis.loadMedian} is added.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe the DICOM series in a folder (JSON on stdout).")
public final class InfoCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    DicomDirParameter ct = new DicomDirParameter();

    @picocli.CommandLine.Mixin
    Benchmark bench = new Benchmark();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What one import pass found: the series described (volumes already dropped) and every file left out. */
    private record Result(List<ObjectNode> series, List<SkippedFile> skipped) {
    }

    @Override
    public Integer call() throws Exception {
        bench.check(spec);
        StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), "info");
        long t0 = System.nanoTime();
        Result r = importAll(progress, true);
        long firstMs = Benchmark.millisSince(t0);
        double[] times = bench.times(() -> importAll(ProgressListener.NONE, false));
        ObjectNode root = Json.object();
        ArrayNode series = root.putArray("series");
        r.series.forEach(series::add);
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedFile s : r.skipped) {
            ObjectNode o = skipped.addObject();
            o.put("file", relative(s.file()));
            o.put("reason", s.reason());
        }
        if (times.length > 0) {
            ObjectNode millis = root.putObject("millis");
            millis.put("load", firstMs);
            millis.put("loadMedian", Math.round(Benchmark.median(times)));
        }
        Json.print(spec.commandLine().getOut(), root);
        return 0;
    }

    /**
     * Scans and loads every series, one at a time; with {@code describe} each volume is summarized
     * as soon as it is built, so that only one volume is in memory at a time.
     */
    private Result importAll(ProgressListener progress, boolean describe) throws Exception {
        ScanResult scan = DicomImport.scan(ct.dir, (f, m) -> progress.progress(0.2 * f, m));
        List<ObjectNode> described = new ArrayList<>();
        List<SkippedFile> leftOut = new ArrayList<>();
        List<SkippedFile> refused = new ArrayList<>();
        int loaded = 0;
        int n = scan.series().size();
        for (int s = 0; s < n; s++) {
            SeriesInfo info = scan.series().get(s);
            double from = 0.2 + 0.8 * s / n, to = 0.2 + 0.8 * (s + 1) / n;
            try {
                LoadedSeries ls = DicomImport.load(info, (f, m) -> progress.progress(from + (to - from) * f, m));
                loaded++;
                leftOut.addAll(ls.skipped());
                if (describe) {
                    described.add(describe(ls));
                }
            } catch (BadInputException ex) {
                refused.add(new SkippedFile(info.first().file().getParent(),
                    "series " + info.seriesInstanceUid() + " (" + info.size() + " slices) refused: " + ex.getMessage()));
            }
        }
        if (loaded == 0) {
            String why = !refused.isEmpty() ? refused.get(0).reason()
                : scan.skipped().isEmpty() ? "no files"
                : scan.skipped().size() + " file(s) skipped, e.g. " + relative(scan.skipped().get(0).file()) + ": "
                + scan.skipped().get(0).reason();
            throw new BadInputException("no usable DICOM image series in " + ct.dir + ": " + why);
        }
        List<SkippedFile> skipped = new ArrayList<>(scan.skipped());
        skipped.addAll(leftOut);
        skipped.addAll(refused);
        return new Result(described, skipped);
    }

    private ObjectNode describe(LoadedSeries ls) {
        Volume v = ls.volume();
        SeriesInfo info = ls.series();
        ObjectNode o = Json.object();
        o.put("seriesInstanceUid", info.seriesInstanceUid());
        o.put("modality", info.modality());
        o.put("description", info.description());
        o.put("columns", v.nx());
        o.put("rows", v.ny());
        o.put("slices", v.nz());
        o.set("spacingMm", Json.array(v.spacingMm()));
        o.set("originLps", Json.array(v.ijkToLps().translation()));
        o.set("rowDirection", Json.array(ls.geometry().rowDirection()));
        o.set("columnDirection", Json.array(ls.geometry().columnDirection()));
        o.set("sliceDirection", Json.array(ls.geometry().normal()));
        o.put("patientPosition", info.first().patientPosition());
        ArrayNode ts = o.putArray("transferSyntaxes");
        info.transferSyntaxes().forEach(ts::add);
        short min = Short.MAX_VALUE, max = Short.MIN_VALUE;
        long sum = 0;
        for (short h : v.voxels()) {
            min = h < min ? h : min;
            max = h > max ? h : max;
            sum += h;
        }
        o.put("huMin", min);
        o.put("huMax", max);
        o.put("huSum", sum);
        ArrayNode w = o.putArray("warnings");
        ls.warnings().forEach(w::add);
        return o;
    }

    private String relative(Path p) {
        Path base = ct.dir.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs).toString() : p.toString();
        return s.replace('\\', '/');
    }
}
