package org.vertebroplan.app;

import org.vertebroplan.base.Parallel;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshComponents;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.VertebraFrame;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * The surfaces the 3D view shows, built off the FX thread (pure computation, no JavaFX). They are for
 * display only: every measurement (safety check, proposal, skin entry, guide) reads the CT itself,
 * never these meshes.
 *
 * <ul>
 * <li>{@link #coarse}: a copy of the CT with voxels of about {@link #BONE_VOXEL_MM}
 * ({@link DisplayVolume#downsample}), read once.</li>
 * <li>{@link #body}: the body's outer boundary at {@link Tissue#SKIN_HU} from a still coarser copy
 * ({@link #SKIN_VOXEL_MM}): the body's region ({@link DisplayVolume#body}: the air inside it counts as body,
 * so no lung, airway or bowel surfaces; a grey opening parts a couch plate from it), without the caps where
 * the scan ends (an open tube, so that looking from the head or the feet shows the inside).</li>
 * <li>{@link #contextBone}: all bone at {@link Tissue#BONE_HU} from the coarse copy, so it appears in a
 * fraction of a second without decimation; pieces enclosing less than {@link #MIN_PIECE_MM3} (speckle,
 * calcifications, the inner walls of the marrow) or lying outside the body (a couch) are left out.</li>
 * <li>{@link #levelBone}: the bone of one analysed vertebra at the CT's full resolution: the CT inside
 * the box around the level, with every voxel that is not within {@link #LEVEL_MARGIN_MM} of the
 * vertebra's segmentation ({@link LevelAnalysis#inVertebra}) set to air, so neighbours and joined rib
 * heads are cut off; without a segmentation, the bone in a box about the body.</li>
 * <li>{@link #without}: the context bone without the triangles near an analysed vertebra, so the
 * full-resolution level and its coarse copy never overlap.</li>
 * </ul>
 */
final class DisplaySurfaces {

    /** Voxel size of the copy the context bone is extracted from. */
    static final double BONE_VOXEL_MM = 1.5;
    /** Voxel size of the copy the skin is extracted from (a coarser copy of the bone's: about 3 x 3 x 2 mm). */
    static final double SKIN_VOXEL_MM = 2.5;
    /** Bone pieces enclosing less than this (mm3) are not shown. */
    static final double MIN_PIECE_MM3 = 1500;
    /** The level's bone keeps the CT within this distance of its segmentation (mm). */
    static final double LEVEL_MARGIN_MM = 1.0;
    /** Context triangles within this distance of an analysed vertebra are left out (mm). */
    static final double CONTEXT_GAP_MM = 2.5;
    /** The box about a level (local mm: half width, anterior and posterior limits, margin beyond the endplates). */
    static final double BOX_HALF_X = 50;
    static final double BOX_Y_FROM = -45;
    static final double BOX_Y_TO = 65;
    static final double BOX_Z_MARGIN = 12;

    private DisplaySurfaces() {
    }

    /** The copy of the CT the display surfaces are extracted from. */
    static Volume coarse(Volume ct) {
        return DisplayVolume.downsample(ct, BONE_VOXEL_MM);
    }

    /** The body (a coarse copy of the CT and the mask of the body in it) and the skin surface. */
    record Body(Volume coarse, boolean[] mask, Mesh skin) {

        /** True when an LPS point lies in the body or within a coarse voxel of it. */
        boolean contains(Vec3 lps) {
            Vec3 ijk = coarse.lpsToIjk().apply(lps);
            int i0 = (int) Math.round(ijk.x()), j0 = (int) Math.round(ijk.y()), k0 = (int) Math.round(ijk.z());
            for (int k = k0 - 1; k <= k0 + 1; k++) {
                for (int j = j0 - 1; j <= j0 + 1; j++) {
                    for (int i = i0 - 1; i <= i0 + 1; i++) {
                        if (coarse.contains(i, j, k) && mask[coarse.index(i, j, k)]) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /**
     * The body and its outer boundary at display resolution: a coarser copy, the body in it
     * ({@link DisplayVolume#body}), its surface without the caps where the scan ends.
     */
    static Body body(Volume boneCoarse, CaseServices services, ProgressListener progress) {
        Volume coarse = DisplayVolume.downsample(boneCoarse, SKIN_VOXEL_MM);
        boolean[] mask = DisplayVolume.body(coarse, DisplayVolume.open(coarse), Tissue.SKIN_HU);
        Volume only = DisplayVolume.bodyOnly(coarse, mask, Tissue.SKIN_HU);
        Mesh skin = services.extractSurface(only, Tissue.SKIN_HU, SurfaceOptions.defaults(), progress);
        return new Body(coarse, mask, dropEndCaps(skin, coarse));
    }

    /**
     * All bone of the CT at display resolution: pieces enclosing at least {@link #MIN_PIECE_MM3} whose
     * vertices lie mostly in the body (a couch is left out).
     */
    static Mesh contextBone(Volume coarse, Body body, CaseServices services, ProgressListener progress) {
        Mesh raw = services.extractSurface(coarse, Tissue.BONE_HU, SurfaceOptions.defaults(), progress);
        Mesh pieces = dropSmallPieces(raw, MIN_PIECE_MM3);
        return body == null ? pieces : inBody(pieces, body);
    }

    /** The pieces of a mesh with at least half of their vertices in the body (a sample of them). */
    static Mesh inBody(Mesh mesh, Body body) {
        if (mesh.triangleCount() == 0) {
            return mesh;
        }
        int[] labels = MeshComponents.triangleLabels(mesh);
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l + 1);
        }
        int[] inside = new int[count];
        int[] total = new int[count];
        int[] t = mesh.triangles();
        float[] p = mesh.xyz();
        for (int f = 0; f < labels.length; f++) {
            if ((f & 7) != 0 && total[labels[f]] >= 16) {
                continue; // a sample: the first 16 triangles of a piece, then every eighth
            }
            int v = t[3 * f];
            total[labels[f]]++;
            if (body.contains(new Vec3(p[3 * v], p[3 * v + 1], p[3 * v + 2]))) {
                inside[labels[f]]++;
            }
        }
        int[] keep = new int[labels.length];
        for (int f = 0; f < labels.length; f++) {
            keep[f] = 2 * inside[labels[f]] >= total[labels[f]] ? 1 : 0;
        }
        return MeshComponents.select(mesh, keep, 1);
    }

    /** The pieces of a mesh that enclose at least {@code minMm3} (signed: inner walls count as negative). */
    static Mesh dropSmallPieces(Mesh mesh, double minMm3) {
        if (mesh.triangleCount() == 0) {
            return mesh;
        }
        int[] labels = MeshComponents.triangleLabels(mesh);
        double[] volume = MeshComponents.volumes(mesh, labels);
        int[] keep = new int[labels.length];
        boolean any = false;
        for (int f = 0; f < labels.length; f++) {
            keep[f] = volume[labels[f]] >= minMm3 ? 1 : 0;
            any |= keep[f] == 1;
        }
        return any ? MeshComponents.select(mesh, keep, 1) : mesh;
    }

    /**
     * The mesh without the triangles that cap it where the volume ends along its cranio-caudal axis (all
     * three corners at or beyond the first or last slice).
     */
    static Mesh dropEndCaps(Mesh mesh, Volume v) {
        int axis = v.longitudinalAxis();
        int last = (axis == 0 ? v.nx() : axis == 1 ? v.ny() : v.nz()) - 1;
        Affine3 toIjk = v.lpsToIjk();
        float[] p = mesh.xyz();
        byte[] end = new byte[mesh.vertexCount()];
        for (int i = 0; i < end.length; i++) {
            Vec3 ijk = toIjk.apply(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            double t = axis == 0 ? ijk.x() : axis == 1 ? ijk.y() : ijk.z();
            end[i] = (byte) (t <= 1e-3 ? 1 : t >= last - 1e-3 ? 2 : 0);
        }
        int[] tri = mesh.triangles();
        int[] keep = new int[mesh.triangleCount()];
        for (int f = 0; f < keep.length; f++) {
            byte a = end[tri[3 * f]];
            keep[f] = a != 0 && a == end[tri[3 * f + 1]] && a == end[tri[3 * f + 2]] ? 0 : 1;
        }
        return MeshComponents.select(mesh, keep, 1);
    }

    /**
     * The bone of an analysed vertebra at the CT's resolution (see the class comment); LPS mm, closed
     * where the margin cuts it.
     */
    static Mesh levelBone(Volume ct, LevelAnalysis level) {
        Mesh own = extractMasked(ct, level, true);
        return own.triangleCount() > 0 ? own : extractMasked(ct, level, false);
    }

    /** The bone in the level's box, masked to the vertebra (or, {@code masked} false, a box about the body). */
    private static Mesh extractMasked(Volume ct, LevelAnalysis level, boolean masked) {
        VertebraFrame frame = level.frame();
        double zLo = level.bodyBottomZ() - (masked ? BOX_Z_MARGIN : 2);
        double zHi = level.bodyTopZ() + (masked ? BOX_Z_MARGIN : 2);
        double halfX = masked ? BOX_HALF_X : 35;
        double yTo = masked ? BOX_Y_TO : level.bodyPosteriorY() + 35;
        int[] box = voxelBox(ct, frame, halfX, BOX_Y_FROM, yTo, zLo, zHi);
        if (box == null) {
            return Mesh.empty();
        }
        int nx = box[1] - box[0], ny = box[3] - box[2], nz = box[5] - box[4];
        short[] hu = new short[nx * ny * nz];
        short[] src = ct.voxels();
        Vec3 d = new Vec3(LEVEL_MARGIN_MM, 0, 0);
        Vec3[] around = {Vec3.ZERO, d, d.times(-1), new Vec3(0, LEVEL_MARGIN_MM, 0), new Vec3(0, -LEVEL_MARGIN_MM, 0),
            new Vec3(0, 0, LEVEL_MARGIN_MM), new Vec3(0, 0, -LEVEL_MARGIN_MM)};
        boolean[] found = new boolean[1];
        Parallel.forEach(Parallel.defaultThreads(), nz, kk -> {
            int k = kk + box[4];
            for (int jj = 0; jj < ny; jj++) {
                int j = jj + box[2];
                for (int ii = 0; ii < nx; ii++) {
                    int i = ii + box[0];
                    short v = src[ct.index(i, j, k)];
                    Vec3 local = frame.toLocal(ct.lpsOf(i, j, k));
                    boolean inside = Math.abs(local.x()) <= halfX && local.y() >= BOX_Y_FROM && local.y() <= yTo
                        && local.z() >= zLo && local.z() <= zHi;
                    if (inside && masked && v >= Tissue.BONE_HU - 150) {
                        inside = false;
                        for (Vec3 o : around) {
                            if (level.inVertebra(local.plus(o))) {
                                inside = true;
                                break;
                            }
                        }
                    }
                    hu[ii + nx * (jj + ny * kk)] = inside ? v : (short) -1000;
                    if (inside && v >= Tissue.BONE_HU) {
                        found[0] = true;
                    }
                }
            }
        });
        if (!found[0]) {
            return Mesh.empty();
        }
        Affine3 m = ct.ijkToLps();
        Volume crop = new Volume(nx, ny, nz, hu, Affine3.fromColumns(m.column(0), m.column(1), m.column(2),
            ct.lpsOf(box[0], box[2], box[4])));
        Mesh mesh = SurfaceExtractor.extract(crop, Tissue.BONE_HU, SurfaceOptions.defaults());
        return dropSmallPieces(mesh, masked ? MIN_PIECE_MM3 / 3 : MIN_PIECE_MM3);
    }

    /** The voxel-index box {i0, i1, j0, j1, k0, k1} (exclusive ends) covering a box of the frame, or null. */
    private static int[] voxelBox(Volume ct, VertebraFrame frame, double halfX, double yFrom, double yTo, double zLo,
                                  double zHi) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int c = 0; c < 8; c++) {
            Vec3 local = new Vec3((c & 1) == 0 ? -halfX : halfX, (c & 2) == 0 ? yFrom : yTo, (c & 4) == 0 ? zLo : zHi);
            Vec3 ijk = ct.lpsToIjk().apply(frame.toLps(local));
            double[] q = {ijk.x(), ijk.y(), ijk.z()};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], q[a]);
                hi[a] = Math.max(hi[a], q[a]);
            }
        }
        int[] n = {ct.nx(), ct.ny(), ct.nz()};
        int[] box = new int[6];
        for (int a = 0; a < 3; a++) {
            box[2 * a] = Math.max(0, (int) Math.floor(lo[a]));
            box[2 * a + 1] = Math.min(n[a], (int) Math.ceil(hi[a]) + 1);
            if (box[2 * a + 1] - box[2 * a] < 2) {
                return null;
            }
        }
        return box;
    }

    /** The context bone without the triangles within {@link #CONTEXT_GAP_MM} of the analysed vertebra. */
    static Mesh without(Mesh context, LevelAnalysis level) {
        float[] p = context.xyz();
        int[] t = context.triangles();
        int[] keep = new int[context.triangleCount()];
        double g = CONTEXT_GAP_MM;
        Vec3[] around = {Vec3.ZERO, new Vec3(g, 0, 0), new Vec3(-g, 0, 0), new Vec3(0, g, 0), new Vec3(0, -g, 0),
            new Vec3(0, 0, g), new Vec3(0, 0, -g)};
        VertebraFrame frame = level.frame();
        double reach = BOX_HALF_X + BOX_Y_TO + 2 * BOX_Z_MARGIN;
        Parallel.forEach(Parallel.defaultThreads(), Math.max(1, (keep.length + 4095) / 4096), chunk -> {
            for (int f = chunk * 4096, end = Math.min(keep.length, f + 4096); f < end; f++) {
                int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
                Vec3 centroid = new Vec3((p[a] + p[b] + p[c]) / 3.0, (p[a + 1] + p[b + 1] + p[c + 1]) / 3.0,
                    (p[a + 2] + p[b + 2] + p[c + 2]) / 3.0);
                keep[f] = 1;
                if (centroid.distance(frame.centreLps()) > reach) {
                    continue;
                }
                Vec3 local = frame.toLocal(centroid);
                for (Vec3 o : around) {
                    if (level.inVertebra(local.plus(o))) {
                        keep[f] = 0;
                        break;
                    }
                }
            }
        });
        return MeshComponents.select(context, keep, 1);
    }
}
