package org.vertebroplan.base;

/**
 * Progress of long work (import, meshing, guide generation), reported as a fraction in [0, 1] with a
 * short message. Implementations must be thread-safe and cheap: workers may call them from several
 * threads. The GUI maps them to a progress bar, the CLI to stderr.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (fraction, message) -> { };

    void progress(double fraction, String message);
}
