package org.vertebroplan.dicom;

import java.util.Locale;
import org.vertebroplan.base.BadInputException;

/**
 * The second check on every allocation sized from an untrusted header (the first is what the file can
 * hold): the bytes must fit in the Java heap that is left ({@link Runtime#maxMemory()} less what is in
 * use), keeping a reserve for the rest of the program. Refusing gives a {@link BadInputException} that
 * names what needed the memory, so a hostile or simply too large input ends with a reason instead of an
 * OutOfMemoryError.
 *
 * <p>Allocations smaller than a quarter of the reserve pass unchecked: the reserve holds a few of them at
 * once (one per decoding thread). The check is synchronized, so threads that decode in parallel see each other's allocations once they
 * are made (the JVM counts them as used); garbage is collected once before refusing, so garbage left by
 * earlier work never causes a refusal.
 */
final class HeapGuard {

    private static final long MB = 1L << 20;

    private HeapGuard() {
    }

    /** The heap kept free for everything else: 1/16 of the maximum heap, at least 16 MB. */
    static long reserve() {
        return Math.max(16 * MB, Runtime.getRuntime().maxMemory() / 16);
    }

    /** The heap that is not in use now (it may hold garbage that a collection would free). */
    static long left() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws unless {@code bytes} more fit in the heap with the reserve to spare. {@code what} names the
     * allocation for the message ("a 46000 x 46000 image").
     */
    static synchronized void require(long bytes, String what) throws BadInputException {
        if (bytes < 0) {
            throw new BadInputException(what + " has a size that overflows");
        }
        if (bytes <= reserve() / 4 || bytes + reserve() <= left()) {
            return; // small allocations (a slice, a file) fit in the reserve, a few at a time
        }
        System.gc(); // what is left may be garbage of earlier work
        long left = left();
        if (bytes + reserve() > left) {
            throw new BadInputException(String.format(Locale.ROOT, "%s needs %d MB of memory but only %d MB of the"
                + " Java heap (maximum %d MB) is free: refused before allocating it", what, mb(bytes),
                mb(Math.max(0, left - reserve())), mb(Runtime.getRuntime().maxMemory())));
        }
    }

    private static long mb(long bytes) {
        return (bytes + MB - 1) / MB;
    }
}
