package org.vertebroplan.cli;

import java.io.PrintWriter;
import org.vertebroplan.base.ProgressListener;

/** Progress on stderr: one line each time another tenth of the work is done (thread-safe). */
final class StderrProgress implements ProgressListener {

    private final PrintWriter err;
    private final String prefix;
    private int lastTenth = -1;

    StderrProgress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        int tenth = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 10);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            err.println(prefix + ": " + tenth * 10 + "% " + message);
            err.flush();
        }
    }

    /** Starts counting again (for a new pass of the same work). */
    synchronized void reset() {
        lastTenth = -1;
    }
}
