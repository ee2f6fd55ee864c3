package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.*;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * The analytic phantom: the noise-free CT number at any LPS point, with partial-volume edges, and the
 * tissue there. The anatomy of {@link PhantomAnatomy} is painted in order (table, skin, fat, muscle wall
 * and viscera, muscles, kidneys, vessels, canal, discs, bone, markers): each solid blends its HU over
 * the value so far by its voxel occupancy, computed from a signed distance ({@link PhantomShapes}).
 * Bone is one union (vertebral bodies of L1-L3, pedicles, laminae, spinous and transverse processes)
 * whose outer {@link PhantomAnatomy#CORTEX} mm is cortical shell and whose inside is cancellous.
 *
 * <p>{@link #hu(Vec3)} is what a perfect noise-free scanner with voxels of {@code edgeMm} shows;
 * {@link #tissueAt(Vec3)} is the sharp truth. Thread-safe (immutable).
 */
public final class PhantomModel {

    private final double edgeMm;
    private final Vec3[] pedicleOrigin = new Vec3[2];
    private final Vec3[] pedicleAxis = new Vec3[2];
    private final Vec3[] pedicleAcross = new Vec3[2];
    private final Vec3[] pedicleUp = new Vec3[2];

    /** A model whose surfaces blur over {@code edgeMm} (the voxel size; 0 for sharp edges). */
    public PhantomModel(double edgeMm) {
        this.edgeMm = edgeMm;
        for (Side side : Side.values()) {
            int s = side.ordinal();
            pedicleOrigin[s] = sided(ISTHMUS_LOCAL_LEFT, side);
            pedicleAxis[s] = sided(TARGET_LOCAL_LEFT, side).minus(pedicleOrigin[s]).normalized();
            pedicleAcross[s] = pedicleAxis[s].cross(Vec3.Z).normalized();
            pedicleUp[s] = pedicleAcross[s].cross(pedicleAxis[s]).normalized();
        }
    }

    /** Noise-free HU at an LPS point. */
    public double hu(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        return paint(q.x(), q.y(), q.z(), edgeMm, null);
    }

    /** Noise-free HU at local coordinates (u, v, w) relative to {@link PhantomAnatomy#CENTRE_LPS}. */
    double huLocal(double u, double v, double w) {
        return paint(u, v, w, edgeMm, null);
    }

    /** The tissue at an LPS point (sharp boundaries). */
    public PhantomTissue tissueAt(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        PhantomTissue[] out = new PhantomTissue[1];
        paint(q.x(), q.y(), q.z(), 0, out);
        return out[0];
    }

    /** Signed distance (mm, approximate away from the surface) to the outer surface of the bone union. */
    public double boneSdf(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        return bone(q.x(), q.y(), q.z());
    }

    /** Signed distance (mm, first order) to the skin surface (outer boundary of the body). */
    public double skinSdf(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        return torso(q.x(), q.y());
    }

    /** Where the pedicle axis of a side, extended posteriorly from the target, meets the skin. */
    public Vec3 needleEntryLps(Side side) {
        Vec3 target = targetLps(side);
        Vec3 back = pedicleAxisLps(side).times(-1);
        double lo = 0, hi = 400;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (skinSdf(target.plusScaled(back, mid)) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return target.plusScaled(back, (lo + hi) / 2);
    }

    /** First point of the segment from entry to target that lies in bone (the needle's bone entry). */
    public Vec3 boneEntryLps(Vec3 entryLps, Vec3 targetLps) {
        double len = entryLps.distance(targetLps);
        Vec3 d = targetLps.minus(entryLps).normalized();
        double step = 0.05;
        for (double s = 0; s <= len; s += step) {
            if (boneSdf(entryLps.plusScaled(d, s)) <= 0) {
                double lo = Math.max(0, s - step), hi = s;
                for (int i = 0; i < 40; i++) {
                    double mid = (lo + hi) / 2;
                    if (boneSdf(entryLps.plusScaled(d, mid)) <= 0) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return entryLps.plusScaled(d, hi);
            }
        }
        return null;
    }

    private double torso(double u, double v) {
        return Math.max(PhantomShapes.ellipse(u, v, 0, TORSO_CV, TORSO_HALF_WIDTH, TORSO_HALF_DEPTH), TABLE_TOP_V - v);
    }

    private double inner(double u, double v) {
        return PhantomShapes.ellipse(u, v, 0, INNER_CV, INNER_HALF_WIDTH, INNER_HALF_DEPTH);
    }

    private static double ellipse(double u, double v, double[] e, boolean mirror) {
        return PhantomShapes.ellipse(u, v, mirror ? -e[0] : e[0], e[1], e[2], e[3]);
    }

    private static double body(double u, double v, double w, double wCentre, double scale) {
        double e = PhantomShapes.ellipse(u, v, 0, 0, BODY_HALF_WIDTH * scale, BODY_HALF_DEPTH * scale);
        return Math.max(Math.max(e, v - BODY_POSTERIOR_V), Math.abs(w - wCentre) - BODY_HALF_HEIGHT);
    }

    private static double roundedBox(double u, double v, double w, double[] b, boolean mirror) {
        double u0 = mirror ? -b[1] : b[0], u1 = mirror ? -b[0] : b[1];
        return PhantomShapes.roundedBox(u, v, w, u0, u1, b[2], b[3], b[4], b[5], b[6]);
    }

    private double pedicle(double u, double v, double w, int s) {
        Vec3 r = new Vec3(u, v, w).minus(pedicleOrigin[s]);
        double along = r.dot(pedicleAxis[s]);
        double cross = PhantomShapes.ellipse(r.dot(pedicleAcross[s]), r.dot(pedicleUp[s]), 0, 0,
            PEDICLE_HALF_WIDTH, PEDICLE_HALF_HEIGHT);
        return Math.max(cross, Math.max(PEDICLE_S_POSTERIOR - along, along - PEDICLE_S_ANTERIOR));
    }

    /** Signed distance to the bone union, local coordinates. */
    double bone(double u, double v, double w) {
        double neighbourGap = BODY_HALF_HEIGHT + DISC_HEIGHT + NEIGHBOUR_HEIGHT / 2;
        double d = body(u, v, w, 0, 1);
        d = Math.min(d, body(u, v, w, neighbourGap, 0.97));
        d = Math.min(d, body(u, v, w, -neighbourGap, 1.03));
        d = Math.min(d, pedicle(u, v, w, 0));
        d = Math.min(d, pedicle(u, v, w, 1));
        d = Math.min(d, roundedBox(u, v, w, LAMINA, false));
        d = Math.min(d, roundedBox(u, v, w, SPINOUS, false));
        d = Math.min(d, roundedBox(u, v, w, TRANSVERSE_LEFT, false));
        return Math.min(d, roundedBox(u, v, w, TRANSVERSE_LEFT, true));
    }

    private double disc(double u, double v, double w) {
        double e = PhantomShapes.ellipse(u, v, 0, 0, BODY_HALF_WIDTH * 1.02, BODY_HALF_DEPTH * 1.02);
        double flat = Math.max(e, v - BODY_POSTERIOR_V);
        double c = BODY_HALF_HEIGHT + DISC_HEIGHT / 2;
        return Math.max(flat, Math.min(Math.abs(w - c), Math.abs(w + c)) - DISC_HEIGHT / 2);
    }

    /** Paints the anatomy at local (u, v, w); returns HU and, if {@code tissue} is given, the tissue. */
    private double paint(double u, double v, double w, double edge, PhantomTissue[] tissue) {
        Painter p = new Painter(edge);
        p.add(PhantomShapes.box(u, v, 0, -TABLE_HALF_WIDTH, TABLE_HALF_WIDTH, TABLE_TOP_V - TABLE_THICKNESS,
            TABLE_TOP_V, -1, 1), PhantomTissue.TABLE_SHELL);
        p.add(PhantomShapes.box(u, v, 0, -TABLE_HALF_WIDTH - 1, TABLE_HALF_WIDTH + 1,
            TABLE_TOP_V - TABLE_THICKNESS + TABLE_SHELL, TABLE_TOP_V - TABLE_SHELL, -1, 1), PhantomTissue.TABLE_CORE);
        double torso = torso(u, v);
        if (torso < 2) {
            p.add(torso, PhantomTissue.SKIN);
            p.add(torso + SKIN_THICKNESS, PhantomTissue.FAT);
            double inner = inner(u, v);
            if (inner < 2) {
                p.add(inner, PhantomTissue.SOFT_TISSUE);
                p.add(ellipse(u, v, PSOAS_LEFT, false), PhantomTissue.MUSCLE);
                p.add(ellipse(u, v, PSOAS_LEFT, true), PhantomTissue.MUSCLE);
                p.add(Math.max(inner, ellipse(u, v, ERECTOR_LEFT, false)), PhantomTissue.MUSCLE);
                p.add(Math.max(inner, ellipse(u, v, ERECTOR_LEFT, true)), PhantomTissue.MUSCLE);
                p.add(PhantomShapes.ellipse(u, v, KIDNEY_LEFT[0], KIDNEY_LEFT[1], KIDNEY_LEFT[2], KIDNEY_LEFT[3]),
                    PhantomTissue.KIDNEY);
                p.add(PhantomShapes.ellipse(u, v, KIDNEY_RIGHT[0], KIDNEY_RIGHT[1], KIDNEY_RIGHT[2], KIDNEY_RIGHT[3]),
                    PhantomTissue.KIDNEY);
                p.add(PhantomShapes.ellipse(u, v, AORTA[0], AORTA[1], AORTA[2], AORTA[2]), PhantomTissue.BLOOD);
                p.add(PhantomShapes.ellipse(u, v, IVC[0], IVC[1], IVC[2], IVC[2]), PhantomTissue.BLOOD);
                if (Math.abs(u) < 52 && v > -30 && v < 68) {
                    p.add(PhantomShapes.ellipse(u, v, 0, CANAL_CV, CANAL_HALF_WIDTH, CANAL_HALF_DEPTH), PhantomTissue.CSF);
                    p.add(disc(u, v, w), PhantomTissue.DISC);
                    double bone = bone(u, v, w);
                    p.add(bone, PhantomTissue.CORTICAL_BONE);
                    p.add(bone + CORTEX, PhantomTissue.CANCELLOUS_BONE);
                }
            }
        }
        if (Math.abs(u) < 6 && v > BACK_SKIN_V - 6) {
            for (int i = 0; i < MARKER_W.size(); i++) {
                p.add(PhantomShapes.sphere(u, v, w, 0, BACK_SKIN_V + MARKER_DIAMETER / 2, MARKER_W.get(i),
                    MARKER_DIAMETER / 2), PhantomTissue.MARKER);
            }
        }
        if (tissue != null) {
            tissue[0] = p.tissue;
        }
        return p.hu;
    }

    /** Blends tissues over each other by occupancy; remembers the last tissue covering the point. */
    private static final class Painter {
        private final double edge;
        double hu = PhantomTissue.AIR.hu();
        PhantomTissue tissue = PhantomTissue.AIR;

        Painter(double edge) {
            this.edge = edge;
        }

        void add(double sdf, PhantomTissue t) {
            double f = PhantomShapes.occupancy(sdf, edge);
            if (f > 0) {
                hu += f * (t.hu() - hu);
                if (f >= 0.5) {
                    tissue = t;
                }
            }
        }
    }
}
