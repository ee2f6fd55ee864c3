package org.vertebroplan.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.base.ProgressListener;

/**
 * Finds the image series in a folder tree: reads every regular file (on all cores), keeps the images
 * that can be placed in patient space, groups them by SeriesInstanceUID (a series may span folders and
 * transfer syntaxes), and lists every other file with the reason it was skipped (not DICOM, corrupt or
 * truncated, not an image, localizer, colour, multi-frame without functional groups); every
 * frame of an enhanced multi-frame file becomes a slice of its series. Files are visited in path order so that
 * results are reproducible.
 */
public final class SeriesScanner {

    private static final int MAX_DEPTH = 32;

    private SeriesScanner() {
    }

    public static ScanResult scan(Path dir, ProgressListener progress) throws IOException {
        if (!Files.exists(dir)) {
            throw new BadInputException("no such file or folder: " + dir);
        }
        List<Path> files;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            } catch (UncheckedIOException ex) {
                throw new BadInputException("cannot list " + dir + ": " + ex.getCause().getMessage(), ex);
            }
        } else {
            files = List.of(dir);
        }
        Object[] results = new Object[files.size()];
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(Runtime.getRuntime().availableProcessors(), files.size(), i -> {
            Path f = files.get(i);
            try {
                results[i] = SliceHeader.of(f, DicomReader.readHeader(f));
            } catch (BadInputException ex) {
                results[i] = new SkippedFile(f, ex.getMessage());
            } catch (IOException ex) {
                results[i] = new SkippedFile(f, "cannot read: " + ex.getMessage());
            }
            int d = done.incrementAndGet();
            progress.progress((double) d / files.size(), "reading headers " + d + "/" + files.size());
        });
        Map<String, List<SliceHeader>> bySeries = new LinkedHashMap<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof List<?> headers) {
                for (Object o : headers) {
                    SliceHeader h = (SliceHeader) o;
                    bySeries.computeIfAbsent(h.seriesInstanceUid(), k -> new ArrayList<>()).add(h);
                }
            } else {
                skipped.add((SkippedFile) r);
            }
        }
        List<SeriesInfo> series = new ArrayList<>();
        bySeries.forEach((uid, slices) -> series.add(new SeriesInfo(uid, slices)));
        series.sort(Comparator.comparing(SeriesInfo::seriesInstanceUid));
        return new ScanResult(series, skipped);
    }
}
