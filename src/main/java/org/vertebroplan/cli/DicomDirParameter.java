package org.vertebroplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code DICOM_DIR}, the first parameter of every command that reads a CT (docs/cli.md). */
final class DicomDirParameter {

    @Parameters(index = "0", paramLabel = "DICOM_DIR", description = "The CT series: a folder (subfolders included) or a file.")
    Path dir;
}
