package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Path;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The importer's front door: a folder tree of DICOM files to the HU volume of a series (by default the
 * largest axial CT, see {@link ScanResult#defaultSeries()}). Two steps for a user interface:
 * {@link #scan} lists the series and the skipped files, {@link #load(ScanResult, String, ProgressListener)}
 * builds the chosen one. Every failure is a {@link BadInputException} with a reason a user can act on.
 */
public final class DicomImport {

    private DicomImport() {
    }

    /** Scans then loads the default series; progress runs 0..1 once over both steps. */
    public static Volume loadVolume(Path dir, ProgressListener progress) throws IOException {
        return loadDefault(dir, progress).volume();
    }

    /** Like {@link #loadVolume} with the metadata and warnings of the series. */
    public static LoadedSeries loadDefault(Path dir, ProgressListener progress) throws IOException {
        ScanResult scan = scan(dir, scaled(progress, 0, 0.3));
        SeriesInfo s = scan.defaultSeries().orElseThrow(() -> noSeries(dir, scan));
        return VolumeLoader.load(s, scaled(progress, 0.3, 1.0));
    }

    /**
     * Loads the series with this UID when the folder has it (a plan names the series it was made on),
     * else the default series, then with a warning saying so; a null UID means the default series.
     * Progress runs 0..1 once over the scan and the load.
     */
    public static LoadedSeries loadPreferring(Path dir, String seriesInstanceUid, ProgressListener progress)
        throws IOException {
        ScanResult scan = scan(dir, scaled(progress, 0, 0.3));
        ProgressListener rest = scaled(progress, 0.3, 1.0);
        if (seriesInstanceUid != null && scan.find(seriesInstanceUid).isPresent()) {
            return load(scan, seriesInstanceUid, rest);
        }
        LoadedSeries s = VolumeLoader.load(scan.defaultSeries().orElseThrow(() -> noSeries(dir, scan)), rest);
        if (seriesInstanceUid == null) {
            return s;
        }
        java.util.List<String> warnings = new java.util.ArrayList<>(s.warnings());
        warnings.add("series " + seriesInstanceUid + " is not in this folder: the default series was used instead");
        return new LoadedSeries(s.volume(), s.series(), s.geometry(), warnings, s.skipped());
    }

    /** Lists the image series under {@code dir} and the files skipped, with reasons. */
    public static ScanResult scan(Path dir, ProgressListener progress) throws IOException {
        return SeriesScanner.scan(dir, progress);
    }

    /** Loads the series with the given UID from a scan. */
    public static LoadedSeries load(ScanResult scan, String seriesInstanceUid, ProgressListener progress)
        throws IOException {
        SeriesInfo s = scan.find(seriesInstanceUid)
            .orElseThrow(() -> new BadInputException("no image series with UID " + seriesInstanceUid));
        return VolumeLoader.load(s, progress);
    }

    /** Loads one series found by a scan. */
    public static LoadedSeries load(SeriesInfo series, ProgressListener progress) throws IOException {
        return VolumeLoader.load(series, progress);
    }

    static BadInputException noSeries(Path dir, ScanResult scan) {
        String why = scan.skipped().isEmpty() ? "no files"
            : scan.skipped().size() + " file(s) skipped, e.g. " + scan.skipped().get(0).file().getFileName() + ": "
            + scan.skipped().get(0).reason();
        return new BadInputException("no usable DICOM image series in " + dir + " (" + why + ")");
    }

    private static ProgressListener scaled(ProgressListener p, double from, double to) {
        return (f, msg) -> p.progress(from + (to - from) * f, msg);
    }
}
