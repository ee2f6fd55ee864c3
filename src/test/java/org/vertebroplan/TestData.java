package org.vertebroplan;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data ({@code ../shared/data} beside the checkout, or the system property
 * {@code vertebroplan.shared}). Tests that need it call {@link #require(String)}, which skips the test
 * cleanly when the data is absent (a user's machine); in CI it is there. The data is read in place,
 * never copied into the project.
 */
public final class TestData {

    private TestData() {
    }

    /** The shared folder, or null when it is not there. */
    public static Path sharedRoot() {
        String prop = System.getProperty("vertebroplan.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
    }

    /** {@code shared/data/<relative>}, skipping the calling test when it is missing. */
    public static Path require(String relative) {
        Path root = sharedRoot();
        assumeTrue(root != null, "shared test data not present: skipped");
        Path p = root.resolve("data").resolve(relative);
        assumeTrue(Files.exists(p), "shared test data " + relative + " not present: skipped");
        return p;
    }
}
