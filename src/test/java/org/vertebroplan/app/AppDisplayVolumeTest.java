package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** The coarse copy of the CT behind the displayed skin: same place in LPS, thin plates removed. */
class AppDisplayVolumeTest {

    @Test
    void downsamplingKeepsEveryStructureWhereItIs() {
        Volume fine = SyntheticCase.volume(); // 0.8 x 0.8 x 1.0 mm
        assertArrayEquals(new int[] {2, 2, 1}, DisplayVolume.factors(fine, 1.4), "nearest: 1.6 and 1.0 mm");
        Volume coarse = DisplayVolume.downsample(fine, 1.4);
        assertEquals(60, coarse.nx());
        assertEquals(50, coarse.ny());
        assertEquals(60, coarse.nz());
        assertArrayEquals(new double[] {1.6, 1.6, 1.0}, coarse.spacingMm(), 1e-12);
        // the first coarse voxel is the mean of fine voxels (0..1, 0..1, 0): its centre is their centre
        assertTrue(coarse.lpsOf(0, 0, 0).distance(fine.lpsOf(0.5, 0.5, 0)) < 1e-9);
        Volume cubes = DisplayVolume.downsample(fine, 1.9);
        assertArrayEquals(new double[] {1.6, 1.6, 2.0}, cubes.spacingMm(), 1e-12);
        assertTrue(cubes.lpsOf(0, 0, 0).distance(fine.lpsOf(0.5, 0.5, 0.5)) < 1e-9);
        for (Vec3 p : new Vec3[] {SyntheticCase.BODY_CENTER, new Vec3(30, 0, 0), new Vec3(45, 35, 0)}) {
            assertEquals(fine.sample(p, 0), coarse.sample(p, 0), 1.0, "same HU at " + p);
        }
        assertSame(fine, DisplayVolume.downsample(fine, 0.5), "already fine enough: no copy");
    }

    @Test
    void openingRemovesAThinPlateButKeepsTheBody() {
        int n = 30;
        short[] hu = new short[n * n * n];
        java.util.Arrays.fill(hu, (short) -1000);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    if (i >= 5 && i < 25 && j >= 5 && j < 20 && k >= 5 && k < 25) {
                        hu[i + n * (j + n * k)] = 40; // body
                    }
                    if (j == 20 && k >= 2 && k < 28) {
                        hu[i + n * (j + n * k)] = 300; // a one-voxel plate touching the body
                    }
                }
            }
        }
        Volume v = Volume.axisAligned(n, n, n, hu, Vec3.ZERO, 1.5, 1.5, 1.5);
        Volume o = DisplayVolume.open(v);
        assertEquals(-1000, o.get(2, 20, 15), "the plate is gone beside the body");
        assertEquals(-1000, o.get(28, 20, 27), "and at its far corner");
        assertEquals(40, o.get(15, 20, 15), "where it touched the body, only the body's own value is left");
        assertEquals(40, o.get(15, 12, 15), "the body stays");
        assertEquals(40, o.get(5, 5, 5), "including its corners");
    }
}
