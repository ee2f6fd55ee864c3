package org.vertebroplan.io;

/** The program's name and version, as files it writes for others state it (traceability). */
public final class Software {

    public static final String NAME = "VertebroPlan";

    /**
     * Name and version from the build ({@link BuildInfo}, the pom's version), e.g. "VertebroPlan 0.1.0"; the
     * command line's {@code --version}, guide reports and manifests, print jobs and plan files state it.
     */
    public static final String VERSION = NAME + " " + BuildInfo.current().version();

    private Software() {
    }

    /** Version, build date and commit in one line, e.g. "VertebroPlan 0.1.0 (built 2026-12-01T18:00:00Z, commit 0123abcd4567)". */
    public static String describe() {
        BuildInfo b = BuildInfo.current();
        return VERSION + " (built " + b.buildDate() + ", commit " + b.commit() + ")";
    }
}
