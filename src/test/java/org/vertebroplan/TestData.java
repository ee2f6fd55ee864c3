package org.vertebroplan;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data ({@code ../shared/data} beside the checkout, or the system property
 * {@code vertebroplan.shared}): real CT series and the DICOM corpus, which the project does not ship.
 * Tests that need it call {@link #require(String)}, which skips the test with the reason when the data
 * is absent (a user's machine).
 *
 * <p>CI must never pass by skipping: {@code .ci/run} sets the environment variable
 * {@code VERTEBROPLAN_REQUIRE_TEST_DATA=1} (or run Maven with {@code -Dvertebroplan.requireTestData=true}),
 * and then a missing folder, and any other test prerequisite checked with {@link #assumeOrFail}, fails
 * the test instead. The data is read in place, never copied into the project.
 */
public final class TestData {

    /** The environment variable that turns skips into failures. */
    public static final String REQUIRE_ENV = "VERTEBROPLAN_REQUIRE_TEST_DATA";
    /** The system property that does the same. */
    public static final String REQUIRE_PROPERTY = "vertebroplan.requireTestData";

    private TestData() {
    }

    /** Whether a missing prerequisite fails the test (CI) instead of skipping it (a user's machine). */
    public static boolean required() {
        String env = System.getenv(REQUIRE_ENV);
        return Boolean.getBoolean(REQUIRE_PROPERTY) || env != null && (env.equals("1") || env.equalsIgnoreCase("true"));
    }

    /** The shared folder, or null when it is not there. */
    public static Path sharedRoot() {
        String prop = System.getProperty("vertebroplan.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
    }

    /** {@code shared/data/<relative>} when it exists, else null (never skips nor fails). */
    public static Path find(String relative) {
        Path root = sharedRoot();
        Path p = root == null ? null : root.resolve("data").resolve(relative);
        return p != null && Files.exists(p) ? p : null;
    }

    /** {@code shared/data/<relative>}; skips the calling test when it is missing (fails it in CI). */
    public static Path require(String relative) {
        Path p = find(relative);
        assumeOrFail(p != null, "shared test data " + relative + " not present (../shared/data, see README)");
        return p;
    }

    /**
     * A prerequisite of a test that the machine may lack (shared data, an external tool): skips the
     * test with {@code what} when it does not hold, or fails it when {@link #required()}.
     */
    public static void assumeOrFail(boolean holds, String what) {
        if (holds) {
            return;
        }
        if (required()) {
            fail(what + ": required here (" + REQUIRE_ENV + " is set)");
        }
        assumeTrue(false, what + ": skipped");
    }
}
