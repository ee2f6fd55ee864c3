package org.vertebroplan.mesh;

/**
 * Options of {@link SurfaceExtractor}. Start from {@link #defaults()} and change what you need.
 *
 * @param threads worker threads (1 = single-threaded)
 */
public record SurfaceOptions(int threads) {

    public static SurfaceOptions defaults() {
        return new SurfaceOptions(Runtime.getRuntime().availableProcessors());
    }
}
