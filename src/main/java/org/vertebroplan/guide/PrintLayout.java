package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.Plan;

/**
 * The print job: every part turned for its process and laid on the printer's build plate. The base is
 * turned so its print direction ({@link GuideGenerator#printUp}: into the body, the axis of the narrowest cone around the needle
 * axes) points up: skin side up, sockets opening down onto the plate, their conical floors self-supporting
 * roofs; each sleeve stands on its hub stop (its axis up); the fit coupon as built. Each part's lowest
 * point is at z = 0; parts are placed in rows, 5 mm apart and 5 mm inside the plate, never overlapping;
 * a job that does not fit the preset's plate is refused.
 */
final class PrintLayout {

    static final double MARGIN_MM = 5;
    static final double SPACING_MM = 5;

    /** A part in the print job: its name and its mesh in the printer's frame (mm, z up, on the plate). */
    record Placed(String name, Mesh mesh) {
    }

    private PrintLayout() {
    }

    /** The job: {@code sets} copies of the base and every sleeve, and one coupon. */
    static List<Placed> layout(GuideDesign g, Plan plan, Mesh coupon, int sets) throws BadInputException {
        Vec3 up = GuideGenerator.printUp(plan);
        Vec3 hint = Vec3.Z.minus(up.times(up.z())).norm() > 0.1 ? Vec3.Z : Vec3.X;
        Map<String, Mesh> parts = new LinkedHashMap<>();
        for (int s = 1; s <= sets; s++) {
            String set = sets == 1 ? "" : " (set " + s + ")";
            parts.put("base" + set, onPlate(turn(g.base(), up, hint)));
            for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
                SleeveDesign d = e.getValue();
                parts.put("sleeve " + d.label() + set, onPlate(turn(g.sleeves().get(e.getKey()),
                    SleeveMesher.printUp(d), d.keyDirection())));
            }
        }
        if (coupon != null) {
            parts.put("fit coupon", onPlate(coupon));
        }
        return pack(parts, g.spec().printer());
    }

    /** The mesh in a frame whose z is {@code up} (x along the hint made square to it). */
    static Mesh turn(Mesh m, Vec3 up, Vec3 xHint) {
        Vec3 z = up.normalized();
        Vec3 x = xHint.minus(z.times(xHint.dot(z))).normalized();
        Vec3 y = z.cross(x);
        float[] p = m.xyz(), q = new float[p.length];
        for (int v = 0; v < p.length; v += 3) {
            Vec3 a = new Vec3(p[v], p[v + 1], p[v + 2]);
            q[v] = (float) a.dot(x);
            q[v + 1] = (float) a.dot(y);
            q[v + 2] = (float) a.dot(z);
        }
        return new Mesh(q, m.triangles());
    }

    /** The mesh moved so its bounding box starts at (0, 0, 0). */
    static Mesh onPlate(Mesh m) {
        double[] lo = bounds(m)[0];
        return moved(m, -lo[0], -lo[1], -lo[2]);
    }

    static Mesh moved(Mesh m, double dx, double dy, double dz) {
        float[] p = m.xyz(), q = new float[p.length];
        for (int v = 0; v < p.length; v += 3) {
            q[v] = (float) (p[v] + dx);
            q[v + 1] = (float) (p[v + 1] + dy);
            q[v + 2] = (float) (p[v + 2] + dz);
        }
        return new Mesh(q, m.triangles());
    }

    /** Quarter turn about z (x, y) -> (-y, x), then back to the origin. */
    static Mesh quarterTurn(Mesh m) {
        float[] p = m.xyz(), q = new float[p.length];
        for (int v = 0; v < p.length; v += 3) {
            q[v] = -p[v + 1];
            q[v + 1] = p[v];
            q[v + 2] = p[v + 2];
        }
        return onPlate(new Mesh(q, m.triangles()));
    }

    static double[][] bounds(Mesh m) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] p = m.xyz();
        for (int v = 0; v < p.length; v += 3) {
            for (int c = 0; c < 3; c++) {
                lo[c] = Math.min(lo[c], p[v + c]);
                hi[c] = Math.max(hi[c], p[v + c]);
            }
        }
        return new double[][] {lo, hi};
    }

    /** Rows from the plate's corner, largest parts first; a part wider than the plate is turned a quarter. */
    static List<Placed> pack(Map<String, Mesh> parts, PrinterPreset printer) throws BadInputException {
        double[] bed = printer.bedMm();
        double w = bed[0] - 2 * MARGIN_MM, d = bed[1] - 2 * MARGIN_MM;
        List<Map.Entry<String, Mesh>> order = new ArrayList<>(parts.entrySet());
        order.sort((a, b) -> Double.compare(extent(b.getValue(), 1), extent(a.getValue(), 1)));
        List<Placed> out = new ArrayList<>();
        double x = 0, y = 0, rowDepth = 0;
        for (Map.Entry<String, Mesh> e : order) {
            Mesh m = e.getValue();
            if (extent(m, 0) > w || (extent(m, 0) < extent(m, 1) && extent(m, 1) <= w && extent(m, 0) <= d)) {
                m = quarterTurn(m); // long side along x when that fits
            }
            double mw = extent(m, 0), md = extent(m, 1), mh = extent(m, 2);
            if (mw > w || md > d || mh > bed[2]) {
                throw new BadInputException(String.format(Locale.ROOT, "the %s (%.0f x %.0f x %.0f mm) does not fit the"
                    + " %.0f x %.0f x %.0f mm build volume of the %s preset: use a larger printer", e.getKey(), mw, md, mh,
                    bed[0], bed[1], bed[2], printer.word()));
            }
            if (x + mw > w) {
                x = 0;
                y += rowDepth + SPACING_MM;
                rowDepth = 0;
            }
            if (y + md > d) {
                throw new BadInputException(String.format(Locale.ROOT, "the print job (%d parts) does not fit one %.0f x"
                    + " %.0f mm build plate of the %s preset: print fewer sets at a time", parts.size(), bed[0], bed[1],
                    printer.word()));
            }
            out.add(new Placed(e.getKey(), moved(m, MARGIN_MM + x, MARGIN_MM + y, 0)));
            x += mw + SPACING_MM;
            rowDepth = Math.max(rowDepth, md);
        }
        return out;
    }

    static double extent(Mesh m, int axis) {
        double[][] b = bounds(m);
        return b[1][axis] - b[0][axis];
    }

    /** PrusaSlicer's settings for the preset's build plate, carried in the 3MF so the job opens on the right bed. */
    static String slicerConfig(PrinterPreset p) {
        double[] bed = p.bedMm();
        return String.format(Locale.ROOT, "; bed_shape = 0x0,%.0fx0,%.0fx%.0f,0x%.0f\n; max_print_height = %.0f\n"
            + "; layer_height = %.2f\n; fill_density = 100%%\n; fill_pattern = rectilinear\n; support_material = 1\n; support_material_threshold = %.0f\n",
            bed[0], bed[0], bed[1], bed[1], bed[2], p.layerMm(), p.overhangDeg() >= 90 ? 0 : p.overhangDeg());
    }
}
