package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Path;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The core work the workstation calls while loading a case: the DICOM import and the iso-surface
 * extraction. {@link #CORE} uses the real core classes; tests pass their own (a synthetic volume, a
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
        public Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
            return SurfaceExtractor.extract(volume, isoHu, options, progress);
        }
    };

    Volume loadVolume(Path dicomDir, ProgressListener progress) throws IOException;

    /** The iso-surface at {@code isoHu} with these options (seed or largest piece, decimation). */
    Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress);
}
