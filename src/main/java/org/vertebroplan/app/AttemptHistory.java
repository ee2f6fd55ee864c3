package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptJson;

/**
 * The attempt files beside a plan ({@code attempt-<n>.json} in the plan's folder, docs/rehearsal.md):
 * listing them in the order they were made (by n) and saving the next one. No toolkit.
 */
final class AttemptHistory {

    static final Pattern NAME = Pattern.compile("attempt-(\\d{1,9})\\.json");

    /** One attempt file: its number, and what it holds, or why it could not be read. */
    record Entry(int number, Path file, Attempt attempt, String error) {
    }

    private AttemptHistory() {
    }

    /** The attempt files beside {@code planFile}, oldest first; unreadable ones carry their reason. */
    static List<Entry> list(Path planFile) throws IOException {
        List<Entry> out = new ArrayList<>();
        Path dir = folderOf(planFile);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "attempt-*.json")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(f)) {
                    continue;
                }
                int n = Integer.parseInt(m.group(1));
                try {
                    out.add(new Entry(n, f, AttemptJson.load(f), null));
                } catch (IOException e) {
                    out.add(new Entry(n, f, null, WorkstationViewModel.describe(e)));
                }
            }
        }
        out.sort(Comparator.comparingInt(Entry::number));
        return out;
    }

    /**
     * Saves the attempt as the next {@code attempt-<n>.json} beside the plan (atomically; the name is
     * claimed first, so two workstations never write the same file). Returns the file.
     */
    static Path save(Attempt attempt, Path planFile) throws IOException {
        Path dir = folderOf(planFile);
        int n = 1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "attempt-*.json")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    n = Math.max(n, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        for (;; n++) {
            Path file = dir.resolve("attempt-" + n + ".json");
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                AttemptJson.save(attempt, file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        }
    }

    private static Path folderOf(Path planFile) {
        Path dir = planFile.toAbsolutePath().getParent();
        return dir == null ? Path.of(".") : dir;
    }
}
