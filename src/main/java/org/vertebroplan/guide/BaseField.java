package org.vertebroplan.guide;

import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.geom.Vec3;

/**
 * The base as an implicit solid on the guide grid: F(p) > 0 inside, built from the skin distance s(p)
 * and simple signed-distance shapes, so the extracted surface is closed and manifold by construction
 * (no mesh booleans).
 *
 * <pre>
 *   shell    = smoothMin(s - gap, gap + thickness - s, footprint)      the skin-seated plate
 *   solid    = max(shell, bosses, level pad)                           sleeve bosses, bubble-level pad
 *   base     = min(solid, -sockets, -needle channels, -windows, -notches)
 * </pre>
 * Bosses stop at the gap above the skin, so nothing of the base enters the body. The footprint is the
 * convex hull of the markers and entry points in the marker plane, grown by the margin (rounded corners).
 */
final class BaseField {

    /** A marker window in marker-plane coordinates (a = along, l = left). */
    record Window(double a, double l) {
    }

    /** The horizontal level pad: a rectangle in the marker plane and a top plane normal to {@code up}. */
    record Pad(double a, double l, double halfA, double halfL, Vec3 up, double topHeight) {
    }

    private BaseField() {
    }

    static float[] compute(GuideGrid g, float[] s, GuideSpec spec, List<Vec3> hull, List<Window> windows,
                           List<SleeveDesign> sleeves, Pad pad, int threads) {
        float[] f = new float[g.size()];
        Affine3 m = g.ijkToLps();
        double h = g.spacingMm();
        double gap = spec.gapMm(), top = spec.gapMm() + spec.thicknessMm(), c2 = spec.printer().clearanceMm() / 2;
        SkinField.parallel(threads, g.nz(), k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int p = i + g.nx() * (j + g.ny() * k);
                    double a = i * h, l = j * h; // marker-plane coordinates relative to the grid corner
                    double sd = s[p];
                    double shell = Math.min(sd - gap, top - sd);
                    double foot = Shapes.convexPolygon(hull, a, l) + spec.marginMm();
                    double value = Shapes.smoothMin(shell, foot, 1.0);
                    Vec3 lps = m.apply(i, j, k);
                    if (pad != null) {
                        double inPad = Math.min(Shapes.box2d(a - pad.a(), l - pad.l(), pad.halfA(), pad.halfL()),
                            pad.topHeight() - lps.dot(pad.up()));
                        value = Math.max(value, Math.min(inPad, sd - gap));
                    }
                    for (SleeveDesign d : sleeves) {
                        Vec3 rel = lps.minus(d.needle().entryLps());
                        double height = -rel.dot(d.axisIn());
                        Vec3 radialVec = rel.plus(d.axisIn().times(height));
                        double radial = radialVec.norm();
                        double bossR = d.collarOuterRadiusMm() + c2 + spec.bossWallMm();
                        double boss = Math.min(Math.min(bossR - radial, d.bossTopH() - height), sd - gap);
                        value = Math.max(value, boss);
                    }
                    for (SleeveDesign d : sleeves) {
                        Vec3 rel = lps.minus(d.needle().entryLps());
                        double height = -rel.dot(d.axisIn());
                        Vec3 radialVec = rel.plus(d.axisIn().times(height));
                        double radial = radialVec.norm();
                        // socket: the keyed collar outline + half the clearance, from its floor up and out
                        double theta = Math.atan2(radialVec.dot(d.axisIn().cross(d.tabDirection())),
                            radialVec.dot(d.tabDirection()));
                        double outline = Math.max(d.collarRadiusAt(theta),
                            Math.max(d.collarRadiusAt(theta - 0.04), d.collarRadiusAt(theta + 0.04)));
                        double socket = Math.min(outline + c2 - radial, height - d.bottomH());
                        double channel = d.boreRadiusMm() + 1.0 - radial;
                        value = Math.min(value, -socket);
                        value = Math.min(value, -channel);
                    }
                    for (Window w : windows) {
                        double da = a - w.a(), dl = l - w.l();
                        value = Math.min(value, Math.hypot(da, dl) - spec.windowRadiusMm());
                        // crosshair notches along and across the marker line
                        double r = spec.windowRadiusMm();
                        value = Math.min(value, -Shapes.box2d(Math.abs(da) - r - 0.8, dl, 1.2, 0.5));
                        value = Math.min(value, -Shapes.box2d(da, Math.abs(dl) - r - 0.8, 0.5, 1.2));
                    }
                    f[p] = (float) value;
                }
            }
        });
        return f;
    }
}
