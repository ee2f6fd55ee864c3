package org.vertebroplan.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.dicom.DicomWriterCtSeries;
import org.vertebroplan.dicom.DicomWriterUids;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * Writes a synthetic case folder: {@code dicom/} (a CT Image Storage series, one Part-10 file per slice,
 * in the requested patient position and transfer syntax), {@code plan.json} (the true skin markers and
 * the two pedicle-axis needles, see {@link PhantomLayout}) and {@code truth.json} ({@link PhantomTruth}).
 *
 * <p>How: sample the model on the canonical LPS grid with noise ({@link PhantomVolume}), then write each
 * slice re-ordered by {@link PhantomEncoding}; stored value = HU + 1024 (RescaleIntercept -1024, slope
 * 1). UIDs are 2.25 UIDs of names made of the seed, the position and (except for the default anatomy) the
 * anatomy's key, so the output depends only on the options: the same options give the same bytes. Existing
 * files named like ours are replaced; a {@code dicom/} folder with other files in it is refused (mixing
 * series would confuse readers).
 */
public final class PhantomCase {

    /** Rescale intercept of the written series (stored = HU - intercept). */
    public static final double RESCALE_INTERCEPT = -1024;

    /** What was written, with timings. */
    public record Result(Path dicomDir, Path planFile, Path truthFile, int slices, long dicomBytes,
                         String seriesInstanceUid, Plan plan, long sampleMillis, long writeMillis) {
    }

    private PhantomCase() {
    }

    /** Case label used in plan.json. */
    public static String caseId(long seed) {
        return caseId(PhantomAnatomy.LEVEL, seed);
    }

    static String caseId(String level, long seed) {
        return "phantom-" + level + "-seed-" + seed;
    }

    /** UIDs from the seed, the position and (for other than the default anatomy) the anatomy's key. */
    static String uid(PhantomOptions o, String role) {
        String anatomy = o.anatomy().isDefault() ? "" : "/anatomy=" + o.anatomy().key();
        return DicomWriterUids.fromName("vertebroplan-phantom/seed=" + o.seed() + "/position=" + o.position()
            + anatomy + "/" + role);
    }

    /**
     * The true plan of the phantom (markers M1..M3 cranial to caudal, needles along the pedicle axes from
     * where they meet the skin to the targets), for the model's layout.
     */
    public static Plan truePlan(PhantomOptions o, PhantomModel model) {
        PhantomLayout layout = model.layout();
        List<Fiducial> fiducials = new ArrayList<>();
        for (int i = 0; i < PhantomAnatomy.MARKER_W.size(); i++) {
            fiducials.add(new Fiducial("M" + (i + 1), layout.markerLps(i)));
        }
        List<Needle> needles = new ArrayList<>();
        for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
            needles.add(new Needle(side.jsonName(), side, layout.needleEntryLps(side), layout.targetLps(side),
                PhantomAnatomy.NEEDLE_DIAMETER, PhantomAnatomy.NEEDLE_WORKING_LENGTH));
        }
        String level = layout.level().name();
        return new Plan(caseId(level, o.seed()), level, uid(o, "series"), fiducials, needles)
            .withSeries(uid(o, "series"), uid(o, "frame-of-reference"));
    }

    /** Generates and writes the case into {@code outDir}. */
    public static Result write(Path outDir, PhantomOptions o) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new BadInputException(outDir + " is a file: the phantom needs an output folder");
        }
        Path dicomDir = outDir.resolve("dicom");
        Files.createDirectories(dicomDir);
        try (Stream<Path> files = Files.list(dicomDir)) {
            List<Path> foreign = files.filter(p -> !p.getFileName().toString().matches("CT\\d{4}\\.dcm")).toList();
            if (!foreign.isEmpty()) {
                throw new BadInputException(dicomDir + " already holds other files (" + foreign.get(0).getFileName()
                    + "): choose an empty output folder");
            }
        }
        try (Stream<Path> files = Files.list(dicomDir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        long t0 = System.nanoTime();
        PhantomGrid g = o.grid();
        PhantomLayout layout = new PhantomLayout(o.anatomy());
        Volume volume = PhantomVolume.sample(layout, g, o.seed(), o.noiseSigmaHu());
        long t1 = System.nanoTime();

        PhantomEncoding enc = new PhantomEncoding(g, o.position());
        DicomWriterCtSeries series = series(o, enc);
        short[] hu = volume.voxels();
        long[] sizes = new long[g.nz()];
        IOException[] failure = new IOException[1];
        IntStream.range(0, g.nz()).parallel().forEach(c -> {
            short[] stored = new short[g.nx() * g.ny()];
            int base = c * g.nx() * g.ny();
            for (int j = 0; j < g.ny(); j++) {
                int b = enc.canonicalB(j);
                for (int i = 0; i < g.nx(); i++) {
                    stored[i + g.nx() * j] = (short) (hu[base + enc.canonicalA(i) + g.nx() * b] - (int) RESCALE_INTERCEPT);
                }
            }
            int instance = enc.instanceNumber(c);
            Path file = dicomDir.resolve(String.format(Locale.ROOT, "CT%04d.dcm", instance));
            try {
                series.writeSlice(file, uid(o, "instance=" + instance), instance, enc.imagePositionLps(c), stored,
                    o.syntax(), o.deflateLevel());
                sizes[c] = Files.size(file);
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        long bytes = java.util.Arrays.stream(sizes).sum();
        PhantomModel model = new PhantomModel(layout, g.meanSpacing());
        Plan plan = truePlan(o, model);
        Path planFile = outDir.resolve("plan.json");
        PlanJson.save(plan, planFile);
        Path truthFile = outDir.resolve("truth.json");
        PhantomTruth.write(truthFile, o, enc, plan, model, series);
        long t2 = System.nanoTime();
        return new Result(dicomDir, planFile, truthFile, g.nz(), bytes, series.seriesInstanceUid(), plan,
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    static DicomWriterCtSeries series(PhantomOptions o, PhantomEncoding enc) {
        PhantomGrid g = o.grid();
        return new DicomWriterCtSeries("PHANTOM^SYNTHETIC", "PHANTOM-" + o.seed(), uid(o, "study"), uid(o, "series"),
            uid(o, "frame-of-reference"), "20240102", "093000", 1,
            "Synthetic prone " + o.anatomy().level().region() + " CT " + o.anatomy().level().name() + " "
                + o.position(), o.position().name(),
            o.position().rowDirection(), o.position().columnDirection(), g.dy(), g.dx(), g.dz(), enc.rows(),
            enc.columns(), RESCALE_INTERCEPT, 1);
    }

    /** Convenience for tests: the LPS of image column i, row j of canonical slice c. */
    static Vec3 pixelLps(PhantomEncoding enc, int i, int j, int c) {
        return enc.grid().lps(enc.canonicalA(i), enc.canonicalB(j), c);
    }
}
