package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.dicom.ScanResult;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Volume;

/**
 * The core work the workstation calls while loading a case: the DICOM import (the default series,
 * or one chosen by UID, and the list of series to choose from) and the iso-surface extraction. {@link #CORE} uses the real core classes; tests pass their own (a synthetic volume, a
 * hand-made mesh) so that the GUI can be exercised without DICOM files.
 */
public interface CaseServices {

    /** The real importer and extractor. */
    CaseServices CORE = new CaseServices() {
        @Override
        public Volume loadVolume(Path dicomDir, ProgressListener progress) throws IOException {
            return DicomImport.loadVolume(dicomDir, progress);
        }

        @Override
        public Imported loadSeries(Path dicomDir, String seriesUid, ProgressListener progress) throws IOException {
            org.vertebroplan.dicom.LoadedSeries s = DicomImport.loadPreferring(dicomDir, seriesUid, progress);
            List<String> warnings = new java.util.ArrayList<>(s.warnings());
            if (!s.skipped().isEmpty()) {
                warnings.add(s.skipped().size() + " file(s) of the series could not be used, e.g. "
                    + s.skipped().get(0).file().getFileName() + ": " + s.skipped().get(0).reason());
            }
            return new Imported(s.volume(), List.copyOf(warnings), s.series().seriesInstanceUid(),
                s.series().frameOfReferenceUid());
        }

        @Override
        public Imported loadPlanned(Path dicomDir, String planUid, String planFrameOfRef, String chosenUid,
                                    ProgressListener progress) throws IOException {
            List<String> warnings = new java.util.ArrayList<>();
            org.vertebroplan.dicom.LoadedSeries s = planUid == null && chosenUid == null
                ? DicomImport.loadDefault(dicomDir, progress)
                : DicomImport.loadPlanned(dicomDir, planUid, planFrameOfRef, chosenUid, warnings, progress);
            warnings.addAll(s.warnings());
            if (!s.skipped().isEmpty()) {
                warnings.add(s.skipped().size() + " file(s) of the series could not be used, e.g. "
                    + s.skipped().get(0).file().getFileName() + ": " + s.skipped().get(0).reason());
            }
            return new Imported(s.volume(), List.copyOf(warnings), s.series().seriesInstanceUid(),
                s.series().frameOfReferenceUid());
        }

        @Override
        public List<SeriesChoice> listSeries(Path dicomDir) throws IOException {
            ScanResult scan = DicomImport.scan(dicomDir, ProgressListener.NONE);
            String def = scan.defaultSeries().map(x -> x.seriesInstanceUid()).orElse(null);
            return scan.series().stream().map(x -> new SeriesChoice(x.seriesInstanceUid(), x.modality(),
                x.description(), x.size(), x.first().columns(), x.first().rows(), x.axial(),
                x.seriesInstanceUid().equals(def))).toList();
        }

        @Override
        public Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
            return SurfaceExtractor.extract(volume, isoHu, options, progress);
        }
    };

    /** One image series found in a folder, for the user to choose from. */
    record SeriesChoice(String seriesInstanceUid, String modality, String description, int slices, int columns,
                        int rows, boolean axial, boolean isDefault) {
        /** A line for a list: modality, description, size, orientation, the end of the UID. */
        public String label() {
            String uid = seriesInstanceUid.length() > 8 ? "..." + seriesInstanceUid.substring(seriesInstanceUid.length() - 8)
                : seriesInstanceUid;
            return String.format(java.util.Locale.ROOT, "%s %s - %d slices of %d x %d%s [%s]%s", modality, description == null ? "" : description,
                slices, columns, rows, axial ? "" : " (not axial)", uid, isDefault ? " (default)" : "");
        }
    }

    /** The default series (the largest axial CT) of the folder. */
    Volume loadVolume(Path dicomDir, ProgressListener progress) throws IOException;

    /**
     * A loaded series, the warnings the user must see (resampling, duplicates, files left out), and its
     * SeriesInstanceUID and FrameOfReferenceUID (null when the services cannot tell).
     */
    record Imported(Volume volume, List<String> warnings, String seriesInstanceUid, String frameOfReferenceUid) {
        public Imported(Volume volume, List<String> warnings) {
            this(volume, warnings, null, null);
        }
    }

    /**
     * The series a plan was made on ({@code planUid}, in its frame of reference), or the one the user chose
     * explicitly ({@code chosenUid}); the folder's default series when neither is given. The real services
     * refuse a series that is not in the folder ({@link DicomImport.SeriesNotInFolderException}) or lies in
     * another frame of reference; stand-ins for tests load their one volume.
     */
    default Imported loadPlanned(Path dicomDir, String planUid, String planFrameOfRef, String chosenUid,
                                 ProgressListener progress) throws IOException {
        return loadSeries(dicomDir, chosenUid != null ? chosenUid : planUid, progress);
    }

    /**
     * The series with this UID (or the default one when the UID is null or not in the folder) with the
     * import's warnings. Stand-ins for tests may ignore the UID: they load their one volume.
     */
    default Imported loadSeries(Path dicomDir, String seriesUid, ProgressListener progress) throws IOException {
        return new Imported(loadVolume(dicomDir, progress), List.of());
    }

    /** The image series in the folder (empty when the services cannot tell). */
    default List<SeriesChoice> listSeries(Path dicomDir) throws IOException {
        return List.of();
    }

    /** The iso-surface at {@code isoHu} with these options (seed or largest piece, decimation). */
    Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress);
}
