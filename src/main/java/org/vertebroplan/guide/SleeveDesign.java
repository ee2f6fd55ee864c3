package org.vertebroplan.guide;

import java.util.Locale;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;

/**
 * The design of one guide sleeve and its socket, along the needle axis.
 *
 * <p>Heights {@code h} are measured from the skin entry outward along the needle axis (h = 0 at the
 * entry, the target at h = -depth). Local coordinates across the axis: x along {@code keyDirection}
 * (lateral), y = axis x x. The sleeve is a tube (bore, wall) from {@code bottomH} to the hub stop
 * {@code topH} (the needle's working length from the target, so the tip reaches the planned depth when
 * the needle is fully in), with a collar that fills the socket in the base's boss:
 * <ul>
 * <li>the <b>seat</b>, a cone of half-angle {@code seatHalfAngleDeg} from the collar radius at
 * {@code floorH} down to the tube at {@code bottomH}, fits the socket's conical floor exactly: it sets the
 * sleeve's depth and centres it, and the floor is a roof that prints without support in the guide's print
 * orientation (its slope plus the needle's lean from the print axis stays within the process's overhang);</li>
 * <li>the <b>key</b>: the socket has round ribs at {@code keyAngles} (radians from x): cylinders of radius
 * {@code notchHalfWidthMm} along the socket wall, centred on it; the collar (radius {@code collarRadiusMm})
 * has round notches there, larger by half the clearance (depth {@code notchDepthMm}). Round, so that a
 * printer's layers follow them smoothly. No two sleeves of a guide have the same pattern under any
 * rotation, so a sleeve enters its own socket only, in one orientation;</li>
 * <li>above the boss the collar tapers at 45 degrees to the tube, so the sleeve prints standing on its hub
 * stop without support.</li>
 * </ul>
 *
 * @param needle             the planned needle
 * @param label              the sleeve's engraved label ("L2-L")
 * @param boreRadiusMm       (needle diameter + diametral clearance) / 2
 * @param tubeRadiusMm       bore + sleeve wall
 * @param collarRadiusMm     collar radius (outside the notches)
 * @param keyAngles          angles of the key notches, radians from the key direction
 * @param notchDepthMm       radial depth of a notch
 * @param notchHalfWidthMm   half the width of a notch
 * @param keyDirection       unit radial direction of angle 0 (the key pattern is centred on the side of the
 *                           socket that faces up in the base's print; lateral when the needle is the print axis)
 * @param socketClearanceMm  diametral clearance of the collar in the socket
 * @param seatHalfAngleDeg   half-angle of the conical seat
 * @param bottomH            sleeve bottom (the tip of the seat cone at the tube radius)
 * @param floorH             top of the seat cone (where it reaches the collar radius)
 * @param bossTopH           top of the boss
 * @param topH               sleeve top = hub stop
 */
public record SleeveDesign(Needle needle, String label, double boreRadiusMm, double tubeRadiusMm,
                           double collarRadiusMm, double[] keyAngles, double notchDepthMm, double notchHalfWidthMm,
                           Vec3 keyDirection, double socketClearanceMm, double seatHalfAngleDeg, double bottomH,
                           double floorH, double bossTopH, double topH) {

    /** The key patterns: notch angles in degrees; no pattern maps onto another by any rotation. */
    static final double[][] KEYS_DEG = {{0, 60}, {0, 100}, {0, 140}, {0, 180}, {0, 80, 200}, {0, 120, 240}};
    /**
     * How far the seat cone's steepest line stays inside the process's overhang limit (degrees): a slicer
     * judges the faceted surface, not the design, so a roof at the limit gets support.
     */
    static final double SEAT_MARGIN_DEG = 10;
    /** Depth of the lead-in at the socket's mouth (mm); the collar is held below it. */
    static final double MOUTH_CHAMFER_MM = 1.5;
    /** Socket clearance as a share of the bore's: the socket's tilt play stays below the bore's. */
    static final double SOCKET_CLEARANCE_SHARE = 0.75;

    /** Unit axis direction from the entry into the body (entry to target). */
    public Vec3 axisIn() {
        return needle.direction();
    }

    /** The axis point at height h (outward from the entry). */
    public Vec3 axisAt(double h) {
        return needle.entryLps().minus(axisIn().times(h));
    }

    /** The second cross axis (y): axis into the body x key direction. */
    public Vec3 keyNormal() {
        return axisIn().cross(keyDirection);
    }

    /** Sleeve length from its bottom to the hub stop. */
    public double lengthMm() {
        return topH - bottomH;
    }

    /** Where the needle hub stops. */
    public Vec3 topLps() {
        return axisAt(topH);
    }

    /** The largest radius of the collar. */
    public double collarOuterRadiusMm() {
        return collarRadiusMm;
    }

    /** The radius of the needle's channel through the base under the socket. */
    public double channelRadiusMm() {
        return boreRadiusMm + 1.0;
    }

    /** tan of the seat's half-angle. */
    double seatTan() {
        return Math.tan(Math.toRadians(seatHalfAngleDeg));
    }

    /**
     * Signed distance (positive inside, mm, exact enough near the boundary) of the collar's outline in
     * the cross-section: the collar circle minus the round notches, its corners at the notches rounded.
     */
    public double collar2d(double x, double y) {
        double v = collarRadiusMm - Math.hypot(x, y);
        double r = collarRadiusMm + socketClearanceMm / 2;
        for (double a : keyAngles) {
            double notch = Math.hypot(x - r * Math.cos(a), y - r * Math.sin(a)) - (notchHalfWidthMm + socketClearanceMm / 2);
            v = roundedIntersection(v, notch, CORNER_MM);
        }
        return v;
    }

    /** Radius of the collar's outer corners at the notches (a printed corner is round anyway). */
    static final double CORNER_MM = 0.5;

    /** The intersection of two solids (positive inside) with its convex edges rounded to radius r. */
    static double roundedIntersection(double a, double b, double r) {
        return Math.max(r, Math.min(a, b)) - Math.hypot(Math.max(r - a, 0), Math.max(r - b, 0));
    }

    /**
     * Signed distance (positive inside) of the socket's cavity in the cross-section: the collar circle
     * grown by half the clearance, minus the round ribs (centred on that circle) where the collar has notches.
     */
    public double socket2d(double x, double y) {
        double r = collarRadiusMm + socketClearanceMm / 2;
        double v = r - Math.hypot(x, y);
        for (double a : keyAngles) {
            v = Math.min(v, Math.hypot(x - r * Math.cos(a), y - r * Math.sin(a)) - notchHalfWidthMm);
        }
        return v;
    }

    /**
     * The socket's cavity at local (x, y) and height h (positive inside): the keyed cavity ({@link #socket2d})
     * cut by the seat cone (exactly the sleeve's, so the sleeve sits on it at its designed depth), and the
     * needle's channel below. Open upward: the boss ends at its top.
     */
    public double socketCavity(double x, double y, double h) {
        double radial = Math.hypot(x, y);
        // the seat cone widens outward until it meets the keyed cavity (the collar + half the clearance, the
        // ribs), which it then stays: one field, no seam where a slicer could find a ledge
        double cone = (collarRadiusMm - (floorH - h) * seatTan() - radial) * Math.cos(Math.toRadians(seatHalfAngleDeg));
        // a lead-in at the mouth, 20 degrees off the axis (steep enough to print over the lean without support):
        // the collar finds the socket, and the mouth, which the slicer's support under the boss top may touch,
        // is no fitting surface
        double lead = Math.tan(Math.toRadians(20));
        double mouth = (collarRadiusMm + socketClearanceMm / 2 + (h - (bossTopH - MOUTH_CHAMFER_MM)) * lead - radial)
            * Math.cos(Math.toRadians(20));
        return Math.max(Math.max(Math.min(cone, socket2d(x, y)), mouth), channelRadiusMm() - radial);
    }

    /** The key in words, for the manifest and the sheet. */
    public String keyDescription() {
        StringBuilder b = new StringBuilder();
        for (double a : keyAngles) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f°", Math.toDegrees(a)));
        }
        return String.format(Locale.ROOT, "%s: collar Ø %.2f mm, round notches at %s from lateral (Ø %.1f mm ribs);"
            + " seat cone %.0f°", label, 2 * collarRadiusMm, b, 2 * notchHalfWidthMm, seatHalfAngleDeg);
    }

    /**
     * The design of a needle's sleeve.
     *
     * @param key      which key pattern ({@link #KEYS_DEG})
     * @param printUp  the base's print direction (up on the printer's bed): the seat cone's slope and the
     *                 needle's lean from it must stay within the process's overhang
     */
    static SleeveDesign of(Needle n, String label, int key, Vec3 printUp, GuideSpec spec) {
        PrinterPreset p = spec.printer();
        double c = p.clearanceMm();
        double bore = (n.diameterMm() + c) / 2;
        double tube = bore + spec.sleeveWallMm();
        double notchDepth = Math.max(1.0, p.minWallMm());
        double collar = tube + notchDepth + p.minWallMm();
        double notchHalf = notchDepth; // the rib's radius: a notch as deep as the rib is round
        Vec3 u = n.direction();
        Vec3 lateral = n.side() == Side.LEFT ? Vec3.X : Vec3.X.times(-1);
        Vec3 dir = lateral.minus(u.times(lateral.dot(u)));
        if (dir.norm() < 0.2) {
            dir = Vec3.Z.minus(u.times(u.z()));
        }
        // the ribs go on the socket's side that faces up in the base's print (where its wall leans away
        // from the cavity), so no rib hangs over the cavity: the pattern is centred on -printUp across the axis
        Vec3 down = printUp.times(-1).minus(u.times(-printUp.dot(u)));
        double[] keyDeg = KEYS_DEG[key];
        if (down.norm() > 0.05) {
            Vec3 m = down.normalized();
            double half = Math.toRadians(keyDeg[keyDeg.length - 1]) / 2;
            dir = m.times(Math.cos(-half)).plus(u.cross(m).times(Math.sin(-half)));
        }
        double lean = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, u.dot(printUp)))));
        double seat = Math.min(45, p.overhangDeg() - lean - SEAT_MARGIN_DEG);
        double[] deg = KEYS_DEG[key];
        double[] angles = new double[deg.length];
        for (int i = 0; i < deg.length; i++) {
            angles[i] = Math.toRadians(deg[i]);
        }
        double tan = Math.tan(Math.toRadians(Math.max(seat, 1)));
        double floor = Math.max(spec.bossHeightMm() - spec.socketDepthMm(), spec.gapMm() + 0.5 + (collar - tube) / tan);
        double depth = n.entryLps().distance(n.targetLps());
        return new SleeveDesign(n, label, bore, tube, collar, angles, notchDepth, notchHalf, dir.normalized(),
            SOCKET_CLEARANCE_SHARE * c, seat, floor - (collar - tube) / tan, floor, spec.bossHeightMm(),
            n.workingLengthMm() - depth);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SleeveDesign d && d.needle.equals(needle) && d.label.equals(label)
            && java.util.Arrays.equals(d.keyAngles, keyAngles) && d.floorH == floorH && d.topH == topH
            && d.seatHalfAngleDeg == seatHalfAngleDeg && d.boreRadiusMm == boreRadiusMm;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(needle, label, java.util.Arrays.hashCode(keyAngles), floorH, topH);
    }
}
