package org.vertebroplan.mesh;

import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Iso-surface extraction: a CT volume to the closed, manifold, outward-wound triangle mesh (LPS mm)
 * of the region where HU &ge; iso. The one entry point of the surface pipeline:
 * region of interest, Gaussian pre-smoothing, marching cubes ({@link MarchingCubes}, crack-free
 * table of {@link McTables}), keep one connected piece, Taubin smoothing, quadric decimation, in that
 * order, each step optional (see {@link SurfaceOptions}).
 *
 * <p>The raw surface is watertight: voxels outside the volume (or the region of interest) count as
 * below iso, so the surface is capped there. Thread-safe; the volume is only read. Long: run it off
 * the UI thread; interrupting the calling thread cancels it with a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class SurfaceExtractor {

    private SurfaceExtractor() {
    }

    public static Mesh extract(Volume volume, double isoHu, SurfaceOptions options) {
        return extract(volume, isoHu, options, ProgressListener.NONE);
    }

    public static Mesh extract(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
        if (!Double.isFinite(isoHu)) {
            throw new IllegalArgumentException("iso value must be a finite number of HU, got " + isoHu);
        }
        int[] box = voxelBox(volume, options);
        if (box == null) {
            return Mesh.empty();
        }
        Volume source = volume;
        if (options.gaussianSigmaMm() > 0) {
            progress.progress(0, "smoothing volume");
            double[] spacing = volume.spacingMm();
            int[] n = {volume.nx(), volume.ny(), volume.nz()};
            int[] grown = new int[6];
            for (int d = 0; d < 3; d++) {
                int margin = (int) Math.ceil(3 * options.gaussianSigmaMm() / spacing[d]);
                grown[2 * d] = Math.max(0, box[2 * d] - margin);
                grown[2 * d + 1] = Math.min(n[d], box[2 * d + 1] + margin);
            }
            source = VolumeGaussian.smooth(volume, options.gaussianSigmaMm(), grown[0], grown[1], grown[2], grown[3],
                grown[4], grown[5], options.threads());
            for (int d = 0; d < 3; d++) {
                box[2 * d] -= grown[2 * d];
                box[2 * d + 1] -= grown[2 * d];
            }
        }
        Mesh mesh = new MarchingCubes(source, isoHu, box[0], box[1], box[2], box[3], box[4], box[5])
            .run(options.threads(), (f, msg) -> progress.progress(0.8 * f, msg));
        if (options.seedLps() != null) {
            progress.progress(0.8, "selecting the piece at the seed point");
            mesh = MeshComponents.keepContaining(mesh, options.seedLps());
        } else if (options.keepLargest()) {
            progress.progress(0.8, "selecting the largest piece");
            mesh = MeshComponents.keepLargest(mesh);
        }
        if (options.smoothIterations() > 0) {
            progress.progress(0.85, "smoothing surface");
            mesh = TaubinSmoothing.smooth(mesh, options.smoothIterations());
        }
        if (options.targetTriangles() > 0 && mesh.triangleCount() > options.targetTriangles()) {
            progress.progress(0.9, "decimating surface");
            mesh = QuadricDecimation.decimate(mesh, options.targetTriangles());
        }
        progress.progress(1, "surface ready");
        return mesh;
    }

    /**
     * The voxel-index box [i0, i1) x [j0, j1) x [k0, k1) covering the region of interest (the whole
     * volume without one), or null when the region misses the volume.
     */
    static int[] voxelBox(Volume v, SurfaceOptions o) {
        if (o.roiMinLps() == null) {
            return new int[] {0, v.nx(), 0, v.ny(), 0, v.nz()};
        }
        Vec3 a = o.roiMinLps(), b = o.roiMaxLps();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int c = 0; c < 8; c++) {
            Vec3 p = v.lpsToIjk().apply((c & 1) == 0 ? a.x() : b.x(), (c & 2) == 0 ? a.y() : b.y(),
                (c & 4) == 0 ? a.z() : b.z());
            double[] q = {p.x(), p.y(), p.z()};
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], q[d]);
                hi[d] = Math.max(hi[d], q[d]);
            }
        }
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] box = new int[6];
        for (int d = 0; d < 3; d++) {
            int from = (int) Math.max(0, Math.ceil(lo[d] - 1e-6));
            int to = (int) Math.min(n[d], Math.floor(hi[d] + 1e-6) + 1);
            if (to <= from) {
                return null;
            }
            box[2 * d] = from;
            box[2 * d + 1] = to;
        }
        return box;
    }
}
