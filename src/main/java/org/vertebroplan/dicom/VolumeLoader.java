package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.base.ProgressListener;
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
            List<SliceHeader> slots = new ArrayList<>(g.sources());
            slots.addAll(g.duplicates());
            int plane = g.sources().get(0).rows() * g.sources().get(0).columns();
            requireMemory(g, plane, slots.size());
            final short[] direct = g.resampled() ? null : new short[g.nx() * g.ny() * g.nz()];
            short[][] own = new short[slots.size()][];
            int nSources = g.sources().size();
            Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
            for (int s = 0; s < slots.size(); s++) {
                byFile.computeIfAbsent(slots.get(s).file(), k -> new ArrayList<>()).add(s);
            }
            List<Path> files = new ArrayList<>(byFile.keySet());
            String[] errors = new String[files.size()];
            int[] range = new int[slots.size()]; // implausible voxels of each slot, counted while in cache
            Map<PixelModule, short[]> tables = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            Parallel.forEach(Runtime.getRuntime().availableProcessors(), files.size(), fi -> {
                try {
                    decodeFile(files.get(fi), byFile.get(files.get(fi)), slots, nSources, plane, direct, own, tables, range);
                } catch (IOException ex) {
                    errors[fi] = ex.getMessage();
                }
                int d = done.incrementAndGet();
                progress.progress(0.9 * d / files.size(), "decoding files " + d + "/" + files.size());
            });
            List<SliceHeader> bad = new ArrayList<>();
            for (int fi = 0; fi < files.size(); fi++) {
                if (errors[fi] != null) {
                    for (int s : byFile.get(files.get(fi))) {
                        bad.add(slots.get(s));
                    }
                    failed.add(new SkippedFile(files.get(fi), errors[fi]));
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
            plausibility(vol, range, nSources, warnings);
            Volume v = new Volume(g.nx(), g.ny(), g.nz(), vol, g.ijkToLps());
            return new LoadedSeries(v, series, g, warnings, failed);
        }
    }

    /**
     * Checks, before anything is allocated, that the heap left holds the volume and the slices kept
     * apart (every slice when the grid is resampled, else the duplicates), so that a series declaring
     * more than memory holds (many small files of large images) is refused with a reason.
     */
    private static void requireMemory(SeriesGeometry g, int plane, int slots) throws BadInputException {
        long voxels = (long) g.nx() * g.ny() * g.nz();
        long apart = g.resampled() ? slots : g.duplicates().size();
        HeapGuard.require(2 * voxels + 2L * plane * apart, String.format(Locale.ROOT, "the volume of %d x %d x %d"
            + " voxels", g.nx(), g.ny(), g.nz()));
    }

    /**
     * Decodes one file (all its frames) and puts each frame where it belongs: straight into the volume
     * for a single-frame source slice of a regular grid, else into the slot's own array.
     */
    private static void decodeFile(Path file, List<Integer> slotIndices, List<SliceHeader> slots, int nSources,
                                   int plane, short[] direct, short[][] own, Map<PixelModule, short[]> cache,
                                   int[] range) throws IOException {
        DicomFile f = DicomReader.readReusingBuffer(file);
        PixelModule pm = PixelModule.of(f.dataset());
        PixelDecoder.checkSize(f, pm);
        if (pm.framePixels() != plane) {
            throw new BadInputException("image size changed since the scan");
        }
        for (int s : slotIndices) {
            if (slots.get(s).frame() >= pm.frames()) {
                throw new BadInputException("frame count changed since the scan");
            }
        }
        short[][] tables = PixelDecoder.tables(f, pm, cache);
        boolean check = false; // only tables that can produce implausible HU need a scan of the voxels
        for (short[] t : tables) {
            check |= PLAUSIBLE.computeIfAbsent(t, VolumeLoader::plausibleTable) == Boolean.FALSE;
        }
        int first = slotIndices.get(0);
        if (pm.frames() == 1 && slotIndices.size() == 1 && direct != null && first < nSources) {
            PixelDecoder.decodeHu(f, pm, tables, direct, first * plane);
            if (check) {
                countImplausible(direct, first * plane, plane, range, first);
            }
            return;
        }
        HeapGuard.require(2L * pm.frames() * plane, "the " + pm.frames() + " frames of " + file.getFileName());
        short[] all = new short[pm.frames() * plane];
        PixelDecoder.decodeHu(f, pm, tables, all, 0);
        for (int s : slotIndices) {
            int from = slots.get(s).frame() * plane;
            if (direct != null && s < nSources) {
                System.arraycopy(all, from, direct, s * plane, plane);
            } else {
                own[s] = Arrays.copyOfRange(all, from, from + plane);
            }
            if (check) {
                countImplausible(all, from, plane, range, s);
            }
        }
    }

    /** Whether every value a HU table can produce is plausible (by identity: tables are shared). */
    private static final Map<short[], Boolean> PLAUSIBLE =
        java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Boolean plausibleTable(short[] t) {
        for (short v : t) {
            if (v < -4000 || v > 16000) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    /** Counts the implausible voxels of one slot (while the slice is in cache). */
    private static void countImplausible(short[] a, int from, int n, int[] range, int slot) {
        int outside = 0;
        for (int i = from, end = from + n; i < end; i++) {
            int v = a[i];
            outside += ((v + 4000) >>> 31) | ((16000 - v) >>> 31);
        }
        range[slot] = outside;
    }

    /**
     * Warns when HU values lie far outside what a CT can hold (a corrupt stream decoded as noise),
     * from the counts of the source slices (resampling interpolates, so it cannot leave their range).
     */
    private static void plausibility(short[] vol, int[] outsideCounts, int nSources, List<String> warnings) {
        long outside = 0;
        for (int s = 0; s < nSources; s++) {
            outside += outsideCounts[s];
        }
        if (outside == 0) {
            return;
        }
        int min = Short.MAX_VALUE, max = Short.MIN_VALUE;
        for (short h : vol) {
            min = Math.min(min, h);
            max = Math.max(max, h);
        }
        long total = (long) nSources * (vol.length / Math.max(1, nSources));
        warnings.add(String.format(java.util.Locale.ROOT, "implausible HU values (%d to %d, %.2f%% of source voxels"
            + " below -4000 or above 16000): the pixel data may be corrupt", min, max, 100.0 * outside / total));
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
                    + g.duplicateOf().get(t).label() + " and " + g.duplicates().get(t).label()
                    + "): the series cannot be stacked");
            }
        }
    }
}
