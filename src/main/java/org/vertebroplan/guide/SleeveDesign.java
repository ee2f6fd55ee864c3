package org.vertebroplan.guide;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;

/**
 * The analytic design of one guide sleeve and its socket, along the needle axis.
 *
 * <p>Heights {@code h} are measured from the skin entry point outward along the needle axis (h = 0 at
 * the entry, the target at h = -depth). The sleeve's collar sits in a keyed socket in the base's boss
 * from {@code bottomH} to {@code bossTopH}; the tube continues to {@code topH}, the hub stop: the needle's
 * working length from the target, so the tip reaches the planned depth when the needle is fully in.
 * Keys: the left collar is smaller with a wide tab, the right one larger with a narrow, longer tab, so a
 * left sleeve cannot enter the right socket nor the reverse, and each seats in one orientation only.
 *
 * @param needle         the planned needle
 * @param boreRadiusMm   (needle diameter + diametral clearance) / 2
 * @param tubeRadiusMm   bore + sleeve wall
 * @param collarRadiusMm collar radius without the tab
 * @param tabExtentMm    how far the tab stands out of the collar
 * @param tabHalfWidthMm half the tab's width
 * @param tabDirection   unit radial direction of the tab (lateral, away from the midline)
 * @param bottomH        sleeve bottom = socket floor
 * @param bossTopH       top of the boss = top of the collar
 * @param topH           sleeve top = hub stop
 */
public record SleeveDesign(Needle needle, double boreRadiusMm, double tubeRadiusMm, double collarRadiusMm,
                           double tabExtentMm, double tabHalfWidthMm, Vec3 tabDirection, double bottomH,
                           double bossTopH, double topH) {

    /** Unit axis direction from the entry into the body (entry to target). */
    public Vec3 axisIn() {
        return needle.direction();
    }

    /** The axis point at height h (outward from the entry). */
    public Vec3 axisAt(double h) {
        return needle.entryLps().minus(axisIn().times(h));
    }

    /** Sleeve length from socket floor to hub stop. */
    public double lengthMm() {
        return topH - bottomH;
    }

    /** Where the needle hub stops. */
    public Vec3 topLps() {
        return axisAt(topH);
    }

    /** The largest radius of the collar including its tab. */
    public double collarOuterRadiusMm() {
        return Math.hypot(collarRadiusMm + tabExtentMm, tabHalfWidthMm);
    }

    /**
     * The collar's outline radius at angle {@code theta} from the tab direction: the collar circle, or
     * the tab's outer edge where the ray crosses the tab.
     */
    public double collarRadiusAt(double theta) {
        double c = Math.cos(theta), s = Math.sin(theta);
        if (c > 0 && Math.abs(collarRadiusMm * s) <= tabHalfWidthMm) {
            double outer = collarRadiusMm + tabExtentMm;
            return Math.min(outer / c, Math.abs(s) > 1e-12 ? tabHalfWidthMm / Math.abs(s) : Double.MAX_VALUE);
        }
        return collarRadiusMm;
    }

    /** The key in words, for the manifest and the sheet. */
    public String keyDescription() {
        return String.format(java.util.Locale.ROOT, "%s collar: radius %.2f mm, tab %.2f mm wide", needle.side().jsonName(),
            collarRadiusMm, 2 * tabHalfWidthMm);
    }

    static SleeveDesign of(Needle n, GuideSpec spec) {
        double c = spec.printer().clearanceMm();
        double bore = (n.diameterMm() + c) / 2;
        double tube = bore + spec.sleeveWallMm();
        boolean left = n.side() == Side.LEFT;
        double collar = tube + (left ? 1.5 : 2.5);
        double tabExtent = left ? 2.0 : 1.5;
        double tabHalf = left ? 2.0 : 1.0;
        Vec3 u = n.direction();
        Vec3 lateral = left ? Vec3.X : Vec3.X.times(-1);
        Vec3 tab = lateral.minus(u.times(lateral.dot(u)));
        if (tab.norm() < 0.2) {
            tab = Vec3.Z.minus(u.times(u.z()));
        }
        double depth = n.entryLps().distance(n.targetLps());
        double top = n.workingLengthMm() - depth;
        return new SleeveDesign(n, bore, tube, collar, tabExtent, tabHalf, tab.normalized(),
            spec.bossHeightMm() - spec.socketDepthMm(), spec.bossHeightMm(), top);
    }
}
