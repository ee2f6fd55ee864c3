package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/** Slice geometry and rendering: the right voxel at the right place, in radiological orientation. */
class AppSliceRenderingTest {

    static final int N = 20;

    /** A 20^3 air volume with one bright voxel. */
    static Volume withBrightVoxel(int i, int j, int k, Affine3 ijkToLps) {
        short[] hu = new short[N * N * N];
        java.util.Arrays.fill(hu, (short) -1000);
        hu[i + N * (j + N * k)] = 2000;
        return new Volume(N, N, N, hu, ijkToLps);
    }

    static int[] brightest(int[] argb, int width) {
        int best = 0;
        for (int p = 1; p < argb.length; p++) {
            if ((argb[p] & 0xFF) > (argb[best] & 0xFF)) {
                best = p;
            }
        }
        return new int[] {best % width, best / width};
    }

    @Test
    void axialShowsPatientLeftOnScreenRightAndAnteriorAtTop() {
        // voxel 15 along +x (left), 3 along +y (anterior part), slice 7; 1 mm voxels at origin 0
        Volume v = withBrightVoxel(15, 3, 7, Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, Vec3.ZERO));
        SliceGeometry g = SliceGeometry.of(v, SliceOrientation.AXIAL);
        assertEquals(N, g.width());
        assertEquals(N, g.height());
        int[] img = SliceRenderer.render(v, g, 7.0, WindowLevel.BONE);
        assertArrayEquals(new int[] {15, 3}, brightest(img, g.width()), "left on the right, anterior up");
        assertEquals(0xFFFFFFFF, img[3 * g.width() + 15]);
        assertEquals(0xFF000000, img[3 * g.width() + 4], "air is black in the bone window");
    }

    @Test
    void followsIjkToLpsNotTheStorageOrder() {
        // rows run towards the patient's right (-x), columns anteriorly (-y), slices downwards (-z):
        // voxel (15, 3, 7) then lies at LPS (-15, -3, -7) + origin
        Vec3 origin = new Vec3(100, 50, 20);
        Volume v = withBrightVoxel(15, 3, 7, Affine3.fromColumns(Vec3.X.times(-1), Vec3.Y.times(-1),
            Vec3.Z.times(-1), origin));
        Vec3 lps = v.lpsOf(15, 3, 7);
        assertEquals(new Vec3(85, 47, 13), lps);
        SliceGeometry g = SliceGeometry.of(v, SliceOrientation.AXIAL);
        int[] img = SliceRenderer.render(v, g, lps.z(), WindowLevel.BONE);
        int[] at = brightest(img, g.width());
        // smallest x (most right) is screen column 0, so x = 85 is column 85 - 81 = 4; y = 47 is row 47 - 31 = 16
        assertArrayEquals(new int[] {4, 16}, at);
        assertArrayEquals(new double[] {4, 16}, g.pixelOf(lps), 1e-9);
        assertEquals(lps, g.lpsAt(4, 16, lps.z()));
    }

    @Test
    void coronalHasSuperiorAtTopAndSagittalHasAnteriorOnTheLeft() {
        Volume v = withBrightVoxel(15, 3, 17, Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, Vec3.ZERO));
        SliceGeometry cor = SliceGeometry.of(v, SliceOrientation.CORONAL);
        int[] c = brightest(SliceRenderer.render(v, cor, 3, WindowLevel.BONE), cor.width());
        assertArrayEquals(new int[] {15, 2}, c, "z = 17 of 0..19 is row 2 from the top");
        SliceGeometry sag = SliceGeometry.of(v, SliceOrientation.SAGITTAL);
        int[] s = brightest(SliceRenderer.render(v, sag, 15, WindowLevel.BONE), sag.width());
        assertArrayEquals(new int[] {3, 2}, s, "anterior (small y) on the left, superior at the top");
    }

    @Test
    void anisotropicVoxelsKeepTheirShape() {
        short[] hu = new short[10 * 10 * 5];
        Volume v = Volume.axisAligned(10, 10, 5, hu, Vec3.ZERO, 0.5, 0.5, 2.0);
        SliceGeometry cor = SliceGeometry.of(v, SliceOrientation.CORONAL);
        assertEquals(0.5, cor.pixelMm());
        assertEquals(10, cor.width());
        assertEquals(17, cor.height(), "8 mm of slices at 0.5 mm pixels");
        assertEquals(0.5, cor.normalStep(), "coronal steps along y");
        assertEquals(2.0, SliceGeometry.of(v, SliceOrientation.AXIAL).normalStep(), "axial steps one slice");
    }

    @Test
    void windowMapsHuToGrey() {
        assertEquals(0, WindowLevel.SOFT_TISSUE.grey(-160));
        assertEquals(128, WindowLevel.SOFT_TISSUE.grey(40), 1);
        assertEquals(255, WindowLevel.SOFT_TISSUE.grey(240));
        assertTrue(WindowLevel.BONE.grey(700) > WindowLevel.BONE.grey(200));
    }

    @Test
    void slicesOutsideTheVolumeAreBlack() {
        Volume v = withBrightVoxel(1, 1, 1, Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, Vec3.ZERO));
        SliceGeometry g = SliceGeometry.of(v, SliceOrientation.AXIAL);
        for (int p : SliceRenderer.render(v, g, 50, WindowLevel.SOFT_TISSUE)) {
            assertEquals(0xFF000000, p);
        }
        assertEquals(19, g.clampNormal(50));
    }

    @Test
    void fastRendererMatchesVolumeSampleOnAnObliqueVolume() {
        java.util.Random rnd = new java.util.Random(7);
        int nx = 17;
        int ny = 13;
        int nz = 9;
        short[] hu = new short[nx * ny * nz];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (short) (rnd.nextInt(3000) - 1000);
        }
        // rows tilted 20 degrees about z, 0.7 mm; columns 0.9 mm; slices 1.5 mm feet-first (-z)
        double a = Math.toRadians(20);
        Volume v = new Volume(nx, ny, nz, hu, Affine3.fromColumns(new Vec3(Math.cos(a), Math.sin(a), 0).times(0.7),
            new Vec3(-Math.sin(a), Math.cos(a), 0).times(0.9), new Vec3(0, 0, -1.5), new Vec3(5, -3, 40)));
        WindowLevel wl = new WindowLevel("wide", 500, 3000);
        for (SliceOrientation o : SliceOrientation.values()) {
            SliceGeometry g = SliceGeometry.of(v, o);
            double pos = (g.normalMin() + g.normalMax()) / 2 + 0.123;
            int[] img = SliceRenderer.render(v, g, pos, wl);
            int inside = 0;
            for (int row = 0; row < g.height(); row++) {
                for (int col = 0; col < g.width(); col++) {
                    double ref = v.sample(g.lpsAt(col, row, pos), Double.NaN);
                    int grey = Double.isNaN(ref) ? 0 : wl.grey(Math.round(ref));
                    assertEquals(grey, img[row * g.width() + col] & 0xFF, 1, o + " pixel " + col + "," + row);
                    inside += Double.isNaN(ref) ? 0 : 1;
                }
            }
            assertTrue(inside > g.width() * g.height() / 4, o + " mostly inside: " + inside);
        }
    }
}
