package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.*;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * The analytic phantom: the noise-free CT number at any LPS point, with partial-volume edges, and the
 * tissue there. The anatomy of a {@link PhantomLayout} is painted in order (table, skin, fat, muscle wall
 * and viscera, muscles and organs, for thoracic levels the lungs with their pleural layer and the
 * mediastinum, then canal, discs, rib joint cartilage, bone, markers): each solid blends its HU over the
 * value so far by its voxel occupancy, computed from a signed distance ({@link PhantomShapes}). Bone is one
 * union (target and neighbouring bodies, pedicles, posterior arch, ribs) whose outer
 * {@link PhantomAnatomy#CORTEX} mm is cortical shell and whose inside is cancellous.
 *
 * <p>Skin, fat, muscles, organs, lungs, table and markers are evaluated at the patient-aligned local point
 * p - C; the spine (bone, discs, canal, ribs) at the turned local point q = R^T (p - C) of the layout. The
 * ribs are cut back to leave {@link PhantomThorax#jointGapMm()} of cartilage against the vertebra and its
 * discs, and to stay inside the (unturned) muscle wall. The posterior wall defect removes a window of the
 * target body's cortex (soft tissue shows through) and adds the displaced fragment to the bone.
 *
 * <p>{@link #hu(Vec3)} is what a perfect noise-free scanner with voxels of {@code edgeMm} shows;
 * {@link #tissueAt(Vec3)} is the sharp truth. Thread-safe (immutable).
 */
public final class PhantomModel {

    /** Signed distance standing for "far from this solid". */
    static final double FAR = 1e9;

    private final PhantomLayout layout;
    private final PhantomLevel level;
    private final PhantomLevel.Body body;
    private final PhantomLevel.Torso torsoShape;
    private final PhantomThorax thorax;
    private final double edgeMm;
    private final double pedicleHalfWidth;
    private final boolean wedged;
    private final boolean defect;
    /** How far from a rib its distance matters (the pleural layer and a voxel). */
    private final double ribReach;

    /** The bundled sample's anatomy (square L2) with surfaces blurred over {@code edgeMm} (0: sharp). */
    public PhantomModel(double edgeMm) {
        this(PhantomLayout.DEFAULT, edgeMm);
    }

    /** A model of {@code layout} whose surfaces blur over {@code edgeMm} (the voxel size; 0 for sharp edges). */
    public PhantomModel(PhantomLayout layout, double edgeMm) {
        this.layout = layout;
        this.level = layout.level();
        this.body = level.body();
        this.torsoShape = level.torso();
        this.thorax = level.thorax();
        this.edgeMm = edgeMm;
        this.pedicleHalfWidth = layout.variant().pedicleHalfWidth();
        this.wedged = layout.variant().wedgeDeg() != 0;
        this.defect = layout.variant().posteriorWallDefect();
        this.ribReach = thorax == null ? 0 : thorax.pleuraGapMm() + 2;
    }

    public PhantomLayout layout() {
        return layout;
    }

    /** Noise-free HU at an LPS point. */
    public double hu(Vec3 lps) {
        Vec3 q = lps.minus(CENTRE_LPS);
        return paint(q.x(), q.y(), q.z(), edgeMm, null);
    }

    /** Noise-free HU at patient-aligned local coordinates (u, v, w) = LPS - {@link PhantomAnatomy#CENTRE_LPS}. */
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

    /**
     * Signed distance (mm, approximate away from the surface) to the outer surface of the bone union
     * (vertebrae, ribs, a defect's fragment; a defect's window is not bone).
     */
    public double boneSdf(Vec3 lps) {
        Vec3 d = lps.minus(CENTRE_LPS);
        Vec3 q = layout.toLocal(lps);
        double vb = vertebra(q.x(), q.y(), q.z());
        double ribs = ribs(q.x(), q.y(), q.z());
        double bone = vb;
        if (ribs < FAR) {
            double near = Math.min(vb, disc(q.x(), q.y(), q.z()));
            bone = Math.min(bone, ribBone(ribs, near, torsoShape.innerSdf(d.x(), d.y())));
        }
        return defect ? outerWithDefect(bone, q.x(), q.y(), q.z()) : bone;
    }

    /** Signed distance (mm, first order) to the skin surface (outer boundary of the body). */
    public double skinSdf(Vec3 lps) {
        return layout.skinSdf(lps);
    }

    /** Where the pedicle axis of a side, extended posteriorly from the target, meets the skin. */
    public Vec3 needleEntryLps(Side side) {
        return layout.needleEntryLps(side);
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

    /** A vertebral body (the target's when wCentre is 0 and scale 1; a neighbour's otherwise), local. */
    private double body(double u, double v, double w, double wCentre, double scale, double halfHeight) {
        double e = PhantomShapes.ellipse(u, v, 0, 0, body.halfWidth() * scale, body.halfDepth() * scale);
        return Math.max(Math.max(e, v - body.posteriorV()), Math.abs(w - wCentre) - halfHeight);
    }

    /** The target body: with a wedge, its endplates are planes through the posterior edges, tilted together. */
    private double targetBody(double u, double v, double w) {
        if (!wedged) {
            return body(u, v, w, 0, 1, body.halfHeight());
        }
        double e = PhantomShapes.ellipse(u, v, 0, 0, body.halfWidth(), body.halfDepth());
        double offset = body.halfHeight() * layout.wedgeCos - body.posteriorV() * layout.wedgeSin;
        double top = layout.wedgeCos * w - layout.wedgeSin * v - offset;
        double bottom = -layout.wedgeCos * w - layout.wedgeSin * v - offset;
        return Math.max(Math.max(e, v - body.posteriorV()), Math.max(top, bottom));
    }

    private double pedicle(double u, double v, double w, int s) {
        Vec3 r = new Vec3(u, v, w).minus(layout.pedicleOrigin[s]);
        double along = r.dot(layout.pedicleAxis[s]);
        double cross = PhantomShapes.ellipse(r.dot(layout.pedicleAcross[s]), r.dot(layout.pedicleUp[s]), 0, 0,
            pedicleHalfWidth, level.pedicle().halfHeight());
        return Math.max(cross, Math.max(level.pedicle().sPosterior() - along, along - level.pedicle().sAnterior()));
    }

    /** Signed distance to the vertebrae's bone (bodies, pedicles, arch; not the ribs), local coordinates. */
    double vertebra(double u, double v, double w) {
        double neighbourGap = body.neighbourOffset();
        double half = body.neighbourHeight() / 2;
        double d = targetBody(u, v, w);
        d = Math.min(d, body(u, v, w, neighbourGap, body.scaleAbove(), half));
        d = Math.min(d, body(u, v, w, -neighbourGap, body.scaleBelow(), half));
        d = Math.min(d, pedicle(u, v, w, 0));
        d = Math.min(d, pedicle(u, v, w, 1));
        for (PhantomSolid s : level.arch()) {
            d = Math.min(d, s.sdf(u, v, w));
        }
        return d;
    }

    /** Signed distance to the two discs of the target level, local coordinates. */
    private double disc(double u, double v, double w) {
        double e = PhantomShapes.ellipse(u, v, 0, 0, body.halfWidth() * 1.02, body.halfDepth() * 1.02);
        double flat = Math.max(e, v - body.posteriorV());
        if (!wedged) {
            double c = body.halfHeight() + body.discHeight() / 2;
            return Math.max(flat, Math.min(Math.abs(w - c), Math.abs(w + c)) - body.discHeight() / 2);
        }
        // from the tilted endplate of the target body to the neighbour's flat one
        double far = body.halfHeight() + body.discHeight();
        double offset = body.halfHeight() * layout.wedgeCos - body.posteriorV() * layout.wedgeSin;
        double upper = Math.max(w - far, offset - (layout.wedgeCos * w - layout.wedgeSin * v));
        double lower = Math.max(-w - far, offset - (-layout.wedgeCos * w - layout.wedgeSin * v));
        return Math.max(flat, Math.min(upper, lower));
    }

    /** Signed distance to the union of the ribs' capsules (before any cut), local; FAR beyond their reach. */
    private double ribs(double u, double v, double w) {
        double[] r = layout.ribPieces;
        double best = FAR;
        double reach = ribReach;
        for (int i = 0, o = 0; i < layout.ribPieceCount; i++, o += 13) {
            if (u < r[o + 7] - reach || u > r[o + 8] + reach || v < r[o + 9] - reach || v > r[o + 10] + reach
                || w < r[o + 11] - reach || w > r[o + 12] + reach) {
                continue;
            }
            best = Math.min(best, PhantomShapes.capsule(u, v, w, r[o], r[o + 1], r[o + 2], r[o + 3], r[o + 4],
                r[o + 5], r[o + 6]));
        }
        return best;
    }

    /** The ribs cut back by the joint gap from the vertebra and discs ({@code near}) and inside the muscle wall. */
    private double ribBone(double ribs, double near, double inner) {
        return Math.max(Math.max(ribs, thorax.jointGapMm() - near), inner + thorax.ribWallMarginMm());
    }

    /** The window of a posterior wall defect (through the cortex of the target body), local. */
    private double defectWindow(double u, double v, double w) {
        double p = body.posteriorV();
        return PhantomShapes.box(u, v, w, -PhantomVariant.DEFECT_WIDTH_MM / 2, PhantomVariant.DEFECT_WIDTH_MM / 2,
            p - CORTEX, p + 0.5, -PhantomVariant.DEFECT_HEIGHT_MM / 2, PhantomVariant.DEFECT_HEIGHT_MM / 2);
    }

    /** The displaced fragment: the cortex of the window's middle, pushed posteriorly into the canal, local. */
    private static double fragment(double u, double v, double w, double posteriorV) {
        double shift = PhantomVariant.FRAGMENT_SHIFT_MM;
        return PhantomShapes.roundedBox(u, v, w, -PhantomVariant.FRAGMENT_WIDTH_MM / 2,
            PhantomVariant.FRAGMENT_WIDTH_MM / 2, posteriorV - CORTEX + shift, posteriorV + shift,
            -PhantomVariant.FRAGMENT_HEIGHT_MM / 2, PhantomVariant.FRAGMENT_HEIGHT_MM / 2, 0.3);
    }

    /** The outer bone surface with the defect's window cut out and its fragment added. */
    private double outerWithDefect(double bone, double u, double v, double w) {
        return Math.min(Math.max(bone, -defectWindow(u, v, w)), fragment(u, v, w, body.posteriorV()));
    }

    /** Paints the anatomy at local (u, v, w); returns HU and, if {@code tissue} is given, the tissue. */
    private double paint(double u, double v, double w, double edge, PhantomTissue[] tissue) {
        Painter p = new Painter(edge);
        double top = torsoShape.tableTopV();
        p.add(PhantomShapes.box(u, v, 0, -TABLE_HALF_WIDTH, TABLE_HALF_WIDTH, top - TABLE_THICKNESS, top, -1, 1),
            PhantomTissue.TABLE_SHELL);
        p.add(PhantomShapes.box(u, v, 0, -TABLE_HALF_WIDTH - 1, TABLE_HALF_WIDTH + 1,
            top - TABLE_THICKNESS + TABLE_SHELL, top - TABLE_SHELL, -1, 1), PhantomTissue.TABLE_CORE);
        double torso = torsoShape.sdf(u, v);
        if (torso < 2) {
            p.add(torso, PhantomTissue.SKIN);
            p.add(torso + SKIN_THICKNESS, PhantomTissue.FAT);
            double inner = torsoShape.innerSdf(u, v);
            if (inner < 2) {
                p.add(inner, PhantomTissue.SOFT_TISSUE);
                for (PhantomLevel.SoftShape s : level.soft()) {
                    double d = s.sdf(u, v);
                    p.add(s.withinInner() ? Math.max(inner, d) : d, s.tissue());
                }
                paintSpine(p, u, v, w, inner);
            }
        }
        double backSkin = torsoShape.backSkinV();
        if (Math.abs(u) < 6 && v > backSkin - 6) {
            for (int i = 0; i < MARKER_W.size(); i++) {
                p.add(PhantomShapes.sphere(u, v, w, 0, backSkin + MARKER_DIAMETER / 2, MARKER_W.get(i),
                    MARKER_DIAMETER / 2), PhantomTissue.MARKER);
            }
        }
        if (tissue != null) {
            tissue[0] = p.tissue;
        }
        return p.hu;
    }

    /** Lungs and mediastinum (thoracic levels), canal, discs, joint cartilage and bone at patient local (u, v, w). */
    private void paintSpine(Painter p, double u, double v, double w, double inner) {
        double qu = u, qv = v, qw = w;
        if (layout.turned()) {
            qu = u * layout.lx + v * layout.ly + w * layout.lz;
            qv = u * layout.px + v * layout.py + w * layout.pz;
            qw = u * layout.sx + v * layout.sy + w * layout.sz;
        }
        boolean inSpine = level.spineBox().contains(qu, qv);
        double vb = FAR, disc = FAR;
        if (inSpine) {
            vb = vertebra(qu, qv, qw);
            disc = disc(qu, qv, qw);
        }
        double bone = vb, cartilage = FAR;
        if (thorax != null) {
            double ribs = ribs(qu, qv, qw);
            if (ribs < FAR) {
                double near = Math.min(vb, disc);
                bone = Math.min(bone, ribBone(ribs, near, inner));
                cartilage = Math.max(Math.max(ribs, near) - thorax.jointGapMm(), -near);
            }
            double lung = thorax.lungSdf(u, v);
            if (lung < 2) {
                p.add(lung, PhantomTissue.LUNG);
                p.add(Math.max(lung, Math.min(bone, disc) - thorax.pleuraGapMm()), PhantomTissue.SOFT_TISSUE);
            }
            for (PhantomLevel.SoftShape o : thorax.organs()) {
                p.add(o.sdf(u, v), o.tissue());
            }
        }
        if (inSpine) {
            PhantomLevel.Canal c = level.canal();
            p.add(PhantomShapes.ellipse(qu, qv, 0, c.cv(), c.halfWidth(), c.halfDepth()), PhantomTissue.CSF);
            p.add(disc, PhantomTissue.DISC);
        }
        if (cartilage < FAR) {
            p.add(cartilage, PhantomTissue.CARTILAGE);
        }
        if (bone < FAR) {
            double outer = bone;
            if (defect && inSpine) {
                outer = outerWithDefect(bone, qu, qv, qw);
                bone = Math.min(bone, fragment(qu, qv, qw, body.posteriorV()));
            }
            p.add(outer, PhantomTissue.CORTICAL_BONE);
            p.add(bone + CORTEX, PhantomTissue.CANCELLOUS_BONE);
        }
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
