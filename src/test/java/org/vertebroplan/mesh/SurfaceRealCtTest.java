package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertebroplan.mesh.SurfaceExtractorTest.assertWatertight;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/** Presets and cancellation on the real chest CT (skipped when ../shared/data is absent). */
class SurfaceRealCtTest {

    static Volume ct() throws Exception {
        Path dir = TestData.require("ct-real-2");
        return DicomImport.loadVolume(dir, ProgressListener.NONE);
    }

    @Test
    void skinPresetGivesOneClosedBodyThatContainsTheBone() throws Exception {
        Volume v = ct();
        Mesh skin = SurfaceExtractor.extract(v, Tissue.SKIN_HU, SurfaceOptions.skin());
        MeshReport r = MeshChecks.check(skin);
        assertWatertight(r);
        assertEquals(1, r.components(), r.summary());
        MeshReport bone = MeshChecks.check(SurfaceExtractor.extract(v, Tissue.BONE_HU, SurfaceOptions.bone()));
        assertWatertight(bone);
        // the body holds the bones; a chest slab of 96 mm: litres, not millilitres
        assertTrue(r.volumeMm3() > 10 * bone.volumeMm3(), r.summary() + " / " + bone.summary());
        assertTrue(r.volumeMm3() > 2e6 && r.volumeMm3() < 2e7, r.summary());
        // the couch spans the whole field of view at this level; the body does not: it is left out
        double[] b = skin.bounds();
        Vec3 first = v.lpsOf(0, 0, 0), last = v.lpsOf(v.nx() - 1, v.ny() - 1, v.nz() - 1);
        assertTrue(b[0] > first.x() + 10 && b[3] < last.x() - 10, java.util.Arrays.toString(b));
        Mesh all = SurfaceExtractor.extract(v, Tissue.SKIN_HU, SurfaceOptions.skin().withKeepLargest(false));
        double[] ab = all.bounds();
        assertTrue(ab[0] < first.x() + 1 && ab[3] > last.x() - 1, "without the preset the couch is there");
    }

    @Test
    void seedInTheSpineKeepsOnePieceOfBone() throws Exception {
        Volume v = ct();
        // find the brightest voxel near the middle column (spine: posterior midline), use it as seed
        int bestI = 0, bestJ = 0, k = v.nz() / 2;
        short best = Short.MIN_VALUE;
        for (int j = v.ny() / 2; j < v.ny() * 3 / 4; j++) {
            for (int i = v.nx() * 2 / 5; i < v.nx() * 3 / 5; i++) {
                if (v.get(i, j, k) > best) {
                    best = v.get(i, j, k);
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        assertTrue(best > 250, "no bone found at the posterior midline");
        Vec3 seed = v.lpsOf(bestI, bestJ, k);
        Mesh piece = SurfaceExtractor.extract(v, 250, SurfaceOptions.defaults().withSeed(seed));
        MeshReport r = MeshChecks.check(piece);
        assertWatertight(r);
        assertEquals(1, r.components());
        assertTrue(MeshComponents.keepContaining(piece, seed).triangleCount() == piece.triangleCount());
    }

    @Test
    void interruptingTheCallerCancels() {
        Volume v = Phantoms.sample(40, 40, 40, Phantoms.grid(1, Vec3.ZERO), Phantoms.sphere(new Vec3(20, 20, 20), 12));
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class,
                () -> SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withThreads(2)));
        } finally {
            Thread.interrupted();
        }
        assertTrue(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults()).triangleCount() > 0);
    }
}
