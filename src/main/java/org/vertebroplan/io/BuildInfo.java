package org.vertebroplan.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build of the program is: the version from the pom, the build date (UTC) and the git commit it
 * was built from, read from {@code org/vertebroplan/build-info.properties}, which the build writes
 * (pom.xml, execution {@code build-info}). Never hard-coded: a class path without the resource (a build
 * that skipped it) says {@value #UNKNOWN} for each, and so does a build from a source tarball for the
 * commit.
 *
 * @param version       the pom's version, e.g. {@code 0.1.0}
 * @param buildDate     when it was built, ISO 8601 UTC
 * @param commit        the git commit (12 hex digits, "+modified" when tracked files had changes)
 * @param javafxVersion the JavaFX version it was built against
 */
public record BuildInfo(String version, String buildDate, String commit, String javafxVersion) {

    /** Where the build puts it on the class path. */
    public static final String RESOURCE = "/org/vertebroplan/build-info.properties";
    public static final String UNKNOWN = "unknown";

    private static final BuildInfo CURRENT = load();

    /** This program's build. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** Reads the properties (missing or blank keys: {@value #UNKNOWN}). */
    public static BuildInfo read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return new BuildInfo(value(p, "version"), value(p, "buildDate"), value(p, "commit"), value(p, "javafxVersion"));
    }

    private static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return read(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // unreadable: unknown, as when missing
        }
        return new BuildInfo(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        // an unfiltered placeholder is as good as nothing
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
