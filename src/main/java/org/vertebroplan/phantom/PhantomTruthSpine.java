package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.CORTEX;
import static org.vertebroplan.phantom.PhantomTruth.MAPPER;
import static org.vertebroplan.phantom.PhantomTruth.arr;
import static org.vertebroplan.phantom.PhantomTruth.vec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.VertebraFrame;

/**
 * The truth.json keys of every case but the bundled sample's anatomy (square L2): the anatomy asked for, the
 * vertebra's frame, the target body's endplate planes, the pedicles' cross-section axes, the arch solids,
 * discs and neighbours as turned points and directions, the posterior wall defect, and for thoracic levels
 * the ribs and the lungs' medial boundary. All LPS; directions are unit vectors. See docs/phantom.md.
 */
final class PhantomTruthSpine {

    private PhantomTruthSpine() {
    }

    /** "anatomy" (the options) and "frame" (the turned axes of the target vertebra). */
    static void anatomy(ObjectNode root, PhantomLayout layout) {
        PhantomVariant a = layout.variant();
        ObjectNode o = root.putObject("anatomy");
        o.put("level", a.level().name());
        o.put("region", a.level().region());
        o.set("rotateDeg", arr(a.axialRotationDeg(), a.coronalTiltDeg(), a.sagittalTiltDeg()));
        o.put("wedgeDeg", a.wedgeDeg());
        o.put("posteriorWallDefect", a.posteriorWallDefect());
        o.put("pedicleWidthMm", 2 * a.pedicleHalfWidth());
        o.put("note", "The spine (vertebrae, ribs, discs, canal) is turned rigidly about the target body centre by "
            + "the frame below; skin, fat, muscles, organs, lungs, table and markers are not.");
        VertebraFrame f = layout.frame();
        ObjectNode fr = root.putObject("frame");
        fr.set("centreLps", vec(f.centreLps()));
        fr.set("left", vec(f.left()));
        fr.set("posterior", vec(f.posterior()));
        fr.set("superior", vec(f.superior()));
        fr.put("axialRotationDeg", a.axialRotationDeg());
        fr.put("coronalTiltDeg", a.coronalTiltDeg());
        fr.put("sagittalTiltDeg", a.sagittalTiltDeg());
        fr.put("convention", "VertebraFrame.fromAngles(centre, axial, coronal, sagittal): superior = unit (tan "
            + "coronal, -tan sagittal, 1); left and posterior are +x and +y turned by axial degrees about +z, then "
            + "by the smallest rotation taking +z to superior. A point q in the vertebra's local frame (mm along "
            + "left, posterior, superior from the centre) is at centre + left q.x + posterior q.y + superior q.z.");
    }

    /** The target body's turned box corners, heights and endplate planes. */
    static void bodyPlanes(ObjectNode body, PhantomLayout layout) {
        PhantomLevel.Body b = layout.level().body();
        VertebraFrame f = layout.frame();
        ObjectNode box = body.putObject("localBoxMm");
        box.set("min", arr(-b.halfWidth(), -b.halfDepth(), -b.halfHeight()));
        box.set("max", arr(b.halfWidth(), b.posteriorV(), b.halfHeight()));
        box.put("axes", "frame left, posterior, superior; the body is the ellipse inside, cut by the endplates");
        ArrayNode corners = body.putArray("boxCornersLps");
        for (int i = 0; i < 8; i++) {
            corners.add(vec(layout.toLps(new Vec3((i & 1) == 0 ? -b.halfWidth() : b.halfWidth(),
                (i & 2) == 0 ? -b.halfDepth() : b.posteriorV(), (i & 4) == 0 ? -b.halfHeight() : b.halfHeight()))));
        }
        double t = layout.wedgeTan;
        body.put("anteriorHeightMm", 2 * (b.halfHeight() - b.depth() * t));
        body.put("posteriorHeightMm", 2 * b.halfHeight());
        body.put("endplateAngleDeg", layout.variant().wedgeDeg());
        // both planes pass through the posterior edge (w = +-halfHeight at v = posteriorV); points on the axis
        double w0 = b.halfHeight() - b.posteriorV() * t;
        body.set("superiorEndplate", plane(layout.toLps(new Vec3(0, 0, w0)),
            layout.directionToLps(new Vec3(0, -layout.wedgeSin, layout.wedgeCos)), "outward (cranial)"));
        body.set("inferiorEndplate", plane(layout.toLps(new Vec3(0, 0, -w0)),
            layout.directionToLps(new Vec3(0, -layout.wedgeSin, -layout.wedgeCos)), "outward (caudal)"));
        body.set("endplateBisector", plane(f.centreLps(), f.superior(), "the frame's superior axis"));
    }

    /** The isthmus cross-section of one pedicle. */
    static void pedicle(ObjectNode p, PhantomLayout layout, Side side) {
        p.put("isthmusWidthMm", 2 * layout.variant().pedicleHalfWidth());
        p.put("isthmusHeightMm", 2 * layout.level().pedicle().halfHeight());
        p.set("lateralDirectionLps", vec(layout.pedicleLateralLps(side)));
        p.set("upDirectionLps", vec(layout.pedicleUpLps(side)));
        p.put("crossSection", "ellipse: isthmusWidthMm along lateralDirectionLps, isthmusHeightMm along "
            + "upDirectionLps, both perpendicular to axisDirectionLps");
    }

    /** The posterior arch solids, turned. */
    static void arch(ObjectNode vert, PhantomLayout layout) {
        ArrayNode a = vert.putArray("posteriorElements");
        for (PhantomSolid s : layout.level().arch()) {
            ObjectNode o = a.addObject();
            o.put("name", s.name());
            if (s instanceof PhantomSolid.Box box) {
                o.put("shape", "box with rounded edges, along the frame's axes");
                o.set("centreLps", vec(layout.toLps(box.centre())));
                o.set("sizeMm", arr(box.u1() - box.u0(), box.v1() - box.v0(), box.w1() - box.w0()));
                o.put("edgeRadiusMm", box.edgeRadius());
                ArrayNode corners = o.putArray("cornersLps");
                for (int i = 0; i < 8; i++) {
                    corners.add(vec(layout.toLps(box.corner(i & 1, (i >> 1) & 1, (i >> 2) & 1))));
                }
            } else if (s instanceof PhantomSolid.Capsule c) {
                o.put("shape", "capsule: all points within radiusMm of the segment");
                o.set("fromLps", vec(layout.toLps(c.from())));
                o.set("toLps", vec(layout.toLps(c.to())));
                o.put("radiusMm", c.radius());
            }
        }
    }

    /** One disc: the target body's endplate on one side, the neighbour's on the other. */
    static void disc(ObjectNode d, PhantomLayout layout, double sign) {
        PhantomLevel.Body b = layout.level().body();
        d.put("heightAtPosteriorWallMm", b.discHeight());
        d.set("neighbourEndplate", plane(layout.toLps(new Vec3(0, 0, sign * (b.halfHeight() + b.discHeight()))),
            layout.directionToLps(new Vec3(0, 0, -sign)), "towards the target body"));
        d.put("targetEndplate", sign > 0 ? "body.superiorEndplate" : "body.inferiorEndplate");
    }

    /** The neighbouring bodies (flat, not wedged), turned. */
    static void neighbours(ObjectNode vert, PhantomLayout layout) {
        PhantomLevel level = layout.level();
        PhantomLevel.Body b = level.body();
        ArrayNode a = vert.putArray("neighbours");
        for (double sign : new double[] {1, -1}) {
            ObjectNode o = a.addObject();
            o.put("name", sign > 0 ? level.above() : level.below());
            o.set("centreLps", vec(layout.toLps(new Vec3(0, 0, sign * b.neighbourOffset()))));
            o.put("outlineScale", sign > 0 ? b.scaleAbove() : b.scaleBelow());
            o.put("halfHeightMm", b.neighbourHeight() / 2);
            o.put("note", "the target body's outline times outlineScale; no posterior elements");
        }
    }

    /** Where the window through the posterior cortex is, and its fragment. */
    static void posteriorWallDefect(ObjectNode vert, PhantomLayout layout) {
        PhantomLevel.Body b = layout.level().body();
        VertebraFrame f = layout.frame();
        double p = b.posteriorV();
        ObjectNode d = vert.putObject("posteriorWallDefect");
        d.put("shape", "a box-shaped window through the posterior cortex of the target body, centred on the "
            + "midline at mid-height; soft tissue fills it (no cortex)");
        d.set("windowCentreLps", vec(layout.toLps(new Vec3(0, p, 0))));
        d.put("windowWidthMm", PhantomVariant.DEFECT_WIDTH_MM);
        d.put("windowHeightMm", PhantomVariant.DEFECT_HEIGHT_MM);
        d.put("windowDepthMm", CORTEX);
        d.set("widthDirectionLps", vec(f.left()));
        d.set("heightDirectionLps", vec(f.superior()));
        d.set("outwardNormalLps", vec(f.posterior()));
        d.put("fillTissue", PhantomTissue.SOFT_TISSUE.jsonName());
        ObjectNode fr = d.putObject("fragment");
        double shift = PhantomVariant.FRAGMENT_SHIFT_MM;
        fr.set("centreLps", vec(layout.toLps(new Vec3(0, p - CORTEX / 2 + shift, 0))));
        fr.set("sizeMm", arr(PhantomVariant.FRAGMENT_WIDTH_MM, CORTEX, PhantomVariant.FRAGMENT_HEIGHT_MM));
        fr.put("sizeAxes", "frame left, posterior, superior; edges rounded 0.3 mm");
        fr.put("displacementMm", shift);
        fr.set("displacementDirectionLps", vec(f.posterior()));
        PhantomLevel.Canal c = layout.level().canal();
        fr.put("intoCanalMm", p + shift - (c.cv() - c.halfDepth()));
        fr.put("tissue", PhantomTissue.CORTICAL_BONE.jsonName());
    }

    /** "ribs" and "lungs" of a thoracic level. */
    static void thorax(ObjectNode root, PhantomModel model) {
        PhantomLayout layout = model.layout();
        PhantomThorax t = layout.level().thorax();
        ArrayNode ribs = root.putArray("ribs");
        for (PhantomRib rib : t.ribs()) {
            for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
                List<Vec3> line = rib.centreline(side);
                ObjectNode o = ribs.addObject();
                o.put("name", rib.name(side));
                o.put("side", side.jsonName());
                o.put("number", rib.number());
                o.put("articulation", rib.articulation());
                o.set("headCentreLps", vec(layout.toLps(line.get(0))));
                o.put("headRadiusMm", rib.headRadiusMm());
                o.set("tubercleLps", vec(layout.toLps(line.get(1))));
                o.put("neckRadiusMm", rib.neckRadiusMm());
                o.put("shaftRadiusMm", rib.shaftRadiusMm());
                o.put("jointGapMm", t.jointGapMm());
                ArrayNode cl = o.putArray("centrelineLps");
                for (Vec3 p : line) {
                    cl.add(vec(layout.toLps(p)));
                }
                o.put("shape", "a sphere (head) and capsules along the centre line (neck, shaft), cut back to "
                    + "leave jointGapMm of cartilage against the vertebrae and discs, and cut "
                    + t.ribWallMarginMm() + " mm inside the muscle wall where a turn carries a shaft out of it");
            }
        }
        ObjectNode lungs = root.putObject("lungs");
        lungs.put("tissue", PhantomTissue.LUNG.jsonName());
        lungs.put("hu", PhantomTissue.LUNG.hu());
        lungs.put("shape", "in the patient frame (not turned): inside the cavity ellipse, lateral of |x - midline| = "
            + "medialLimitMm, outside the mediastinal organs by organMarginMm; then, turned with the spine, soft "
            + "tissue (pleura) wherever the lung would come closer than pleuraGapMm to bone or disc");
        ObjectNode cav = lungs.putObject("cavity");
        cav.set("centreLps", vec(PhantomLayout.patientLps(new Vec3(0, t.cavityCv(), 0))));
        cav.put("halfWidthMm", t.cavityHalfWidth());
        cav.put("halfDepthMm", t.cavityHalfDepth());
        lungs.put("medialLimitMm", t.lungMedialU());
        lungs.put("organMarginMm", t.organMarginMm());
        lungs.put("pleuraGapMm", t.pleuraGapMm());
        for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
            double sign = side == Side.LEFT ? 1 : -1;
            ArrayNode m = lungs.putObject(side.jsonName()).putArray("medialBoundary");
            medialRay(m, model, "beside the target body at mid-height (from the body centre along the frame's "
                + side.jsonName() + " axis)", layout.frame().centreLps(), layout.frame().left().times(sign));
            medialRay(m, model, "beside the lower half of the pedicle isthmus (from 3 mm below its centre along "
                + "-upDirectionLps, along lateralDirectionLps; above, the rib neck passes)",
                layout.isthmusLps(side).plusScaled(layout.pedicleUpLps(side), -3), layout.pedicleLateralLps(side));
        }
    }

    /** Marches from inside bone along a ray: where the bone ends and where the lung begins (sharp model). */
    private static void medialRay(ArrayNode out, PhantomModel m, String name, Vec3 from, Vec3 dir) {
        double exit = firstChange(m, from, dir, 0, true);
        double lung = Double.isNaN(exit) ? Double.NaN : firstChange(m, from, dir, exit, false);
        ObjectNode o = out.addObject();
        o.put("name", name);
        o.set("fromLps", vec(from));
        o.set("directionLps", vec(dir));
        o.set("boneExitLps", Double.isNaN(exit) ? null : vec(from.plusScaled(dir, exit)));
        o.set("lungLps", Double.isNaN(lung) ? null : vec(from.plusScaled(dir, lung)));
        if (!Double.isNaN(lung)) {
            o.put("lungToBoneMm", lung - exit);
        }
    }

    /**
     * From {@code start} mm along the ray: the first distance where the tissue stops being bone
     * ({@code leaveBone}) or becomes lung, to 1e-6 mm; NaN if none within 80 mm.
     */
    private static double firstChange(PhantomModel m, Vec3 from, Vec3 dir, double start, boolean leaveBone) {
        double step = 0.02;
        for (double s = start; s <= 80; s += step) {
            if (changed(m, from.plusScaled(dir, s), leaveBone)) {
                double lo = Math.max(start, s - step), hi = s;
                while (hi - lo > 1e-7) {
                    double mid = (lo + hi) / 2;
                    if (changed(m, from.plusScaled(dir, mid), leaveBone)) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return hi;
            }
        }
        return Double.NaN;
    }

    private static boolean changed(PhantomModel m, Vec3 p, boolean leaveBone) {
        PhantomTissue t = m.tissueAt(p);
        boolean bone = t == PhantomTissue.CORTICAL_BONE || t == PhantomTissue.CANCELLOUS_BONE;
        return leaveBone ? !bone : t == PhantomTissue.LUNG;
    }

    private static ObjectNode plane(Vec3 point, Vec3 normal, String meaning) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("pointLps", vec(point));
        o.set("normalLps", vec(normal.normalized()));
        o.put("normalMeaning", meaning);
        return o;
    }
}
