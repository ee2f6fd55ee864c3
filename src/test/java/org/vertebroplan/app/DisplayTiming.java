package org.vertebroplan.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Times the steps that put a CT in the 3D view ({@link DisplaySurfaces}, {@link FxMeshMapper}), without a
 * window: {@code java -cp ... org.vertebroplan.app.DisplayTiming DICOM_DIR[@SLICES] [rounds=5]}. With
 * {@code @SLICES} the CT is repeated along k, every other copy mirrored, to that many slices (a
 * 512 x 512 x 300 CT from ct-real-2). Prints the median and range of each step over the rounds after one
 * warm-up round.
 */
public final class DisplayTiming {

    private DisplayTiming() {
    }

    public static void main(String[] args) throws Exception {
        String[] dirAndSlices = args[0].split("@");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t = System.nanoTime();
        Volume ct = DicomImport.loadVolume(Path.of(dirAndSlices[0]), ProgressListener.NONE);
        long importMs = (System.nanoTime() - t) / 1_000_000;
        if (dirAndSlices.length > 1) {
            ct = mirrorTiled(ct, Integer.parseInt(dirAndSlices[1]));
        }
        System.out.printf(Locale.ROOT, "CT %d x %d x %d, spacing %s, first import %d ms%n", ct.nx(), ct.ny(), ct.nz(),
            Arrays.toString(ct.spacingMm()), importMs);
        String[] names = {"downsample", "skin: downsample", "skin: opening", "skin: body mask", "skin: surface",
            "bone: surface", "bone: pieces", "FX meshes", "total"};
        long[][] ms = new long[names.length][rounds];
        for (int r = -1; r < rounds; r++) {
            long[] at = new long[names.length + 1];
            int s = 0;
            at[s++] = System.nanoTime();
            Volume boneCoarse = DisplaySurfaces.coarse(ct);
            at[s++] = System.nanoTime();
            Volume coarse = DisplayVolume.downsample(boneCoarse, DisplaySurfaces.SKIN_VOXEL_MM);
            at[s++] = System.nanoTime();
            Volume opened = DisplayVolume.open(coarse);
            at[s++] = System.nanoTime();
            boolean[] mask = DisplayVolume.body(coarse, opened, Tissue.SKIN_HU);
            at[s++] = System.nanoTime();
            Mesh skin = DisplaySurfaces.dropEndCaps(CaseServices.CORE.extractSurface(DisplayVolume.bodyOnly(coarse, mask,
                Tissue.SKIN_HU), Tissue.SKIN_HU, SurfaceOptions.defaults(), ProgressListener.NONE),
                coarse);
            at[s++] = System.nanoTime();
            Mesh raw = CaseServices.CORE.extractSurface(boneCoarse, Tissue.BONE_HU, SurfaceOptions.defaults(),
                ProgressListener.NONE);
            at[s++] = System.nanoTime();
            Mesh bone = DisplaySurfaces.inBody(DisplaySurfaces.dropSmallPieces(raw, DisplaySurfaces.MIN_PIECE_MM3),
                new DisplaySurfaces.Body(coarse, mask, skin));
            at[s++] = System.nanoTime();
            FxMeshMapper.toTriangleMesh(bone);
            FxMeshMapper.toTriangleMesh(skin);
            at[s++] = System.nanoTime();
            if (r >= 0) {
                for (int n = 0; n < names.length - 1; n++) {
                    ms[n][r] = (at[n + 1] - at[n]) / 1_000_000;
                }
                ms[names.length - 1][r] = (at[names.length - 1] - at[0]) / 1_000_000;
            } else {
                System.out.printf(Locale.ROOT, "skin %d triangles, bone %d triangles (raw %d)%n", skin.triangleCount(),
                    bone.triangleCount(), raw.triangleCount());
            }
        }
        for (int n = 0; n < names.length; n++) {
            long[] v = ms[n].clone();
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-18s median %5d ms  (%d-%d)%n", names[n], v[v.length / 2], v[0],
                v[v.length - 1]);
        }
    }

    /** The volume repeated along k, every other copy mirrored (no seams), to nz slices. */
    static Volume mirrorTiled(Volume ct, int nz) {
        return org.vertebroplan.mesh.ExtractionBenchmark.mirrorTiled(ct, nz);
    }
}
