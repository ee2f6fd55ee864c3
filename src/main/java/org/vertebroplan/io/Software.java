package org.vertebroplan.io;

/** The program's name and version, as files it writes for others state it (traceability). */
public final class Software {

    /** Name and version; the command line's {@code --version} prints it too. */
    public static final String VERSION = "VertebroPlan 0.1.0";

    private Software() {
    }
}
