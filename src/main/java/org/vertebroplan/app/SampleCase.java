package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.vertebroplan.io.PackageFolder;

/**
 * The installed program's sample case, where the user can work on it. The installer puts it in the
 * program's folder ({@code /opt/vertebroplan/lib/app/sample-dicom}), which users cannot write to, yet
 * the workstation writes beside a case's plan (the plan itself when saved, a trainee's attempt files). So
 * when the bundled folder is not writable, the user works on a copy in {@code ~/VertebroPlan/sample-dicom},
 * made on the first start (about 7 MB) and kept from then on; a writable bundled folder (the portable archive
 * unpacked by its user) is used as it is. If the copy cannot be made, the bundled folder is opened read-only.
 */
final class SampleCase {

    /** Where the copy goes instead of ~/VertebroPlan/sample-dicom (tests). */
    static final String COPY_PROPERTY = "vertebroplan.sampleCopy";

    private static Path chosen;

    private SampleCase() {
    }

    /** The sample case to open for the bundled folder (copied once per process at most). */
    static synchronized Path forUser(Path bundled) {
        if (chosen == null) {
            String c = System.getProperty(COPY_PROPERTY);
            Path copy = c != null ? Path.of(c)
                : Path.of(System.getProperty("user.home")).resolve("VertebroPlan").resolve("sample-dicom");
            chosen = choose(bundled, copy, Files.isWritable(bundled));
        }
        return chosen;
    }

    /** The bundled folder when writable, else the copy (made when missing), else the bundled folder. */
    static Path choose(Path bundled, Path copy, boolean bundledWritable) {
        if (bundledWritable || !Files.isDirectory(bundled.resolve("dicom"))) {
            return bundled;
        }
        if (Files.isDirectory(copy.resolve("dicom"))) {
            return copy;
        }
        try {
            copyTree(bundled, copy);
            return copy;
        } catch (IOException | RuntimeException e) {
            System.getLogger(SampleCase.class.getName()).log(System.Logger.Level.WARNING,
                "cannot copy the sample case to " + copy + " (" + e + "): it opens read-only from " + bundled);
            return bundled;
        }
    }

    /**
     * Copies a folder whole ({@link PackageFolder}: into a temporary sibling first, then moved into place); a
     * target that holds files already is refused and left alone.
     */
    static void copyTree(Path from, Path to) throws IOException {
        PackageFolder.write(to, dir -> false, tmp -> Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(tmp.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, tmp.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        }));
    }
}
