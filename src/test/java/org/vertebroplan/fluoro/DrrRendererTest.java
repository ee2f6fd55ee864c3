package org.vertebroplan.fluoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * Cone-beam shots of analytic objects against their closed-form line integrals: exact thicknesses
 * along the central ray, a sphere and a rod seen through the cone (magnification included), the fast
 * projector against Joseph's method ray by ray, and needles as steel.
 */
class DrrRendererTest {

    static final double MU_W = Attenuation.MU_WATER;

    /** A volume sampled from an HU function at the voxel centres of {@code ijkToLps}. */
    static Volume sampled(int nx, int ny, int nz, Affine3 ijkToLps, ToDoubleFunction<Vec3> hu) {
        short[] v = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[i + nx * (j + ny * k)] = (short) Math.round(hu.applyAsDouble(ijkToLps.apply(i, j, k)));
                }
            }
        }
        return new Volume(nx, ny, nz, v, ijkToLps);
    }

    /** An axis-aligned cube of {@code n} voxels of {@code mm}, centred on the origin. */
    static Affine3 cube(int n, double mm) {
        double o = -(n - 1) / 2.0 * mm;
        return Affine3.fromColumns(Vec3.X.times(mm), Vec3.Y.times(mm), Vec3.Z.times(mm), new Vec3(o, o, o));
    }

    /**
     * The HU of a solid of 1000 HU in air with partial volume: the fraction of the voxel (of side mm)
     * inside, from 4 x 4 x 4 sub-samples near the surface. {@code inside} is the signed distance to the
     * surface (negative inside).
     */
    static double partialVolume(Vec3 p, double mm, ToDoubleFunction<Vec3> inside) {
        double d = inside.applyAsDouble(p);
        if (d < -mm) {
            return 1000;
        }
        if (d > mm) {
            return -1000;
        }
        int in = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 4; c++) {
                    Vec3 q = p.plus(new Vec3((a - 1.5) / 4 * mm, (b - 1.5) / 4 * mm, (c - 1.5) / 4 * mm));
                    if (inside.applyAsDouble(q) < 0) {
                        in++;
                    }
                }
            }
        }
        return -1000 + 2000.0 * in / 64;
    }

    /** Water everywhere (0 HU) in a 60 mm cube of 1 mm voxels, a 10 mm bone cube (1000 HU) at (20, 20, 0). */
    static Volume waterWithBone() {
        Affine3 grid = Affine3.fromColumns(Vec3.X, Vec3.Y, Vec3.Z, new Vec3(-30, -30, -30));
        return sampled(60, 60, 60, grid,
            p -> Math.abs(p.x() - 20) <= 5 && Math.abs(p.y() - 20) <= 5 && Math.abs(p.z()) <= 5 ? 1000 : 0);
    }

    @Test
    void theCentralRayAddsUpTheWaterAndBoneItCrosses() {
        Attenuation mu = Attenuation.of(waterWithBone(), 2);
        // 513 pixels: pixel 256 lies on the central ray. 60 voxels of 1 mm, 11 of them bone (twice water's mu)
        CArm ap = CArm.ap(new Vec3(20, 0, 0)).withDetector(300, 513);
        DrrImage img = DrrRenderer.render(mu, ap, List.of(), 2);
        assertEquals(MU_W * (49 + 2 * 11), img.at(256, 256), 1e-5);
        CArm lateral = CArm.lateral(new Vec3(0, 20, 0)).withDetector(300, 513);
        assertEquals(MU_W * (49 + 2 * 11), DrrRenderer.render(mu, lateral, List.of(), 2).at(256, 256), 1e-5);
        // water only, away from the bone
        assertEquals(MU_W * 60, DrrRenderer.render(mu, CArm.ap(new Vec3(-10, 0, 0)).withDetector(300, 513),
            List.of(), 2).at(256, 256), 1e-5);
    }

    @Test
    void aSphereProjectsAsItsChordLengthsThroughTheConeMagnifiedByItsDistance() {
        double r = 20, mm = 0.5;
        Vec3 centre = new Vec3(3, -2, 1);
        Volume v = sampled(120, 120, 120, cube(120, mm), p -> partialVolume(p, mm, q -> q.distance(centre) - r));
        Attenuation mu = Attenuation.of(v, 2);
        double muSphere = 2 * MU_W;
        // on the axis at the isocentre, then 100 mm nearer the detector and off the axis (an ellipse)
        for (Vec3 iso : List.of(centre, centre.plus(new Vec3(15, -100, 10)))) {
            CArm c = CArm.ap(iso).withDetector(300, 257);
            DrrImage img = DrrRenderer.render(mu, c, List.of(), 2);
            double worstInside = 0;
            int inside = 0;
            for (int row = 0; row < c.sizePx(); row++) {
                for (int col = 0; col < c.sizePx(); col++) {
                    Vec3 s = c.sourceLps();
                    Vec3 u = c.pixelLps(col, row).minus(s).normalized();
                    // distance from the sphere's centre to the ray
                    Vec3 sc = centre.minus(s);
                    double p = sc.minus(u.times(sc.dot(u))).norm();
                    double exact = p < r ? muSphere * 2 * Math.sqrt(r * r - p * p) : 0;
                    if (p < 0.95 * r) {
                        worstInside = Math.max(worstInside, Math.abs(img.at(col, row) - exact));
                        inside++;
                    } else if (p > 1.05 * r) {
                        assertEquals(0, img.at(col, row), 1e-3, "outside the shadow at " + col + "," + row);
                    }
                }
            }
            assertTrue(inside > 1000, "the shadow covers " + inside + " pixels");
            assertTrue(worstInside < 0.005 * muSphere * 2 * r, "largest error " + worstInside + " of "
                + muSphere * 2 * r);
            // the shadow's width along the row through its centre: 2 SDD r / sqrt(D^2 - r^2) for a sphere on the axis
            if (iso.equals(centre)) {
                int wide = 0;
                for (int col = 0; col < c.sizePx(); col++) {
                    if (img.at(col, 128) > 0.02 * muSphere * 2 * r) {
                        wide++;
                    }
                }
                double expected = 2 * 1000 * r / Math.sqrt(600 * 600 - r * r) / c.pixelMm();
                assertEquals(expected, wide, 2.0, "shadow width in pixels");
            }
        }
    }

    @Test
    void aRodSeenObliquelyProjectsAsItsChordsThroughTheCylinder() {
        double r = 6, mm = 0.6;
        Vec3 axisPoint = new Vec3(4, -3, 0);
        // a rod along the patient's long axis (z), through the whole volume
        Affine3 grid = Affine3.fromColumns(Vec3.X.times(mm), Vec3.Y.times(mm), Vec3.Z.times(mm),
            new Vec3(-99 / 2.0 * mm, -99 / 2.0 * mm, -119 / 2.0 * mm));
        Volume v = sampled(100, 100, 120, grid, p -> partialVolume(p, mm,
                q -> Math.hypot(q.x() - axisPoint.x(), q.y() - axisPoint.y()) - r));
        Attenuation mu = Attenuation.of(v, 2);
        double muRod = 2 * MU_W;
        CArm c = CArm.at(axisPoint, 30, 15).withDetector(300, 257);
        DrrImage img = DrrRenderer.render(mu, c, List.of(), 2);
        Vec3 s = c.sourceLps();
        double worst = 0;
        int crossing = 0;
        for (int row = 0; row < c.sizePx(); row++) {
            for (int col = 0; col < c.sizePx(); col++) {
                Vec3 w = c.pixelLps(col, row).minus(s).normalized();
                // |q + t w_xy| = r in the axial plane: the chord in t (mm along the ray)
                double qx = s.x() - axisPoint.x(), qy = s.y() - axisPoint.y();
                double a = w.x() * w.x() + w.y() * w.y(), b = 2 * (qx * w.x() + qy * w.y()), cc = qx * qx + qy * qy - r * r;
                double disc = b * b - 4 * a * cc;
                double tMid = -b / (2 * a);
                double zMid = s.z() + tMid * w.z();
                if (Math.abs(zMid) > 25) {
                    continue; // near the rod's ends in the volume
                }
                double chord = disc > 0 ? Math.sqrt(disc) / a : 0;
                // the ray's distance from the axis where it passes closest, in the axial plane
                double miss = Math.sqrt(Math.max(0, cc + r * r - b * b / (4 * a)));
                if (miss < 0.8 * r) {
                    worst = Math.max(worst, Math.abs(img.at(col, row) - muRod * chord));
                    crossing++;
                } else if (miss > r + 1.5) {
                    assertEquals(0, img.at(col, row), 1e-3, "beside the rod at " + col + "," + row);
                }
            }
        }
        assertTrue(crossing > 500, crossing + " pixels see the rod");
        // partial volume and interpolation blur the rod's edge by a few hundredths of a mm
        assertTrue(worst < 0.01 * muRod * 2 * r, "largest error " + worst + " of " + muRod * 2 * r);
    }

    /** Smooth blobs with noise on a turned, anisotropic grid. */
    static Volume blobs() {
        Vec3 ci = new Vec3(0.8, 0.1, 0).normalized().times(0.8);
        Vec3 cj = new Vec3(-0.1, 0.8, 0.05).normalized();
        Vec3 ck = ci.cross(cj).normalized().times(1.25);
        Affine3 grid = Affine3.fromColumns(ci, cj, ck, new Vec3(-40, -45, -35));
        java.util.Random rnd = new java.util.Random(5);
        Vec3[] centres = new Vec3[12];
        for (int b = 0; b < centres.length; b++) {
            centres[b] = new Vec3(rnd.nextGaussian() * 12, rnd.nextGaussian() * 12, rnd.nextGaussian() * 10);
        }
        return sampled(100, 90, 60, grid, p -> {
            double hu = -1000;
            for (Vec3 c : centres) {
                hu += 1600 * Math.exp(-p.minus(c).dot(p.minus(c)) / 150);
            }
            return Math.min(3000, hu + (Math.sin(p.x() * 1.3) + Math.cos(p.y() * 0.7 + p.z())) * 40);
        });
    }

    @Test
    void theFastProjectorGivesJosephsLineIntegralOfEveryRay() {
        Attenuation mu = Attenuation.of(blobs(), 2);
        java.util.Random rnd = new java.util.Random(11);
        // aligned with no voxel plane (the grid is turned): rays interpolated on the grid, within 1 %
        for (double[] pose : new double[][] {{0, 0}, {90, 0}, {30, 10}, {45, 0}, {-50, -20}, {0, 60}, {180, 0}}) {
            CArm c = CArm.at(new Vec3(2, 1, -3), pose[0], pose[1]).withDetector(200, 256);
            DrrImage img = DrrRenderer.render(mu, c, List.of(), 2);
            double max = 0, worst = 0;
            for (int t = 0; t < 600; t++) {
                int col = rnd.nextInt(256), row = rnd.nextInt(256);
                double exact = mu.lineIntegral(c.sourceLps(), c.pixelLps(col, row));
                max = Math.max(max, exact);
                worst = Math.max(worst, Math.abs(exact - img.at(col, row)));
            }
            assertTrue(max > 1, "the rays see the blobs");
            assertTrue(worst < 0.01 * max, "orbital " + pose[0] + " angular " + pose[1] + ": error " + worst + " of "
                + max);
        }
    }

    @Test
    void withTheDetectorParallelToTheVoxelPlanesTheFastProjectorIsJosephsExactly() {
        Attenuation mu = Attenuation.of(waterWithBone(), 2);
        java.util.Random rnd = new java.util.Random(3);
        for (CArm c : List.of(CArm.ap(new Vec3(5, 3, -4)), CArm.lateral(new Vec3(5, 3, -4)),
            CArm.at(new Vec3(1, 1, 1), 180, 0), CArm.at(new Vec3(1, 1, 1), 0, 90))) {
            DrrImage img = DrrRenderer.render(mu, c.withDetector(200, 200), List.of(), 2);
            for (int t = 0; t < 400; t++) {
                int col = rnd.nextInt(200), row = rnd.nextInt(200);
                double exact = mu.lineIntegral(img.carm().sourceLps(), img.carm().pixelLps(col, row));
                assertEquals(exact, img.at(col, row), 1e-5 * Math.max(1, exact), "pixel " + col + "," + row);
            }
        }
    }

    @Test
    void aNeedleIsASteelRod() {
        Volume v = waterWithBone();
        Attenuation mu = Attenuation.of(v, 2);
        Needle n = new Needle("left", Side.LEFT, new Vec3(10, -25, 0), new Vec3(10, 25, 0), 3.0, 120);
        CArm lateral = CArm.lateral(new Vec3(10, 0, 0)).withDetector(300, 513);
        DrrImage with = DrrRenderer.render(mu, lateral, List.of(n), 2);
        DrrImage without = DrrRenderer.render(mu, lateral, List.of(), 2);
        // the central ray crosses the rod through its axis: a chord of one diameter of steel
        assertEquals(DrrRenderer.MU_STEEL * 3.0, with.at(256, 256) - without.at(256, 256), 1e-4);
        assertEquals(without.tissueAt(256, 256), with.tissueAt(256, 256), 0);
        double[] off = lateral.project(new Vec3(10, 0, 6));
        int oc = (int) Math.round(off[0]), or = (int) Math.round(off[1]);
        assertEquals(0, with.at(oc, or) - without.at(oc, or), 1e-6);
    }

    @Test
    void chordLengthsThroughACylinder() {
        Needle n = new Needle("x", Side.LEFT, new Vec3(0, 0, 0), new Vec3(0, 0, 50), 4.0, 100);
        assertEquals(4.0, DrrRenderer.chord(new Vec3(-10, 0, 10), Vec3.X, n), 1e-9);
        assertEquals(2 * Math.sqrt(4 - 1), DrrRenderer.chord(new Vec3(-10, 1, 10), Vec3.X, n), 1e-9);
        assertEquals(0, DrrRenderer.chord(new Vec3(-10, 2.5, 10), Vec3.X, n), 1e-12);
        assertEquals(0, DrrRenderer.chord(new Vec3(-10, 0, 60), Vec3.X, n), 1e-12);
        assertEquals(50, DrrRenderer.chord(new Vec3(0, 0.5, -10), Vec3.Z, n), 1e-9);
    }
}
