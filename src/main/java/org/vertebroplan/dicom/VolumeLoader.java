package org.vertebroplan.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * Builds the HU volume of one series: decodes every slice on all cores (straight into the volume when
 * the grid is regular), checks that duplicate slices really hold the same pixels, and otherwise
 * resamples onto the regular grid of {@link SeriesGeometry} (bilinear in the slice plane, linear along
 * the normal; voxels outside every slice get {@link PixelModule#PADDING_HU}). A slice that cannot be
 * decoded is left out with its reason and the grid is decided again without it, so one corrupt file
 * never aborts nor silently corrupts the volume.
 */
public final class VolumeLoader {

    private VolumeLoader() {
    }

    public static LoadedSeries load(SeriesInfo series, ProgressListener progress) throws IOException {
        List<SliceHeader> slices = new ArrayList<>(series.slices());
        List<SkippedFile> failed = new ArrayList<>();
        while (true) {
            SeriesGeometry g = SeriesGeometry.of(slices);
            List<SliceHeader> jobs = new ArrayList<>(g.sources());
            jobs.addAll(g.duplicates());
            int plane = g.sources().get(0).rows() * g.sources().get(0).columns();
            final short[] direct = g.resampled() ? null : new short[g.nx() * g.ny() * g.nz()];
            short[][] own = new short[jobs.size()][];
            String[] errors = new String[jobs.size()];
            ConcurrentHashMap<PixelModule, short[]> tables = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            int nSources = g.sources().size();
            Parallel.forEach(jobs.size(), s -> {
                try {
                    DicomFile f = DicomReader.read(jobs.get(s).file());
                    PixelModule pm = PixelModule.of(f.dataset());
                    if (pm.rows() * pm.columns() != plane || pm.frames() != 1) {
                        throw new BadInputException("image size changed since the scan");
                    }
                    short[] table = tables.computeIfAbsent(pm, PixelModule::huTable);
                    if (direct != null && s < nSources) {
                        PixelDecoder.decodeHu(f, pm, table, direct, s * plane);
                    } else {
                        own[s] = new short[plane];
                        PixelDecoder.decodeHu(f, pm, table, own[s], 0);
                    }
                } catch (IOException ex) {
                    errors[s] = ex.getMessage();
                }
                int d = done.incrementAndGet();
                progress.progress(0.9 * d / jobs.size(), "decoding slices " + d + "/" + jobs.size());
            });
            List<SliceHeader> bad = new ArrayList<>();
            for (int s = 0; s < jobs.size(); s++) {
                if (errors[s] != null) {
                    bad.add(jobs.get(s));
                    failed.add(new SkippedFile(jobs.get(s).file(), errors[s]));
                }
            }
            if (!bad.isEmpty()) {
                slices.removeAll(bad);
                if (slices.isEmpty()) {
                    throw new BadInputException("no slice of series " + series.seriesInstanceUid() + " could be decoded: "
                        + failed.get(0).reason());
                }
                continue;
            }
            checkDuplicates(g, direct, own, plane);
            short[] vol = direct;
            if (g.resampled()) {
                progress.progress(0.9, "resampling onto a regular grid");
                vol = Resampler.resample(g, Arrays.copyOf(own, nSources));
            }
            progress.progress(1.0, "volume ready");
            List<String> warnings = new ArrayList<>(g.warnings());
            if (!failed.isEmpty()) {
                warnings.add(failed.size() + " slice(s) could not be decoded and were left out (first: "
                    + failed.get(0).file().getFileName() + ": " + failed.get(0).reason() + ")");
            }
            plausibility(vol, warnings);
            Volume v = new Volume(g.nx(), g.ny(), g.nz(), vol, g.ijkToLps());
            return new LoadedSeries(v, series, g, warnings, failed);
        }
    }

    /** Warns when HU values lie far outside what a CT can hold (a corrupt stream decoded as noise). */
    private static void plausibility(short[] vol, List<String> warnings) {
        long outside = 0;
        int min = Short.MAX_VALUE, max = Short.MIN_VALUE;
        for (short h : vol) {
            if (h < -4000 || h > 16000) {
                outside++;
            }
            min = Math.min(min, h);
            max = Math.max(max, h);
        }
        if (outside > 0) {
            warnings.add(String.format(java.util.Locale.ROOT, "implausible HU values (%d to %d, %.2f%% of voxels"
                + " below -4000 or above 16000): the pixel data may be corrupt", min, max, 100.0 * outside / vol.length));
        }
    }

    private static void checkDuplicates(SeriesGeometry g, short[] vol, short[][] own, int plane)
        throws BadInputException {
        int nSources = g.sources().size();
        for (int t = 0; t < g.duplicates().size(); t++) {
            int keptIndex = g.sources().indexOf(g.duplicateOf().get(t));
            short[] dup = own[nSources + t];
            boolean same = vol != null
                ? Arrays.equals(dup, 0, plane, vol, keptIndex * plane, (keptIndex + 1) * plane)
                : Arrays.equals(dup, own[keptIndex]);
            if (!same) {
                throw new BadInputException("two different images at the same slice position ("
                    + g.duplicateOf().get(t).file().getFileName() + " and " + g.duplicates().get(t).file().getFileName()
                    + "): the series cannot be stacked");
            }
        }
    }
}
