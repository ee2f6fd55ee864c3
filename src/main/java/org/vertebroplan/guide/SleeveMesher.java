package org.vertebroplan.guide;

import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/**
 * Builds a sleeve ({@link SleeveDesign}) as a closed mesh: the solid is an implicit field in the
 * sleeve's own frame (x along the key direction, z along the needle into the body, h = -z), extracted by
 * marching cubes on a {@link #VOXEL_MM} grid ({@link ImplicitSolid}). Tube, bore, keyed collar, seat
 * cone, the taper above the boss and the label engraved around the collar are one field, so
 * the part is closed and manifold by construction. Vertices lie on the designed surfaces to about a
 * micrometre; flat faces between them cut the bore's circle by under 4 micrometres.
 */
final class SleeveMesher {

    static final double VOXEL_MM = 0.15;
    /**
     * Depth of the label's V grooves in the tube (their mouth is the stroke width): shallow enough that the
     * upper wall of a horizontal stroke rises at 53 degrees or more when the sleeve stands on its hub stop,
     * so the letters need no support.
     */
    static final double LABEL_DEPTH_MM = 0.3;
    /** The collar's taper above the boss, degrees from the plane across the axis. */
    static final double TAPER_DEG = 55;

    private SleeveMesher() {
    }

    /** The sleeve's frame: local (x, y, z) mm to LPS, origin at the entry point. */
    static Affine3 localToLps(SleeveDesign d) {
        return Affine3.fromColumns(d.keyDirection(), d.keyNormal(), d.axisIn(), d.needle().entryLps());
    }

    /** The label's placement on the tube, or null when the tube above the boss is too short for it. */
    record Label(double[][] strokes, double halfStroke, double centreAngle) {
    }

    /**
     * The label goes around the collar, on its part in the socket's keyed prism (visible when the sleeve is
     * in the hand, out of the way of the notches), centred opposite the notches.
     */
    static Label label(SleeveDesign d, PrinterPreset p) {
        double stroke = Math.max(p.minFeatureMm(), 0.6);
        double scale = StrokeFont.engravingScale(p.minWallMm(), stroke);
        double height = StrokeFont.CELL_HEIGHT * scale;
        double from = d.floorH() + d.socketClearanceMm() / 2 / d.seatTan() + 0.5 + stroke / 2;
        double to = d.bossTopH() - 0.5 - stroke / 2;
        double width = StrokeFont.width(d.label()) * scale;
        double sx = 0, sy = 0;
        for (double a : d.keyAngles()) {
            sx += Math.cos(a);
            sy += Math.sin(a);
        }
        double centre = Math.atan2(-sy, -sx);
        // the free arc around the centre, between the nearest notches (less their half widths and 0.5 mm)
        double free = 2 * minNotchGap(d, centre) * d.collarRadiusMm() - 2 * (d.notchHalfWidthMm() + 0.5);
        if (to - from < height || width + stroke > free) {
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
        return new Label(out, stroke / 2, centre);
    }

    /** The smallest angle (radians) from the centre direction to a notch. */
    private static double minNotchGap(SleeveDesign d, double centre) {
        double min = Math.PI;
        for (double a : d.keyAngles()) {
            min = Math.min(min, Math.abs(Math.atan2(Math.sin(a - centre), Math.cos(a - centre))));
        }
        return min;
    }

    /** Where the collar's taper reaches the tube. */
    static double taperTopH(SleeveDesign d) {
        return d.bossTopH() + (d.collarRadiusMm() - d.tubeRadiusMm()) * Math.tan(Math.toRadians(TAPER_DEG));
    }

    static Mesh mesh(SleeveDesign d, PrinterPreset p, int threads) {
        double rb = d.boreRadiusMm(), rt = d.tubeRadiusMm(), rc = d.collarRadiusMm();
        double tan = d.seatTan(), cosSeat = Math.cos(Math.toRadians(d.seatHalfAngleDeg()));
        // above the boss the collar tapers to the tube at 55 degrees from the horizontal of its print (standing
        // on the hub stop), steeper than any process's overhang limit
        double taperTan = Math.tan(Math.toRadians(TAPER_DEG)), taperCos = Math.cos(Math.atan(1 / taperTan));
        double taperTop = d.bossTopH() + (rc - rt) * taperTan;
        Label label = label(d, p);
        ImplicitSolid.Field f = (x, y, z) -> {
            double h = -z;
            double rho = Math.hypot(x, y);
            double tube = Math.min(Math.min(rt - rho, h - d.bottomH()), d.topH() - h);
            double collar = d.collar2d(x, y);
            collar = Math.min(collar, (rt + (taperTop - h) / taperTan - rho) * taperCos);
            collar = Math.min(collar, (rc - (d.floorH() - h) * tan - rho) * cosSeat);
            collar = Math.min(collar, h - d.bottomH());
            double v = Math.max(tube, collar);
            v = Math.min(v, rho - rb);
            if (label != null && rho > rc - LABEL_DEPTH_MM - 0.1) {
                double a = Math.atan2(y, x) - label.centreAngle();
                a = Math.atan2(Math.sin(a), Math.cos(a));
                double s = a * rc, dist = Double.MAX_VALUE;
                for (double[] st : label.strokes()) {
                    dist = Math.min(dist, Shapes.segmentDistance(s, h, st[0], st[1], st[2], st[3]));
                }
                // a V groove (see LABEL_DEPTH_MM)
                double groove = (label.halfStroke() * (1 - (rc - rho) / LABEL_DEPTH_MM) - dist) * 0.6;
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
