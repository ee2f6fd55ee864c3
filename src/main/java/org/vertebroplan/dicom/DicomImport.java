package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Path;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
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

    /**
     * Loads the series a plan was made on, and nothing else: the CT a guide is printed from must be the
     * one the needles were planned on. The series is {@code chosenUid} when given (the user's explicit
     * choice, e.g. {@code --series}), else the plan's; a plan that names no series takes the folder's only
     * series (refused when the folder holds several: the user chooses). Refused with the reason (and the
     * series the folder holds) when that series is not in the folder, and when the plan records a
     * FrameOfReferenceUID that differs from the series' (another patient or another scan).
     *
     * @param planSeriesUid   the plan's series, or null
     * @param planFrameOfRef  the plan's FrameOfReferenceUID, or null when it records none
     * @param chosenUid       the series chosen explicitly, or null
     * @param warnings        receives a note when the chosen series is not the plan's
     */
    public static LoadedSeries loadPlanned(Path dir, String planSeriesUid, String planFrameOfRef, String chosenUid,
                                           java.util.List<String> warnings, ProgressListener progress)
        throws IOException {
        ScanResult scan = scan(dir, scaled(progress, 0, 0.3));
        SeriesInfo s = plannedSeries(dir, scan, planSeriesUid, planFrameOfRef, chosenUid, warnings);
        return VolumeLoader.load(s, scaled(progress, 0.3, 1.0));
    }

    /** The series {@link #loadPlanned} would load, from a scan (no pixels read). */
    public static SeriesInfo plannedSeries(Path dir, ScanResult scan, String planSeriesUid, String planFrameOfRef,
                                           String chosenUid, java.util.List<String> warnings)
        throws BadInputException {
        if (scan.series().isEmpty()) {
            throw noSeries(dir, scan);
        }
        String uid = chosenUid != null ? chosenUid : planSeriesUid;
        SeriesInfo s;
        if (uid == null) {
            if (scan.series().size() > 1) {
                throw new BadInputException("the plan names no series and " + dir + " holds " + scan.series().size()
                    + " (" + listed(scan) + "): choose the planning CT's series explicitly (--series UID)");
            }
            s = scan.series().get(0);
        } else {
            s = scan.find(uid).orElseThrow(() -> new SeriesNotInFolderException((chosenUid != null ? "series " + uid
                : "the plan was made on series " + uid + ", which") + " is not in " + dir + " (it holds "
                + listed(scan) + "): open the folder of the planning CT, or choose a series explicitly (--series UID)"
                + " only if it is the same scan", uid));
        }
        String fr = s.frameOfReferenceUid();
        if (planFrameOfRef != null && !planFrameOfRef.isEmpty() && !fr.isEmpty() && !planFrameOfRef.equals(fr)) {
            throw new BadInputException("series " + s.seriesInstanceUid() + " lies in frame of reference " + fr
                + " but the plan was made in " + planFrameOfRef + ": another scan or patient, its coordinates do not"
                + " match the plan's");
        }
        if (chosenUid != null && planSeriesUid != null && !chosenUid.equals(planSeriesUid)) {
            warnings.add("series " + chosenUid + " was chosen instead of the plan's series " + planSeriesUid
                + (planFrameOfRef == null || planFrameOfRef.isEmpty() || fr.isEmpty()
                ? ": the plan records no frame of reference to compare, make sure it is the same scan"
                : " (same frame of reference)"));
        }
        return s;
    }

    /** The series a plan (or the user) named is not in the folder: the user may choose another one. */
    public static final class SeriesNotInFolderException extends BadInputException {
        private final String missingUid;

        SeriesNotInFolderException(String message, String missingUid) {
            super(message);
            this.missingUid = missingUid;
        }

        public String missingUid() {
            return missingUid;
        }
    }

    private static String listed(ScanResult scan) {
        StringBuilder b = new StringBuilder();
        for (SeriesInfo s : scan.series()) {
            b.append(b.length() == 0 ? "" : ", ").append(s.seriesInstanceUid()).append(" ").append(s.modality())
                .append(" ").append(s.size()).append(" slices");
        }
        return scan.series().isEmpty() ? "no image series" : b.toString();
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
