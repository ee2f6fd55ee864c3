package org.vertebroplan.dicom;

import java.nio.file.Path;

/** A file left out of the import and why (not DICOM, not an image, corrupt, localizer, ...). */
public record SkippedFile(Path file, String reason) {
}
