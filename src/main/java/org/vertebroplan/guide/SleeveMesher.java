package org.vertebroplan.guide;

import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/**
 * Builds a sleeve ({@link SleeveDesign}) as a closed mesh: the solid is an implicit field in the
 * sleeve's own frame (x along the key direction, z along the needle into the body, h = -z), extracted by
 * marching cubes on a {@link #VOXEL_MM} grid ({@link ImplicitSolid}). Tube, bore, keyed collar, seat
 * cone, the 45-degree taper above the boss and the label engraved around the tube are one field, so
 * the part is closed and manifold by construction. Vertices lie on the designed surfaces to about a
 * micrometre; flat faces between them cut the bore's circle by under 4 micrometres.
 */
final class SleeveMesher {

    static final double VOXEL_MM = 0.15;
    /** Depth of the label's grooves in the tube. */
    static final double LABEL_DEPTH_MM = 0.4;

    private SleeveMesher() {
    }

    /** The sleeve's frame: local (x, y, z) mm to LPS, origin at the entry point. */
    static Affine3 localToLps(SleeveDesign d) {
        return Affine3.fromColumns(d.keyDirection(), d.keyNormal(), d.axisIn(), d.needle().entryLps());
    }

    /** The label's placement on the tube, or null when the tube above the boss is too short for it. */
    record Label(double[][] strokes, double halfStroke, double centreAngle) {
    }

    static Label label(SleeveDesign d, PrinterPreset p) {
        double stroke = Math.max(p.minFeatureMm(), 0.6);
        double scale = StrokeFont.engravingScale(p.minWallMm(), stroke);
        double height = StrokeFont.CELL_HEIGHT * scale;
        double from = d.bossTopH() + (d.collarRadiusMm() - d.tubeRadiusMm()) + 0.6 + stroke / 2;
        double to = d.topH() - 0.6 - stroke / 2;
        double width = StrokeFont.width(d.label()) * scale;
        if (to - from < height || width + stroke > 2 * Math.PI * d.tubeRadiusMm() * 0.85) {
            return null;
        }
        double h0 = (from + to) / 2 - height / 2;
        List<StrokeFont.Segment> segs = StrokeFont.layout(d.label());
        double[][] out = new double[segs.size()][];
        for (int i = 0; i < out.length; i++) {
            StrokeFont.Segment s = segs.get(i);
            // arc length around the tube (s), height along the axis (h): letters upright with the hub stop up
            out[i] = new double[] {(s.x0() - StrokeFont.width(d.label()) / 2) * scale, h0 + s.y0() * scale,
                (s.x1() - StrokeFont.width(d.label()) / 2) * scale, h0 + s.y1() * scale};
        }
        return new Label(out, stroke / 2, Math.PI); // opposite the key direction: the medial side, seen from the midline
    }

    static Mesh mesh(SleeveDesign d, PrinterPreset p, int threads) {
        double rb = d.boreRadiusMm(), rt = d.tubeRadiusMm(), rc = d.collarRadiusMm();
        double tan = d.seatTan(), cosSeat = Math.cos(Math.toRadians(d.seatHalfAngleDeg())), c45 = Math.sqrt(0.5);
        double taperTop = d.bossTopH() + (rc - rt);
        Label label = label(d, p);
        ImplicitSolid.Field f = (x, y, z) -> {
            double h = -z;
            double rho = Math.hypot(x, y);
            double tube = Math.min(Math.min(rt - rho, h - d.bottomH()), d.topH() - h);
            double collar = d.collar2d(x, y);
            collar = Math.min(collar, (rt + (taperTop - h) - rho) * c45);
            collar = Math.min(collar, (rc - (d.floorH() - h) * tan - rho) * cosSeat);
            collar = Math.min(collar, h - d.bottomH());
            double v = Math.max(tube, collar);
            v = Math.min(v, rho - rb);
            if (label != null && rho > rt - 2 * LABEL_DEPTH_MM) {
                double a = Math.atan2(y, x) - label.centreAngle();
                a = Math.atan2(Math.sin(a), Math.cos(a));
                double s = a * rt, dist = Double.MAX_VALUE;
                for (double[] st : label.strokes()) {
                    dist = Math.min(dist, Shapes.segmentDistance(s, h, st[0], st[1], st[2], st[3]));
                }
                double groove = Math.min(label.halfStroke() - dist, rho - (rt - LABEL_DEPTH_MM));
                v = Math.min(v, -groove);
            }
            return v;
        };
        double r = rc + 0.5;
        return ImplicitSolid.mesh(f, localToLps(d), new double[] {-r, -r, -(d.topH() + 0.5)},
            new double[] {r, r, -(d.bottomH() - 0.5)}, VOXEL_MM, threads);
    }

    /** The sleeve's direction on the printer: standing on its hub stop, so the axis into the body points up. */
    static Vec3 printUp(SleeveDesign d) {
        return d.axisIn();
    }
}
