package org.vertebroplan.plan;

import java.util.List;
import java.util.Locale;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The geometric checks of one needle against its analysed level, for {@link SafetyAnalyzer} (which
 * combines them into a verdict): the breach walk and the naming of the wall, the canal distance, the
 * pedicle width, bone outside the vertebra (rib heads) and air inside the body along the way. Points are
 * in the level's local millimetres unless a name says LPS. See SafetyAnalyzer's class comment for the rules.
 */
final class NeedleChecks {

    private NeedleChecks() {
    }

    record Breach(Vec3 at, BreachWall wall, double runMm) {
    }

    static Breach findBreach(LevelAnalysis level, SafetyAnalyzer.Input n, Vec3 entry, Vec3 u, Vec3[] ring, double depth,
                                     SafetyOptions o) {
        VertebraSegmentation.CanalExtent canal = level.canalExtent();
        boolean fullyIn = false;
        double runStart = -1;
        Vec3 runPoint = null;
        int steps = (int) Math.ceil(depth / o.stepMm());
        for (int s = 0; s <= steps; s++) {
            double t = Math.min(depth, s * o.stepMm());
            Vec3 axis = entry.plus(u.times(t));
            Vec3 out = firstOutside(level, axis, ring);
            boolean inPedicleRange = n.route() == Route.TRANSPEDICULAR && canal != null
                && axis.y() >= canal.minY() + 1 && axis.y() <= canal.minY() + 0.6 * canal.depthMm();
            // bone behind the pedicle (transverse process, lamina, facets) does not start the corridor
            boolean pastArch = canal == null || axis.y() <= canal.minY() + 0.6 * canal.depthMm();
            if (!fullyIn) {
                if (out == null && pastArch) {
                    fullyIn = true;
                } else if (inPedicleRange) {
                    // crossing the canal's antero-posterior range without being in bone: not in the pedicle
                    return new Breach(out, missedPedicle(level, axis, out), o.stepMm());
                }
                continue;
            }
            if (out != null) {
                if (runStart < 0) {
                    runStart = t;
                    runPoint = out;
                }
                if (t - runStart + o.stepMm() >= o.minBreachRunMm() - 1e-9) {
                    return new Breach(runPoint, classify(level, axis, runPoint), t - runStart + o.stepMm());
                }
            } else {
                runStart = -1;
            }
        }
        return null;
    }

    /** The first needle point (axis, then ring) that is not in the vertebra's bone, or null. */
    static Vec3 firstOutside(LevelAnalysis level, Vec3 axis, Vec3[] ring) {
        if (!level.inVertebra(axis)) {
            return axis;
        }
        for (Vec3 r : ring) {
            Vec3 p = axis.plus(r);
            if (!level.inVertebra(p)) {
                return p;
            }
        }
        return null;
    }

    /** Names the wall a needle leaves through at {@code outside} (local), see the class comment. */
    static BreachWall classify(LevelAnalysis level, Vec3 axis, Vec3 outside) {
        Vec3 nrm = level.outwardNormal(outside);
        if (level.labelAt(outside) == VertebraSegmentation.CANAL
            || level.canal().signedDistance(outside) < 0) {
            // into the canal: through the body's posterior wall (normal backwards) or a pedicle's medial wall
            if (nrm.norm() < 0.5) {
                return outside.y() >= level.bodyPosteriorY() + 1 ? BreachWall.MEDIAL : BreachWall.POSTERIOR;
            }
            return nrm.y() > Math.abs(nrm.x()) ? BreachWall.POSTERIOR : BreachWall.MEDIAL;
        }
        if (nrm.norm() < 0.5) {
            nrm = outside.minus(axis);
        }
        double ax = Math.abs(nrm.x()), ay = Math.abs(nrm.y()), az = Math.abs(nrm.z());
        if (az >= ax && az >= ay) {
            return nrm.z() > 0 ? BreachWall.SUPERIOR : BreachWall.INFERIOR;
        }
        if (ay >= ax) {
            return nrm.y() < 0 ? BreachWall.ANTERIOR : BreachWall.POSTERIOR;
        }
        return Math.signum(nrm.x()) == Math.signum(outside.x()) ? BreachWall.LATERAL : BreachWall.MEDIAL;
    }

    /**
     * Names the side on which a needle passes the pedicle without entering it: into the canal is
     * medial; otherwise, scanning from the needle in the vertebra's axial plane and along its axis for
     * the nearest bone of the vertebra (within 15 mm): bone towards the midline means the needle is
     * lateral of the pedicle, bone away from it medial, bone below superior (above the pedicle, into the
     * foramen), bone above inferior.
     */
    static BreachWall missedPedicle(LevelAnalysis level, Vec3 axis, Vec3 outside) {
        if (level.labelAt(outside) == VertebraSegmentation.CANAL || level.canal().signedDistance(axis) < 0) {
            return BreachWall.MEDIAL;
        }
        double toMidline = axis.x() > 0 ? -1 : 1;
        Vec3[] dirs = {new Vec3(toMidline, 0, 0), new Vec3(-toMidline, 0, 0), new Vec3(0, 0, -1), new Vec3(0, 0, 1)};
        BreachWall[] names = {BreachWall.LATERAL, BreachWall.MEDIAL, BreachWall.SUPERIOR, BreachWall.INFERIOR};
        for (double r = 0.25; r <= 15; r += 0.25) {
            for (int d = 0; d < dirs.length; d++) {
                if (level.inVertebra(axis.plus(dirs[d].times(r)))) {
                    return names[d];
                }
            }
        }
        return BreachWall.LATERAL;
    }

    /**
     * The signed distance from the needle to the canal wall (see the class comment), sampling the
     * axis every {@code step} mm.
     */
    static double canalDistance(CanalSurface canal, Vec3 entry, Vec3 u, double depth, double radius, double step) {
        return canalDistance(canal, entry, u, depth, radius, step, new Vec3[2]);
    }

    /** As above; {@code deepest} receives the axis point and the needle point nearest to (or deepest in) the canal. */
    static double canalDistance(CanalSurface canal, Vec3 entry, Vec3 u, double depth, double radius, double step,
                                Vec3[] deepest) {
        Vec3[] inner = ring(u, radius / 2, 16);
        Vec3[] outer = ring(u, radius, 16);
        double best = Double.POSITIVE_INFINITY;
        int steps = (int) Math.ceil(depth / step);
        for (int s = 0; s <= steps; s++) {
            Vec3 axis = entry.plus(u.times(Math.min(depth, s * step)));
            double d = canal.signedDistance(axis);
            if (d >= radius) {
                if (d - radius < best) {
                    best = d - radius;
                    deepest[0] = axis;
                    deepest[1] = axis;
                }
                continue;
            }
            if (d < best) {
                best = d;
                deepest[0] = axis;
                deepest[1] = axis;
            }
            for (Vec3[] r : new Vec3[][] {inner, outer}) {
                for (Vec3 o : r) {
                    double e = canal.signedDistance(axis.plus(o));
                    if (e < best) {
                        best = e;
                        deepest[0] = axis;
                        deepest[1] = axis.plus(o);
                    }
                }
            }
        }
        return best;
    }

    /**
     * The narrowest width of the bone across the needle (in the vertebra's axial plane) where the needle
     * passes the pedicle ({@link PedicleSection}); NaN when it does not pass there in bone.
     */
    static double pedicleWidth(LevelAnalysis level, Vec3 entry, Vec3 u, double depth) {
        PedicleSection.Narrowest n = PedicleSection.narrowest(level, entry, u, depth);
        return n == null ? Double.NaN : n.width();
    }

    /**
     * A rib head fused to the vertebra in the CT: bone joined to it only through a weak wall (a joint),
     * in front of the transverse processes (behind them, the costotransverse joints and the processes
     * themselves are on a transpedicular needle's way in) and more than a millimetre lateral of the
     * pedicle's usual width (a thin pedicle may itself be joined weakly).
     */
    static boolean ribHead(LevelAnalysis level, Vec3 p) {
        VertebraSegmentation.CanalExtent canal = level.canalExtent();
        if (canal == null || !level.jointedBone(p) || p.y() > canal.minY() + 0.6 * canal.depthMm()) {
            return false;
        }
        PedicleFinder.Pedicle ped = level.pedicles()[p.x() >= 0 ? 0 : 1];
        double limit = ped != null ? Math.abs(ped.centre().x()) + ped.medianWidthMm() / 2 + 1
            : Math.max(Math.abs(canal.minX()), Math.abs(canal.maxX())) + 6;
        return Math.abs(p.x()) > limit;
    }

    /** Bone of another structure than the target vertebra on the needle's way. */
    static NeedleSafety.Verdict otherBone(LevelAnalysis level, Vec3 entry, Vec3 u, Vec3[] ring, double depth,
                                                  SafetyOptions o, List<String> reasons) {
        int steps = (int) Math.ceil(depth / o.stepMm());
        for (int s = 0; s <= steps; s++) {
            Vec3 axis = entry.plus(u.times(Math.min(depth, s * o.stepMm())));
            for (int r = -1; r < ring.length; r++) {
                Vec3 p = r < 0 ? axis : axis.plus(ring[r]);
                boolean separate = level.inBone(p) && !level.inVertebra(p);
                if (separate || level.thoracic() && ribHead(level, p)) {
                    if (level.thoracic()) {
                        reasons.add("the needle touches bone outside the target vertebra on its way: a rib head");
                        return NeedleSafety.Verdict.UNSAFE;
                    }
                    reasons.add("the needle touches bone outside the target vertebra on its way (a neighbouring"
                        + " vertebra's articular process?)");
                    return NeedleSafety.Verdict.WARNING;
                }
            }
        }
        return NeedleSafety.Verdict.SAFE;
    }

    /**
     * Air inside the body along the needle (air that is not outside the patient, {@link OutsideAir}):
     * through the lung is unsafe, within {@value SafetyAnalyzer#AIR_WARNING_MM} mm of its surface a warning. Sampled on
     * the CT in LPS.
     */
    static NeedleSafety.Verdict airAlong(Volume ct, SafetyAnalyzer.Input n, double radius, boolean thoracic, SafetyOptions o,
                                                 List<String> reasons) {
        Vec3 u = n.targetLps().minus(n.entryLps()).normalized();
        double depth = n.entryLps().distance(n.targetLps());
        Vec3[] ring = ring(u, radius, o.ringPoints());
        Vec3[] halo = ring(u, radius + SafetyAnalyzer.AIR_WARNING_MM, 2 * o.ringPoints());
        OutsideAir outside = OutsideAir.cached(ct);
        String what = thoracic ? "the lung (the needle crosses the pleura)" : "air inside the body (bowel or lung)";
        boolean near = false;
        for (double t = 0; t <= depth; t += o.stepMm()) {
            Vec3 a = n.entryLps().plus(u.times(t));
            for (int r = -1; r < ring.length; r++) {
                Vec3 p = r < 0 ? a : a.plus(ring[r]);
                if (ct.sample(p, 0) < -500 && !outside.outsideAt(ct, p)) {
                    reasons.add("the needle passes through " + what);
                    return NeedleSafety.Verdict.UNSAFE;
                }
            }
            for (Vec3 h : halo) {
                Vec3 p = a.plus(h);
                near |= ct.sample(p, 0) < -500 && !outside.outsideAt(ct, p);
            }
        }
        if (near) {
            reasons.add(String.format(Locale.ROOT, "the needle passes within %.0f mm of %s", SafetyAnalyzer.AIR_WARNING_MM,
                thoracic ? "the lung (pleura)" : "air inside the body"));
            return NeedleSafety.Verdict.WARNING;
        }
        return NeedleSafety.Verdict.SAFE;
    }

    static Vec3[] ring(Vec3 u, double radius, int count) {
        Vec3 helper = Math.abs(u.x()) < 0.9 ? Vec3.X : Vec3.Y;
        Vec3 e1 = u.cross(helper).normalized();
        Vec3 e2 = u.cross(e1);
        Vec3[] ring = new Vec3[count];
        for (int i = 0; i < count; i++) {
            double a = 2 * Math.PI * i / count;
            ring[i] = e1.times(radius * Math.cos(a)).plus(e2.times(radius * Math.sin(a)));
        }
        return ring;
    }
}
