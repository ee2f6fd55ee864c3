package org.vertebroplan.guide;

import java.util.List;
import org.vertebroplan.geom.Affine3;
import org.vertebroplan.mesh.Mesh;

/**
 * The fit coupon: a small part printed first, with each sleeve's socket (the same keyed cavity and seat
 * cone as in the base, opening downward like the base's in its print) and, beside it, a bore gauge (a
 * short tube with the sleeve's bore, standing like the sleeve). With it the vendor checks, before the
 * base is printed, that the real needle slides in each bore and that each sleeve seats in its own socket
 * and in no other. Built in its print frame (z up, standing on z = 0), as an implicit solid on the
 * base's grid spacing (so its sockets come out as the base's do).
 */
final class FitCoupon {

    /** Height of the bore gauges (mm). */
    static final double GAUGE_MM = 12;

    private FitCoupon() {
    }

    /** Where the coupon's features lie (mm, coupon frame): socket k at (k pitch, 0), its bore gauge at (k pitch, gaugeY). */
    record Layout(double bossR, double height, double pitch, double wall, double gaugeY) {
    }

    static Layout layout(List<SleeveDesign> sleeves, GuideSpec spec) {
        double bossR = 0, height = 0;
        for (SleeveDesign d : sleeves) {
            bossR = Math.max(bossR, d.collarOuterRadiusMm() + d.socketClearanceMm() / 2 + spec.bossWallMm());
            height = Math.max(height, d.bossTopH() - d.bottomH() + 1.5);
        }
        double wall = Math.max(1.5, spec.printer().minWallMm());
        return new Layout(bossR, height, 2 * bossR + 2, wall,
            bossR + 2 + wall + sleeves.stream().mapToDouble(SleeveDesign::boreRadiusMm).max().orElse(0));
    }

    static Mesh mesh(List<SleeveDesign> sleeves, GuideSpec spec, int threads) {
        Layout lay = layout(sleeves, spec);
        double bossR = lay.bossR(), height = lay.height(), pitch = lay.pitch(), wall = lay.wall(), gaugeY = lay.gaugeY();
        final double r = bossR, top = height;
        int n = sleeves.size();
        ImplicitSolid.Field f = (x, y, z) -> {
            double v = Math.min(Math.min(Shapes.box2d(x - (n - 1) * pitch / 2, y - gaugeY / 2, (n - 1) * pitch / 2 + 2,
                gaugeY / 2), z), 3 - z); // the plate joining them, 3 mm
            for (int k = 0; k < n; k++) {
                SleeveDesign d = sleeves.get(k);
                double lx = x - k * pitch;
                v = Math.max(v, Math.min(Math.min(r - Math.hypot(lx, y), z), top - z));
                double gauge = Math.min(Math.min(d.boreRadiusMm() + wall - Math.hypot(lx, y - gaugeY), z), GAUGE_MM - z);
                v = Math.max(v, gauge);
            }
            for (int k = 0; k < n; k++) {
                SleeveDesign d = sleeves.get(k);
                double lx = x - k * pitch;
                // the socket upside down, as the base prints it: its top (the boss top) on the plate
                v = Math.min(v, -d.socketCavity(lx, y, d.bossTopH() - z));
                v = Math.min(v, Math.hypot(lx, y - gaugeY) - d.boreRadiusMm());
            }
            return v;
        };
        double maxR = Math.max(bossR, 0);
        return ImplicitSolid.mesh(f, Affine3.IDENTITY, new double[] {-maxR - 2, -maxR - 1, -0.5},
            new double[] {(n - 1) * pitch + maxR + 2, gaugeY + maxR, Math.max(top, GAUGE_MM) + 0.5}, spec.voxelMm(),
            threads);
    }
}
