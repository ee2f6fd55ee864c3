package org.vertebroplan.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vertebroplan.base.BadInputException;

/**
 * Reads one file from disk and parses it; files over 1 GiB are refused before they are read.
 * {@link #readHeader} reads only the first 64 KiB when that holds the whole header up to native pixel
 * data (the common case of a CT slice), which makes scanning a folder cheap.
 */
public final class DicomReader {

    static final long MAX_FILE_BYTES = 1L << 30;

    private DicomReader() {
    }

    public static DicomFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException("file is larger than 1 GiB");
        }
        HeapGuard.require(size, "reading " + file.getFileName() + " (" + (size >> 20) + " MB)");
        return DicomParser.parse(Files.readAllBytes(file));
    }

    /**
     * Reads a file into a per-thread buffer that is reused by the next call on the same thread (no
     * large allocation per slice); the result must be used, and dropped, before that next call.
     */
    static DicomFile readReusingBuffer(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException("file is larger than 1 GiB");
        }
        byte[] buf = BUFFER.get();
        if (buf.length < size) {
            HeapGuard.require(size, "reading " + file.getFileName() + " (" + (size >> 20) + " MB)");
            buf = new byte[(int) size];
            if (size <= MAX_REUSED_BYTES) {
                BUFFER.set(buf); // large multi-frame files are not kept alive by the thread
            }
        }
        int n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) size);
            while (bb.hasRemaining()) {
                int r = ch.read(bb);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        }
        return DicomParser.parse(buf, n);
    }

    private static final long MAX_REUSED_BYTES = 16L << 20;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

    private static final int HEADER_PREFIX = 64 * 1024;

    /** The header of a file (pixel data described, maybe not read); falls back to {@link #read}. */
    public static DicomFile readHeader(Path file) throws IOException {
        long size = Files.size(file);
        if (size > 4L * HEADER_PREFIX) {
            byte[] prefix = new byte[HEADER_PREFIX];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer bb = ByteBuffer.wrap(prefix);
                while (bb.hasRemaining() && ch.read(bb) >= 0) {
                    // fill the prefix
                }
            }
            DicomFile f = DicomParser.parseHeader(prefix, size);
            if (f != null) {
                return f;
            }
        }
        return read(file);
    }
}
