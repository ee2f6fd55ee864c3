package org.vertebroplan.phantom;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * One rib of a thoracic phantom level, given for the left side (+u) in the vertebra's local frame (mm from
 * the target body centre) and mirrored for the right: a spherical head beside the vertebral body, a
 * straight neck to the tubercle behind the transverse process, and a shaft that follows the rib ring (an
 * ellipse in the axial plane, centre (0, ringCv), half-axes ringHalfWidth x ringHalfDepth) from the tubercle
 * laterally and forwards to the parametric angle {@code endAngleDeg}, descending {@code descentPerMm} mm per
 * mm of arc, as ribs do. The tubercle lies on the ring.
 *
 * <p>The bone is a union of capsules (head: a sphere; neck and shaft: segments with a radius). Where the
 * head or the tubercle comes closer than the joint gap to the vertebra's bone or disc, the model cuts the
 * rib back (see {@link PhantomModel}): the rib never touches the vertebra, the gap holds cartilage.
 */
record PhantomRib(int number, Vec3 headLeft, double headRadiusMm, double tubercleU, double tubercleW,
                  double neckRadiusMm, double shaftRadiusMm, double ringCv, double ringHalfWidth,
                  double ringHalfDepth, double endAngleDeg, double descentPerMm, String articulation) {

    /** Largest angular step of the shaft polyline (about 9 mm of arc, 0.1 mm off the ellipse). */
    private static final double STEP_DEG = 4;

    /** The tubercle (left side): on the rib ring at u = tubercleU. */
    Vec3 tubercleLeft() {
        double x = tubercleU / ringHalfWidth;
        return new Vec3(tubercleU, ringCv + ringHalfDepth * Math.sqrt(1 - x * x), tubercleW);
    }

    /** The shaft's centre line (left side) from the tubercle to its end. */
    List<Vec3> shaftLeft() {
        Vec3 t = tubercleLeft();
        double start = Math.atan2((t.y() - ringCv) / ringHalfDepth, t.x() / ringHalfWidth);
        double end = Math.toRadians(endAngleDeg);
        int n = (int) Math.ceil(Math.toDegrees(start - end) / STEP_DEG);
        List<Vec3> points = new ArrayList<>();
        points.add(t);
        double arc = 0;
        for (int k = 1; k <= n; k++) {
            double phi = start + (end - start) * k / n;
            Vec3 prev = points.get(k - 1);
            double u = ringHalfWidth * Math.cos(phi), v = ringCv + ringHalfDepth * Math.sin(phi);
            arc += Math.hypot(u - prev.x(), v - prev.y());
            points.add(new Vec3(u, v, t.z() - descentPerMm * arc));
        }
        return points;
    }

    /** The rib's centre line on one side: head centre, tubercle, shaft points. */
    List<Vec3> centreline(Side side) {
        List<Vec3> out = new ArrayList<>();
        out.add(PhantomAnatomy.sided(headLeft, side));
        for (Vec3 p : shaftLeft()) {
            out.add(PhantomAnatomy.sided(p, side));
        }
        return out;
    }

    /** The bone as capsules on one side: the head (a sphere), the neck, the shaft segments. */
    List<PhantomSolid.Capsule> pieces(Side side) {
        List<Vec3> c = centreline(side);
        String name = name(side);
        List<PhantomSolid.Capsule> out = new ArrayList<>();
        out.add(new PhantomSolid.Capsule(name + " head", c.get(0), c.get(0), headRadiusMm));
        out.add(new PhantomSolid.Capsule(name + " neck", c.get(0), c.get(1), neckRadiusMm));
        for (int i = 1; i + 1 < c.size(); i++) {
            out.add(new PhantomSolid.Capsule(name + " shaft", c.get(i), c.get(i + 1), shaftRadiusMm));
        }
        return out;
    }

    /** E.g. "left rib 8". */
    String name(Side side) {
        return side.jsonName() + " rib " + number;
    }
}
