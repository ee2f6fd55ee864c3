package org.vertebroplan.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.vertebroplan.base.BadInputException;

/**
 * Writes a folder of files as a whole: everything goes into a hidden temporary folder beside the
 * target, which is moved into place only when complete. A crash or a kill mid-write leaves the target
 * as it was (or, in the instant between two renames, absent), never a mix of new and old files. A
 * target that exists must be empty or hold a previous package of the same kind ({@code isPackage});
 * anything else is refused, so no one's other files are deleted. The old package is replaced whole:
 * the target then holds exactly the new files.
 */
public final class PackageFolder {

    /** Writes the package's files into the (empty, temporary) folder given. */
    public interface Body {
        void write(Path folder) throws IOException;
    }

    private PackageFolder() {
    }

    /**
     * @param target    the package folder (created, or replaced when it holds a package)
     * @param isPackage tells a previous package (given the target folder) from someone else's files
     * @return the target's files after the move, in name order
     */
    public static List<Path> write(Path target, Predicate<Path> isPackage, Body body) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw new BadInputException("cannot write a package as the root folder " + dir);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is a file, not a folder: choose a folder for the package");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !isPackage.test(dir)) {
            throw new BadInputException(dir + " already holds other files: choose an empty folder (or the folder of"
                + " an earlier package, which is replaced whole)");
        }
        Files.createDirectories(parent);
        String name = dir.getFileName().toString();
        removeLeftovers(parent, name);
        Path tmp = Files.createTempDirectory(parent, "." + name + ".writing-");
        try {
            body.write(tmp);
            AtomicFiles.readableByAll(tmp, "rwxr-xr-x");
            if (Files.isDirectory(dir)) {
                Path old = parent.resolve("." + name + ".old-" + System.nanoTime());
                AtomicFiles.move(dir, old);
                AtomicFiles.move(tmp, dir);
                deleteTree(old);
            } else {
                AtomicFiles.move(tmp, dir);
            }
        } finally {
            deleteTree(tmp);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Hidden temporary folders left beside the target by an earlier write that was killed. */
    private static void removeLeftovers(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, "." + name + ".{writing,old}-*")) {
            for (Path p : s) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
