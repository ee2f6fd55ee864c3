package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vertebroplan.io.BadInputException;

/** Reads one file from disk and parses it; files over 1 GiB are refused before they are read. */
public final class DicomReader {

    static final long MAX_FILE_BYTES = 1L << 30;

    private DicomReader() {
    }

    public static DicomFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException("file is larger than 1 GiB");
        }
        return DicomParser.parse(Files.readAllBytes(file));
    }
}
