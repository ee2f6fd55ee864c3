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
 * <li>the <b>key</b>: the collar (radius {@code collarRadiusMm}) has notches at {@code keyAngles} (radians
 * from x; depth {@code notchDepthMm}, half width {@code notchHalfWidthMm}) and the socket has ribs there,
 * narrower by the clearance; no two sleeves of a guide have the same pattern under any rotation, so a
 * sleeve enters its own socket only, in one orientation;</li>
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
 * @param keyDirection       unit radial direction of angle 0 (lateral, away from the midline)
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
     * the cross-section: the collar circle minus the notches, its corners at the notches rounded.
     */
    public double collar2d(double x, double y) {
        double v = collarRadiusMm - Math.hypot(x, y);
        for (double a : keyAngles) {
            v = roundedIntersection(v, -notch(x, y, a, collarRadiusMm - notchDepthMm, notchHalfWidthMm), CORNER_MM);
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
     * grown by half the clearance, minus ribs where the collar has notches (narrower and lower by half the
     * clearance).
     */
    public double socket2d(double x, double y) {
        double c2 = socketClearanceMm / 2;
        double v = collarRadiusMm + c2 - Math.hypot(x, y);
        for (double a : keyAngles) {
            v = Math.min(v, -notch(x, y, a, collarRadiusMm - notchDepthMm + c2, notchHalfWidthMm - c2));
        }
        return v;
    }

    /** Signed distance of a radial slot at angle a, from radius r0 outward, half width w (positive inside). */
    private static double notch(double x, double y, double a, double r0, double w) {
        double t = x * Math.cos(a) + y * Math.sin(a), n = -x * Math.sin(a) + y * Math.cos(a);
        double far = 100;
        return Shapes.box2d(t - (r0 + far / 2), n, far / 2, w);
    }

    /** The key in words, for the manifest and the sheet. */
    public String keyDescription() {
        StringBuilder b = new StringBuilder();
        for (double a : keyAngles) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f°", Math.toDegrees(a)));
        }
        return String.format(Locale.ROOT, "%s: collar Ø %.2f mm, notches at %s from lateral (%.1f mm wide, %.1f mm deep);"
            + " seat cone %.0f°", label, 2 * collarRadiusMm, b, 2 * notchHalfWidthMm, notchDepthMm, seatHalfAngleDeg);
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
        double notchHalf = Math.max(1.0, p.minWallMm());
        Vec3 u = n.direction();
        Vec3 lateral = n.side() == Side.LEFT ? Vec3.X : Vec3.X.times(-1);
        Vec3 dir = lateral.minus(u.times(lateral.dot(u)));
        if (dir.norm() < 0.2) {
            dir = Vec3.Z.minus(u.times(u.z()));
        }
        double lean = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, u.dot(printUp)))));
        double seat = Math.min(45, p.overhangDeg() - lean - 3);
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
