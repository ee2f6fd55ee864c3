package org.vertebroplan.mesh;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;

/**
 * Options of {@link SurfaceExtractor}. Start from {@link #defaults()} (raw iso-surface of the whole
 * volume, closed at its border, all processors) and change what you need with the {@code with...}
 * methods.
 *
 * @param threads worker threads (1 = single-threaded)
 * @param roiMinLps one corner of a region of interest box in LPS mm, or null for the whole volume
 * @param roiMaxLps the opposite corner (any two opposite corners; the box is axis-aligned in LPS and
 *     applied as the voxel-index box that covers it); the surface is capped at the box faces
 * @param seedLps keep only the connected piece that contains this point (or, when no piece encloses
 *     it, the nearest piece); null to keep everything
 * @param keepLargest keep only the piece enclosing the largest volume (ignored when a seed is set)
 * @param gaussianSigmaMm standard deviation of a Gaussian pre-smoothing of the volume in mm; 0 = none
 * @param smoothIterations Taubin (shrink-free) smoothing iterations on the mesh; 0 = none
 * @param targetTriangles decimate to about this many triangles (quadric error); 0 = no decimation
 */
public record SurfaceOptions(int threads, Vec3 roiMinLps, Vec3 roiMaxLps, Vec3 seedLps, boolean keepLargest,
                             double gaussianSigmaMm, int smoothIterations, int targetTriangles) {

    public SurfaceOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if ((roiMinLps == null) != (roiMaxLps == null)) {
            throw new IllegalArgumentException("a region of interest needs both corners");
        }
        if (!(gaussianSigmaMm >= 0) || gaussianSigmaMm > 50) {
            throw new IllegalArgumentException("Gaussian sigma must be in [0, 50] mm, got " + gaussianSigmaMm);
        }
        if (smoothIterations < 0 || smoothIterations > 10_000) {
            throw new IllegalArgumentException("smoothing iterations must be in [0, 10000], got " + smoothIterations);
        }
        if (targetTriangles < 0) {
            throw new IllegalArgumentException("target triangle count must not be negative");
        }
    }

    /** Raw surface, whole volume, no smoothing, one thread per processor. */
    public SurfaceOptions(int threads) {
        this(threads, null, null, null, false, 0, 0, 0);
    }

    public static SurfaceOptions defaults() {
        return new SurfaceOptions(Runtime.getRuntime().availableProcessors());
    }

    /** Preset for bone at {@link Tissue#BONE_HU}: the raw surface, every piece. */
    public static SurfaceOptions bone() {
        return defaults();
    }

    /**
     * Preset for the skin at {@link Tissue#SKIN_HU}: 1 mm Gaussian pre-smoothing (noise and
     * marker streaks) and only the piece enclosing the largest volume (the body, without detached
     * blankets, table parts, or the inner surfaces of lungs and bowel gas).
     */
    public static SurfaceOptions skin() {
        return defaults().withGaussianSigma(1.0).withKeepLargest(true);
    }

    public SurfaceOptions withThreads(int n) {
        return new SurfaceOptions(n, roiMinLps, roiMaxLps, seedLps, keepLargest, gaussianSigmaMm, smoothIterations,
            targetTriangles);
    }

    public SurfaceOptions withRoi(Vec3 cornerLps, Vec3 oppositeCornerLps) {
        return new SurfaceOptions(threads, cornerLps, oppositeCornerLps, seedLps, keepLargest, gaussianSigmaMm,
            smoothIterations, targetTriangles);
    }

    public SurfaceOptions withSeed(Vec3 lps) {
        return new SurfaceOptions(threads, roiMinLps, roiMaxLps, lps, keepLargest, gaussianSigmaMm, smoothIterations,
            targetTriangles);
    }

    public SurfaceOptions withKeepLargest(boolean keep) {
        return new SurfaceOptions(threads, roiMinLps, roiMaxLps, seedLps, keep, gaussianSigmaMm, smoothIterations,
            targetTriangles);
    }

    public SurfaceOptions withGaussianSigma(double sigmaMm) {
        return new SurfaceOptions(threads, roiMinLps, roiMaxLps, seedLps, keepLargest, sigmaMm, smoothIterations,
            targetTriangles);
    }

    public SurfaceOptions withSmoothing(int iterations) {
        return new SurfaceOptions(threads, roiMinLps, roiMaxLps, seedLps, keepLargest, gaussianSigmaMm, iterations,
            targetTriangles);
    }

    public SurfaceOptions withTargetTriangles(int n) {
        return new SurfaceOptions(threads, roiMinLps, roiMaxLps, seedLps, keepLargest, gaussianSigmaMm,
            smoothIterations, n);
    }
}
