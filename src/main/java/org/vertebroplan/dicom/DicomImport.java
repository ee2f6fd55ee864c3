package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Path;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The importer's front door: a folder tree of DICOM files to the HU volume of its default series
 * (the largest axial CT).
 */
public final class DicomImport {

    private DicomImport() {
    }

    public static Volume loadVolume(Path dir, ProgressListener progress) throws IOException {
        throw new UnsupportedOperationException("DICOM import is not implemented yet");
    }
}
