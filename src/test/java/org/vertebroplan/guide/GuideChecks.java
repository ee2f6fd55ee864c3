package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * The measured acceptance checks of a generated guide (issue 6), shared by the phantom and real-CT
 * tests. Each measures the exported meshes themselves, not the design numbers.
 */
final class GuideChecks {

    private GuideChecks() {
    }

    static void assertPrintable(String part, MeshReport r) {
        assertTrue(r.closed(), part + " has " + r.boundaryEdges() + " boundary edges");
        assertTrue(r.manifold(), part + " is not manifold: " + r);
        assertTrue(r.consistentlyWound(), part + " has inconsistent winding: " + r);
        assertTrue(r.volumeMm3() > 0, part + " volume " + r.volumeMm3());
        assertEquals(1, r.components(), part + " pieces");
    }

    static double distanceToLine(Vec3 p, Vec3 a, Vec3 u) {
        Vec3 d = p.minus(a);
        return d.minus(u.times(d.dot(u))).norm();
    }

    /** The needle passes through the sleeve bore without touching it; bore radius as designed. */
    static void assertBoreClearsTheNeedle(Mesh sleeve, SleeveDesign d) {
        Needle n = d.needle();
        Vec3 u = n.direction();
        float[] p = sleeve.xyz();
        int[] t = sleeve.triangles();
        double minEdgeMid = Double.MAX_VALUE;
        for (int i = 0; i < t.length; i += 3) {
            for (int e = 0; e < 3; e++) {
                int a = 3 * t[i + e], b = 3 * t[i + (e + 1) % 3];
                Vec3 mid = new Vec3((p[a] + p[b]) / 2.0, (p[a + 1] + p[b + 1]) / 2.0, (p[a + 2] + p[b + 2]) / 2.0);
                minEdgeMid = Math.min(minEdgeMid, distanceToLine(mid, n.entryLps(), u));
            }
        }
        // the bore's flat faces are closest to the axis at their edges' midpoints
        assertEquals(d.boreRadiusMm(), minEdgeMid, 0.01, "bore radius");
        assertTrue(minEdgeMid > n.diameterMm() / 2, "the needle touches the bore");
    }

    /** The sleeve's top (hub stop) lies the working length from the target along the axis. */
    static void assertSleeveTopAtWorkingLength(Mesh sleeve, SleeveDesign d) {
        Needle n = d.needle();
        Vec3 u = n.direction();
        float[] p = sleeve.xyz();
        double top = -Double.MAX_VALUE;
        for (int v = 0; v < p.length; v += 3) {
            top = Math.max(top, -new Vec3(p[v], p[v + 1], p[v + 2]).minus(n.targetLps()).dot(u));
        }
        assertEquals(n.workingLengthMm(), top, 0.05, "sleeve top to target along the axis");
    }

    /** The needle segment from the sleeve to the target passes the base without touching it. */
    static void assertNeedlePassesTheBase(Mesh base, Needle n) {
        float[] p = base.xyz();
        double min = Double.MAX_VALUE;
        for (int v = 0; v < p.length; v += 3) {
            Vec3 q = new Vec3(p[v], p[v + 1], p[v + 2]);
            Vec3 ab = n.targetLps().minus(n.entryLps());
            double t = q.minus(n.entryLps()).dot(ab) / ab.dot(ab);
            Vec3 closest = n.entryLps().plus(ab.times(Math.max(-0.5, Math.min(1, t))));
            min = Math.min(min, q.distance(closest));
        }
        assertTrue(min > n.diameterMm() / 2 + 0.2, "a base vertex lies " + min + " mm from the needle axis");
    }

    /**
     * No base vertex inside tissue, and the skin side within the gap of the skin: every vertex is
     * outside the body (HU below the skin iso value) and those that face the skin are gap +- 0.1 mm
     * from it (skin found within gap + 0.1, none within gap - 0.1).
     */
    static void assertSeatsOnTheSkin(Mesh base, Volume ct, double gapMm) {
        assertSeatsOnTheSkin(base, ct, gapMm, Tissue.SKIN_HU, p -> true, 0.1, 1.0);
    }

    /**
     * Like {@link #assertSeatsOnTheSkin(Mesh, Volume, double)}, counting as tissue only HU at or above
     * {@code tissueHu} where {@code body} holds, and requiring at least {@code minFraction} of the
     * skin-side vertices within gap + {@code toleranceMm} (a real skin has pits, folds and slice steps the
     * base bridges); none may come closer than gap - 0.1.
     */
    static void assertSeatsOnTheSkin(Mesh base, Volume ct, double gapMm, double tissueHu,
                                     java.util.function.Predicate<Vec3> body, double toleranceMm, double minFraction) {
        int far = 0;
        float[] p = base.xyz();
        double[] facing = skinFacing(base, ct);
        Vec3[] dirs = directions();
        int skinSide = 0;
        for (int v = 0; v < p.length; v += 3) {
            Vec3 q = new Vec3(p[v], p[v + 1], p[v + 2]);
            double hu = ct.sample(q, -1000);
            assertTrue(hu < tissueHu || !body.test(q), "base vertex inside tissue at " + q + " (" + hu + " HU)");
            // the skin side: near the skin, every triangle around the vertex facing it (outward normal along
            // the HU gradient, into the body); vertices on the edge to a side wall are not skin side
            if (!body.test(q) || !skinWithin(ct, q, dirs, 1.0) || facing[v / 3] < 0.9) {
                continue;
            }
            skinSide++;
            final Vec3 vq = q;
            if (!skinWithin(ct, q, dirs, gapMm + toleranceMm)) {
                far++;
                assertTrue(minFraction < 1, () -> "skin-side vertex farther than the gap from the skin at " + vq + ": "
                    + skinDistance(ct, vq, dirs) + " mm");
            }
            assertTrue(!skinWithin(ct, q, dirs, gapMm - 0.1), "skin-side vertex closer than the gap at " + q);
        }
        assertTrue(skinSide > 1000, "too few skin-side vertices: " + skinSide);
        final int farCount = far, sideCount = skinSide;
        assertTrue(skinSide - far >= minFraction * skinSide, () -> farCount + " of " + sideCount
            + " skin-side vertices are farther than the gap + " + toleranceMm + " mm from the skin; distances: "
            + distanceHistogram(base, ct, facing, body));
    }

    private static Vec3 gradient(Volume ct, Vec3 q) {
        double e = 0.3;
        Vec3 g = new Vec3(ct.sample(q.plus(new Vec3(e, 0, 0)), -1000) - ct.sample(q.minus(new Vec3(e, 0, 0)), -1000),
            ct.sample(q.plus(new Vec3(0, e, 0)), -1000) - ct.sample(q.minus(new Vec3(0, e, 0)), -1000),
            ct.sample(q.plus(new Vec3(0, 0, e)), -1000) - ct.sample(q.minus(new Vec3(0, 0, e)), -1000));
        return g.norm() > 1e-6 ? g.normalized() : Vec3.ZERO;
    }

    /** Per vertex, the smallest cosine between an adjacent triangle's outward normal and the HU gradient. */
    static double[] skinFacing(Mesh m, Volume ct) {
        float[] p = m.xyz();
        int[] t = m.triangles();
        Vec3[] grad = new Vec3[p.length / 3];
        double[] min = new double[p.length / 3];
        java.util.Arrays.fill(min, 1);
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
            Vec3 n = new Vec3(p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2])
                .cross(new Vec3(p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]));
            if (n.norm() == 0) {
                continue;
            }
            n = n.normalized();
            for (int v : new int[] {t[i], t[i + 1], t[i + 2]}) {
                if (grad[v] == null) {
                    grad[v] = gradient(ct, new Vec3(p[3 * v], p[3 * v + 1], p[3 * v + 2]));
                }
                min[v] = Math.min(min[v], n.dot(grad[v]));
            }
        }
        return min;
    }

    static String distanceHistogram(Mesh base, Volume ct, double[] facing, java.util.function.Predicate<Vec3> body) {
        Vec3[] dirs = directions();
        int[] bins = new int[12];
        float[] p = base.xyz();
        for (int v = 0; v < p.length; v += 3) {
            Vec3 q = new Vec3(p[v], p[v + 1], p[v + 2]);
            if (!body.test(q) || facing[v / 3] < 0.9 || !skinWithin(ct, q, dirs, 1.0)) {
                continue;
            }
            bins[(int) Math.min(11, skinDistance(ct, q, dirs) / 0.1)]++;
        }
        return java.util.Arrays.toString(bins) + " (0.1 mm bins)";
    }

    static double skinDistance(Volume ct, Vec3 q, Vec3[] dirs) {
        for (double r = 0; r < 3; r += 0.01) {
            if (skinWithin(ct, q, dirs, r)) {
                return r;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean skinWithin(Volume ct, Vec3 q, Vec3[] dirs, double r) {
        for (Vec3 d : dirs) {
            if (ct.sample(q.plus(d.times(r)), -1000) >= Tissue.SKIN_HU) {
                return true;
            }
        }
        return false;
    }

    private static Vec3[] directions() {
        // a Fibonacci sphere of 200 directions
        int n = 200;
        Vec3[] d = new Vec3[n];
        for (int i = 0; i < n; i++) {
            double z = 1 - 2 * (i + 0.5) / n, r = Math.sqrt(1 - z * z), phi = i * Math.PI * (3 - Math.sqrt(5));
            d[i] = new Vec3(r * Math.cos(phi), r * Math.sin(phi), z);
        }
        return d;
    }
}
