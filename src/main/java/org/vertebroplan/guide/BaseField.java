package org.vertebroplan.guide;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * The base as an implicit solid on the guide grid: F(p) > 0 inside, built from the skin distance s(p)
 * and simple signed-distance shapes, so the extracted surface is closed and manifold by construction
 * (no mesh booleans).
 *
 * <pre>
 *   shell    = min(s - gap, smoothMin(gap + thickness - s, footprint))  the skin-seated plate, outer rim rounded
 *   solid    = max(shell, bosses, level pad)                           sleeve bosses, bubble-level pad
 *   base     = min(solid, -sockets, -needle channels, -windows, -notches)
 * </pre>
 * Bosses stop at the gap above the skin, so nothing of the base enters the body. The footprint is the
 * convex hull of the markers and entry points in the marker plane, grown by the margin (rounded corners).
 * Far from every surface the field is only needed as a sign, so those voxels are settled early.
 */
final class BaseField {

    /**
     * A marker window: in marker-plane coordinates (a = along, l = left) for the layout, and as a
     * cylinder through the marker along the skin's normal there ({@code centreLps}, {@code axis}; null
     * until known), so its rim meets the skin side and the outer side square, without a knife edge.
     */
    record Window(double a, double l, Vec3 centreLps, Vec3 axis, Vec3 alongInPlane) {
        Window(double a, double l) {
            this(a, l, null, null, null);
        }
    }

    /** The horizontal level pad: a rectangle in the marker plane and a top plane normal to {@code up}. */
    record Pad(double a, double l, double halfA, double halfL, Vec3 up, double topHeight) {
    }

    /**
     * Text engraved into the base's outer surface, centred at (a, l) in the marker plane, reading with
     * the cranial direction up for someone looking at the patient's back.
     */
    record Engraving(String text, double a, double l, double heightMm) {

        /** The strokes in marker-plane millimetres: {a0, l0, a1, l1} each. */
        double[][] strokes() {
            double scale = heightMm / StrokeFont.CELL_HEIGHT;
            double w = StrokeFont.width(text);
            List<StrokeFont.Segment> segs = StrokeFont.layout(text);
            double[][] out = new double[segs.size()][];
            for (int i = 0; i < out.length; i++) {
                StrokeFont.Segment g = segs.get(i);
                // screen right = the patient's right (-left), screen up = cranial (+along)
                out[i] = new double[] {a + (g.y0() - 3) * scale, l - (g.x0() - w / 2) * scale,
                    a + (g.y1() - 3) * scale, l - (g.x1() - w / 2) * scale};
            }
            return out;
        }

        double halfExtentMm() {
            return Math.max(heightMm, StrokeFont.width(text) * heightMm / StrokeFont.CELL_HEIGHT) / 2 + 1;
        }
    }

    /** Engraving depth (mm). */
    static final double ENGRAVE_DEPTH_MM = 0.6;

    /**
     * The engraving's stroke width for a printer: its smallest feature, at least 0.8 mm (the base is
     * designed on a 0.3 mm grid: a narrower groove, or a narrower wall between two, would not come out true).
     */
    static double strokeMm(PrinterPreset p) {
        return Math.max(p.minFeatureMm(), 0.8);
    }

    /** The wall kept between two grooves: the printer's minimum, at least 1.2 mm (the grid again). */
    static double engravingWallMm(PrinterPreset p) {
        return Math.max(p.minWallMm(), 1.2);
    }

    /** Per-sleeve numbers for the inner loop. */
    private record Boss(double ex, double ey, double ez, double ux, double uy, double uz, double tx, double ty,
                        double tz, double bx, double by, double bz, double bossR, double topH, double channelR,
                        double socketMaxR, SleeveDesign design) {
    }

    /**
     * What the base is made of, laid out in the marker plane: the footprint's hull, the marker windows, the
     * sleeves (bosses, sockets, channels), the level pad (null: none) and the engraved labels.
     */
    record Parts(List<Vec3> hull, List<Window> windows, List<SleeveDesign> sleeves, Pad pad,
                 List<Engraving> engravings) {
    }

    /** The field on the grid, and whether the cut at the CT's scanned range removed part of the base. */
    record Result(float[] field, boolean clipped) {
    }

    private final GuideSpec spec;
    private final Parts parts;
    private final Volume ct;
    private final Affine3 toCt;
    private final double[] cs;
    private final double[] o;
    private final double[] ci;
    private final double[] cj;
    private final double[] ck;
    private final double[] up;
    private final double h;
    private final double gap;
    private final double top;
    private final double windowR;
    private final Boss[] bosses;
    private final double[][][] strokes;
    private final double strokeHalf;

    private BaseField(GuideGrid g, GuideSpec spec, Parts parts, Volume ct) {
        this.spec = spec;
        this.parts = parts;
        this.ct = ct;
        toCt = ct.lpsToIjk();
        cs = ct.spacingMm();
        Affine3 m = g.ijkToLps();
        o = m.translation().toArray();
        ci = m.column(0).toArray();
        cj = m.column(1).toArray();
        ck = m.column(2).toArray();
        up = m.column(2).normalized().toArray();
        h = g.spacingMm();
        gap = spec.gapMm();
        top = spec.gapMm() + spec.thicknessMm();
        windowR = spec.windowRadiusMm();
        bosses = new Boss[parts.sleeves().size()];
        for (int b = 0; b < bosses.length; b++) {
            SleeveDesign d = parts.sleeves().get(b);
            Vec3 e = d.needle().entryLps(), u = d.axisIn(), t = d.keyDirection(), bi = d.keyNormal();
            double sc2 = d.socketClearanceMm() / 2;
            bosses[b] = new Boss(e.x(), e.y(), e.z(), u.x(), u.y(), u.z(), t.x(), t.y(), t.z(), bi.x(), bi.y(), bi.z(),
                d.collarOuterRadiusMm() + sc2 + spec.bossWallMm(), d.bossTopH(), d.channelRadiusMm(),
                d.collarOuterRadiusMm() + sc2, d);
        }
        strokes = new double[parts.engravings().size()][][];
        for (int e = 0; e < strokes.length; e++) {
            strokes[e] = parts.engravings().get(e).strokes();
        }
        strokeHalf = strokeMm(spec.printer()) / 2;
    }

    /**
     * The base's field on the grid {@code g} from the skin distance {@code s} on it.
     *
     * @param ct the CT: the base is cut where the skin under it lies less than 1 mm inside the scanned
     *           box (where the skin is still known); {@link Result#clipped} says when the cut removed part of it
     */
    static Result compute(GuideGrid g, float[] s, GuideSpec spec, Parts parts, Volume ct, int threads) {
        BaseField base = new BaseField(g, spec, parts, ct);
        float[] f = new float[g.size()];
        AtomicBoolean clipped = new AtomicBoolean();
        Parallel.forEach(threads, g.nz(), k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int p = i + g.nx() * (j + g.ny() * k);
                    f[p] = (float) base.valueAt(i, j, k, s[p], clipped);
                }
            }
        });
        return new Result(f, clipped.get());
    }

    /** F at voxel (i, j, k) whose skin distance is {@code sd}. */
    private double valueAt(int i, int j, int k, double sd, AtomicBoolean clipped) {
        if (sd - gap < -1.0) {
            return sd - gap; // in or near the body: never base
        }
        double x = o[0] + ci[0] * i + cj[0] * j + ck[0] * k;
        double y = o[1] + ci[1] * i + cj[1] * j + ck[1] * k;
        double z = o[2] + ci[2] * i + cj[2] * j + ck[2] * k;
        double a = i * h, l = j * h; // marker-plane coordinates relative to the grid corner
        double value = plate(a, l, sd);
        value = withPad(value, x, y, z, a, l, sd);
        value = withBosses(value, x, y, z, sd);
        value = withoutSocketsAndChannels(value, x, y, z);
        value = withoutWindows(value, x, y, z, a, l);
        value = withoutEngravings(value, a, l, sd);
        return insideTheScan(value, x, y, z, sd, clipped);
    }

    /** The skin-seated plate within the footprint, its outer rim rounded. */
    private double plate(double a, double l, double sd) {
        double shell = Math.min(sd - gap, top - sd);
        if (shell < -1.5) {
            return shell; // far above the plate: only bosses or the pad can be here
        }
        double foot = Shapes.convexPolygon(parts.hull(), a, l) + spec.marginMm();
        // round the outer rim only: the skin side stays exactly at the gap up to the edge
        return Math.min(sd - gap, Shapes.smoothMin(top - sd, foot, 1.0));
    }

    /** The level pad added, its top horizontal. */
    private double withPad(double value, double x, double y, double z, double a, double l, double sd) {
        Pad pad = parts.pad();
        if (pad != null && Math.abs(a - pad.a()) < pad.halfA() + 1 && Math.abs(l - pad.l()) < pad.halfL() + 1) {
            double height = x * pad.up().x() + y * pad.up().y() + z * pad.up().z();
            double inPad = Math.min(Shapes.box2d(a - pad.a(), l - pad.l(), pad.halfA(), pad.halfL()),
                pad.topHeight() - height);
            return Math.max(value, Math.min(inPad, sd - gap));
        }
        return value;
    }

    /** The sleeves' bosses added, stopping at the gap above the skin. */
    private double withBosses(double value, double x, double y, double z, double sd) {
        for (Boss b : bosses) {
            double rx = x - b.ex, ry = y - b.ey, rz = z - b.ez;
            double height = -(rx * b.ux + ry * b.uy + rz * b.uz);
            double qx = rx + b.ux * height, qy = ry + b.uy * height, qz = rz + b.uz * height;
            double radial = Math.sqrt(qx * qx + qy * qy + qz * qz);
            if (radial < b.bossR + 1) {
                double boss = Math.min(Math.min(b.bossR - radial, b.topH - height), sd - gap);
                value = Math.max(value, boss);
            }
        }
        return value;
    }

    /** The needle channels and the keyed sockets with their seat cones cut out. */
    private double withoutSocketsAndChannels(double value, double x, double y, double z) {
        for (Boss b : bosses) {
            double rx = x - b.ex, ry = y - b.ey, rz = z - b.ez;
            double height = -(rx * b.ux + ry * b.uy + rz * b.uz);
            double qx = rx + b.ux * height, qy = ry + b.uy * height, qz = rz + b.uz * height;
            double radial = Math.sqrt(qx * qx + qy * qy + qz * qz);
            value = Math.min(value, radial - b.channelR);
            if (radial < b.socketMaxR + 1) {
                // socket: above the prism height the keyed cavity (collar + half the clearance, ribs in
                // the notches); below it the seat cone down to the channel, a roof that needs no support
                double lx = qx * b.tx + qy * b.ty + qz * b.tz, ly = qx * b.bx + qy * b.by + qz * b.bz;
                value = Math.min(value, -b.design.socketCavity(lx, ly, height));
            }
        }
        return value;
    }

    /** The marker windows and their crosshair notches cut out. */
    private double withoutWindows(double value, double x, double y, double z, double a, double l) {
        for (Window w : parts.windows()) {
            if (Math.abs(a - w.a()) > windowR + 8 || Math.abs(l - w.l()) > windowR + 8) {
                continue;
            }
            // coordinates across the window's axis (the skin normal at the marker)
            double wx = x - w.centreLps().x(), wy = y - w.centreLps().y(), wz = z - w.centreLps().z();
            Vec3 n = w.axis(), al = w.alongInPlane();
            double da = wx * al.x() + wy * al.y() + wz * al.z();
            Vec3 le = n.cross(al);
            double dl = wx * le.x() + wy * le.y() + wz * le.z();
            // the window's wall runs along the skin's normal, so it meets the skin side and the outer
            // side square all round (no knife-edge lip where the skin is tilted)
            value = Math.min(value, Math.hypot(da, dl) - windowR);
            // crosshair notches along and across the marker line
            value = Math.min(value, -Shapes.box2d(Math.abs(da) - windowR - 0.8, dl, 1.2, 0.5));
            value = Math.min(value, -Shapes.box2d(da, Math.abs(dl) - windowR - 0.8, 0.5, 1.2));
        }
        return value;
    }

    /** The labels engraved into the outer surface. */
    private double withoutEngravings(double value, double a, double l, double sd) {
        for (int e = 0; e < strokes.length; e++) {
            Engraving en = parts.engravings().get(e);
            double ext = en.halfExtentMm();
            if (Math.abs(a - en.a()) > ext || Math.abs(l - en.l()) > ext || sd < top - 2 * ENGRAVE_DEPTH_MM) {
                continue;
            }
            double d = Double.MAX_VALUE;
            for (double[] st : strokes[e]) {
                d = Math.min(d, Shapes.segmentDistance(a, l, st[0], st[1], st[2], st[3]));
            }
            double groove = Math.min(strokeHalf - d, sd - (top - ENGRAVE_DEPTH_MM));
            value = Math.min(value, -groove);
        }
        return value;
    }

    /**
     * Stays where the CT shows the skin under the base: the foot point on the skin (down the marker frame's
     * "above" axis by the skin distance) lies 1 mm inside the scanned box; bosses and sleeves may stand in
     * the air beyond the field of view.
     */
    private double insideTheScan(double value, double x, double y, double z, double sd, AtomicBoolean clipped) {
        Vec3 q = toCt.apply(x - up[0] * sd, y - up[1] * sd, z - up[2] * sd);
        double inCt = Math.min(Math.min(q.x() * cs[0], (ct.nx() - 1 - q.x()) * cs[0]),
            Math.min(Math.min(q.y() * cs[1], (ct.ny() - 1 - q.y()) * cs[1]),
                Math.min(q.z() * cs[2], (ct.nz() - 1 - q.z()) * cs[2]))) - 1.0;
        if (inCt < value) {
            if (value > 0) {
                clipped.set(true);
            }
            return inCt;
        }
        return value;
    }
}
