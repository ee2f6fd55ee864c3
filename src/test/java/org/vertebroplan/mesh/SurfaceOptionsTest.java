package org.vertebroplan.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vertebroplan.mesh.SurfaceExtractorTest.assertWatertight;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

class SurfaceOptionsTest {

    static final Vec3 A = new Vec3(15.2, 20.3, 20.1); // radius 8
    static final Vec3 B = new Vec3(44.7, 20.6, 19.8); // radius 11

    static Volume twoSpheres() {
        Phantoms.Field a = Phantoms.sphere(A, 8), b = Phantoms.sphere(B, 11);
        return Phantoms.sample(64, 42, 42, Phantoms.grid(1, Vec3.ZERO), p -> Math.max(a.signedDistanceMm(p),
            b.signedDistanceMm(p)));
    }

    static double ball(double r) {
        return 4.0 / 3 * Math.PI * r * r * r;
    }

    @Test
    void roiKeepsOnlyWhatIsInsideTheBoxAndCapsIt() {
        Volume v = twoSpheres();
        // box around A only
        Mesh m = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withRoi(new Vec3(3, 5, 5), new Vec3(28, 35, 35)));
        MeshReport r = MeshChecks.check(m);
        assertWatertight(r);
        assertEquals(1, r.components());
        assertEquals(ball(8), r.volumeMm3(), 0.02 * ball(8));
        double[] b = m.bounds();
        assertTrue(b[0] >= 3 - 1e-3 && b[3] <= 28 + 1e-3, java.util.Arrays.toString(b));
        // box through the middle of B (x from its centre): a capped half ball, still closed
        Mesh half = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withRoi(new Vec3(70, 0, 0),
            new Vec3(B.x(), 45, 45)));
        MeshReport h = MeshChecks.check(half);
        assertWatertight(h);
        // the cut is at voxel 45 (first voxel at or after x = 44.7) minus the cap offset
        double capX = 45 - MarchingCubes.EPS;
        double d = capX - B.x();
        double expected = Math.PI * (2 * 11 * 11 * 11 / 3.0 - 11 * 11 * d + d * d * d / 3);
        assertEquals(expected, h.volumeMm3(), 0.02 * expected);
    }

    @Test
    void roiWithGaussianSmoothsInsideTheBoxOnly() {
        Volume v = twoSpheres();
        Mesh m = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withGaussianSigma(1.0)
            .withRoi(new Vec3(3, 5, 5), new Vec3(28, 35, 35)));
        MeshReport r = MeshChecks.check(m);
        assertWatertight(r);
        assertEquals(1, r.components());
        // blurring the distance field R - |x| moves its zero level inwards by sigma^2 / R (Laplacian -2/r)
        assertEquals(ball(8 - 1.0 / 8), r.volumeMm3(), 0.02 * ball(8), r.summary());
        double[] b = m.bounds();
        assertEquals(A.x(), (b[0] + b[3]) / 2, 0.1);
        assertEquals(A.y(), (b[1] + b[4]) / 2, 0.1);
        assertEquals(A.z(), (b[2] + b[5]) / 2, 0.1);
    }

    @Test
    void roiOutsideTheVolumeGivesAnEmptyMesh() {
        Mesh m = SurfaceExtractor.extract(twoSpheres(), 0,
            SurfaceOptions.defaults().withRoi(new Vec3(-50, -50, -50), new Vec3(-10, -10, -10)));
        assertEquals(0, m.triangleCount());
    }

    @Test
    void seedSelectsThePieceAroundItAndLargestTheBiggest() {
        Volume v = twoSpheres();
        assertEquals(2, MeshChecks.check(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults())).components());
        MeshReport a = MeshChecks.check(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withSeed(A)));
        assertEquals(1, a.components());
        assertEquals(ball(8), a.volumeMm3(), 0.02 * ball(8));
        MeshReport b = MeshChecks.check(SurfaceExtractor.extract(v, 0,
            SurfaceOptions.defaults().withSeed(B.plus(new Vec3(5, 0, 0)))));
        assertEquals(ball(11), b.volumeMm3(), 0.02 * ball(11));
        // outside both: the nearest piece (A's surface is 2 mm away, B's farther)
        MeshReport near = MeshChecks.check(SurfaceExtractor.extract(v, 0,
            SurfaceOptions.defaults().withSeed(A.minus(new Vec3(10, 0, 0)))));
        assertEquals(ball(8), near.volumeMm3(), 0.02 * ball(8));
        MeshReport largest = MeshChecks.check(SurfaceExtractor.extract(v, 0,
            SurfaceOptions.defaults().withKeepLargest(true)));
        assertEquals(ball(11), largest.volumeMm3(), 0.02 * ball(11));
    }

    @Test
    void seedInsideAHollowBallKeepsTheOuterShellNotTheCavity() {
        Vec3 c = new Vec3(20, 20, 20);
        Volume v = Phantoms.sample(40, 40, 40, Phantoms.grid(1, Vec3.ZERO), p -> {
            double d = p.distance(c);
            return Math.min(14 - d, d - 8); // shell between radii 8 and 14
        });
        Mesh all = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults());
        assertEquals(2, MeshChecks.check(all).components());
        MeshReport r = MeshChecks.check(SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withSeed(c)));
        assertEquals(1, r.components());
        assertEquals(ball(14), r.volumeMm3(), 0.02 * ball(14));
    }

    @Test
    void gaussianPresmoothingMergesNoiseSpecklesIntoOneSmoothBall() {
        Random rnd = new Random(3);
        Vec3 c = new Vec3(20.3, 19.6, 20.2);
        Volume clean = Phantoms.sample(40, 40, 40, Phantoms.grid(1, Vec3.ZERO), Phantoms.sphere(c, 10));
        short[] hu = clean.voxels().clone();
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) Math.round(Math.signum(hu[i]) * 300 + rnd.nextGaussian() * 250);
        }
        Volume noisy = new Volume(40, 40, 40, hu, clean.ijkToLps());
        MeshReport raw = MeshChecks.check(SurfaceExtractor.extract(noisy, 0, SurfaceOptions.defaults()));
        MeshReport smooth = MeshChecks.check(SurfaceExtractor.extract(noisy, 0,
            SurfaceOptions.defaults().withGaussianSigma(1.5)));
        assertTrue(raw.components() > 20, raw.summary());
        assertWatertight(smooth);
        assertEquals(1, smooth.components(), smooth.summary());
        // blurring a ball moves its half-level surface inwards by about sigma^2 / R
        assertEquals(ball(10 - 1.5 * 1.5 / 10), smooth.volumeMm3(), 0.02 * ball(10));
    }

    @Test
    void gaussianKeepsConstantsAndSpreadsAnImpulseWithTheRightWidth() {
        int n = 41;
        short[] hu = new short[n * n * n];
        hu[20 + n * (20 + n * 20)] = 30000;
        Volume v = Volume.axisAligned(n, n, n, hu, Vec3.ZERO, 0.5, 0.5, 1.0);
        Volume s = VolumeGaussian.smooth(v, 1.5, 0, n, 0, n, 0, n, 2);
        // variance along k (spacing 1 mm, sigma 1.5 voxels) and along i (spacing 0.5 mm, 3 voxels)
        double sum = 0, vi = 0, vk = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double w = s.get(i, j, k);
                    sum += w;
                    vi += w * (i - 20) * (i - 20) * 0.25;
                    vk += w * (k - 20) * (k - 20);
                }
            }
        }
        assertEquals(30000, sum, 30000 * 0.1); // rounding to whole HU loses a little
        assertEquals(1.5 * 1.5, vi / sum, 0.25);
        assertEquals(1.5 * 1.5, vk / sum, 0.25);
        short[] flat = new short[8 * 8 * 8];
        java.util.Arrays.fill(flat, (short) 123);
        Volume f = VolumeGaussian.smooth(Volume.axisAligned(8, 8, 8, flat, Vec3.ZERO, 1, 1, 1), 2, 1, 7, 0, 8, 2, 5, 1);
        for (short x : f.voxels()) {
            assertEquals(123, x);
        }
        assertEquals(6 * 8 * 3, f.voxels().length);
        assertEquals(new Vec3(1, 0, 2), f.lpsOf(0, 0, 0));
    }

    @Test
    void taubinSmoothsWithoutShrinkingAndKeepsTheMeshClosed() {
        Vec3 c = new Vec3(15.1, 14.8, 15.3);
        Volume v = Phantoms.sample(32, 32, 32, Phantoms.grid(1, Vec3.ZERO), p -> 100 * (10 - p.distance(c)) > 0 ? 1 : -1);
        Mesh raw = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults()); // binary volume: staircase
        Mesh smooth = SurfaceExtractor.extract(v, 0, SurfaceOptions.defaults().withSmoothing(20));
        MeshReport r0 = MeshChecks.check(raw), r1 = MeshChecks.check(smooth);
        assertWatertight(r1);
        assertTrue(radiusSpread(smooth, c) < 0.6 * radiusSpread(raw, c),
            radiusSpread(raw, c) + " -> " + radiusSpread(smooth, c));
        assertEquals(r0.volumeMm3(), r1.volumeMm3(), 0.03 * r0.volumeMm3());
        assertTrue(r1.areaMm2() < r0.areaMm2());
    }

    static double radiusSpread(Mesh m, Vec3 c) {
        double s = 0, s2 = 0;
        for (int v = 0; v < m.vertexCount(); v++) {
            double r = m.vertex(v).distance(c);
            s += r;
            s2 += r * r;
        }
        double mean = s / m.vertexCount();
        return Math.sqrt(s2 / m.vertexCount() - mean * mean);
    }

    @Test
    void vertexNormalsPointOutOfASphere() {
        Vec3 c = new Vec3(12.2, 11.7, 12.4);
        Mesh m = SurfaceExtractor.extract(Phantoms.sample(25, 25, 25, Phantoms.grid(1, Vec3.ZERO),
            Phantoms.sphere(c, 8)), 0, SurfaceOptions.defaults());
        float[] n = MeshNormals.vertexNormals(m);
        for (int v = 0; v < m.vertexCount(); v++) {
            Vec3 radial = m.vertex(v).minus(c).normalized();
            Vec3 normal = new Vec3(n[3 * v], n[3 * v + 1], n[3 * v + 2]);
            assertEquals(1, normal.norm(), 1e-5);
            assertTrue(normal.dot(radial) > 0.9, "vertex " + v);
        }
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SurfaceOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> SurfaceOptions.defaults().withGaussianSigma(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SurfaceOptions.defaults().withRoi(Vec3.ZERO, null));
        assertThrows(IllegalArgumentException.class,
            () -> SurfaceExtractor.extract(twoSpheres(), Double.NaN, SurfaceOptions.defaults()));
    }
}
