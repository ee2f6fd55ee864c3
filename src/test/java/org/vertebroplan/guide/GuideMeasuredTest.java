package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.phantom.PhantomPosition;

/**
 * The guide measured on its exported meshes (issue 10), in every printer preset: the keys key (no
 * sleeve enters another socket at any rotation and shift the clearance allows), and the error budget's
 * plays (bore, collar in socket, collar length, seat) measured on the sleeve and base meshes give the
 * budget the design states, with the socket's tilt share below the bore's.
 */
class GuideMeasuredTest {

    private static final Map<PrinterPreset, GuideDesign> DESIGNS = new EnumMap<>(PrinterPreset.class);

    static synchronized GuideDesign design(PrinterPreset p) throws Exception {
        GuideDesign g = DESIGNS.get(p);
        if (g == null) {
            PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
            g = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(p), ProgressListener.NONE);
            DESIGNS.put(p, g);
        }
        return g;
    }

    /** A section across the needle axis at height h, in the design's local (x along the key direction, y) frame. */
    static List<double[]> across(Mesh m, SleeveDesign d, double h) {
        return MeshSections.section(m, d.axisAt(h), d.keyDirection(), d.keyNormal());
    }

    /** Height of the collar's keyed part: between the socket's prism start and the boss top. */
    static double collarH(SleeveDesign d) {
        return (d.floorH() + d.socketClearanceMm() / 2 / d.seatTan() + d.bossTopH()) / 2;
    }

    /** The collar's outline points (the section's points outside the bore). */
    static List<double[]> collarOutline(Mesh sleeve, SleeveDesign d) {
        List<double[]> pts = new ArrayList<>();
        for (double[] s : across(sleeve, d, collarH(d))) {
            if (Math.hypot(s[0], s[1]) > d.boreRadiusMm() + 0.5) {
                pts.add(new double[] {s[0], s[1]});
                pts.add(new double[] {(s[0] + s[2]) / 2, (s[1] + s[3]) / 2});
            }
        }
        return pts;
    }

    static final int BINS = 1440;

    /** Does the outline, turned by phi and shifted by (tx, ty), lie inside the cavity (with a slack)? */
    static boolean fits(List<double[]> outline, double[] cavity, double phi, double tx, double ty, double slack) {
        double c = Math.cos(phi), s = Math.sin(phi);
        for (double[] p : outline) {
            double x = c * p[0] - s * p[1] + tx, y = s * p[0] + c * p[1] + ty;
            int b = Math.floorMod((int) Math.floor(Math.atan2(y, x) / (2 * Math.PI) * BINS), BINS);
            if (Math.hypot(x, y) > cavity[b] + slack) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(PrinterPreset.class)
    void noSleeveEntersAnotherSocketAtAnyRotationButEachEntersItsOwn(PrinterPreset preset) throws Exception {
        GuideDesign g = design(preset);
        List<String> ids = new ArrayList<>(g.sleeveDesigns().keySet());
        assertEquals(2, ids.size());
        for (String own : ids) {
            SleeveDesign d = g.sleeveDesigns().get(own);
            double[] cavity = MeshSections.polar(across(g.base(), d, collarH(d)), BINS,
                d.collarRadiusMm() + d.socketClearanceMm() / 2 + 0.8);
            // its own sleeve, as designed: inside with about half the socket clearance all round
            List<double[]> outline = collarOutline(g.sleeves().get(own), d);
            assertTrue(outline.size() > 200, "collar outline points: " + outline.size());
            double margin = Double.MAX_VALUE;
            for (double[] p : outline) {
                int b = Math.floorMod((int) Math.floor(Math.atan2(p[1], p[0]) / (2 * Math.PI) * BINS), BINS);
                margin = Math.min(margin, cavity[b] - Math.hypot(p[0], p[1]));
            }
            assertEquals(d.socketClearanceMm() / 2, margin, 0.08, own + " in its own socket");
            for (String other : ids) {
                if (other.equals(own)) {
                    continue;
                }
                // the other sleeve, in the other's local frame, at every turn (0.5 degree) and shift (0.05 mm);
                // a slack of 0.06 mm covers the grid, so "never fits" holds between the grid points too
                List<double[]> wrong = collarOutline(g.sleeves().get(other), g.sleeveDesigns().get(other));
                int fits = 0;
                for (int a = 0; a < 720; a++) {
                    for (double tx = -1; tx <= 1.0001; tx += 0.05) {
                        for (double ty = -1; ty <= 1.0001; ty += 0.05) {
                            if (tx * tx + ty * ty <= 1 && fits(wrong, cavity, Math.toRadians(a / 2.0), tx, ty, 0.06)) {
                                fits++;
                            }
                        }
                    }
                }
                assertEquals(0, fits, "sleeve " + other + " enters socket " + own + " (" + preset + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PrinterPreset.class)
    void theErrorBudgetFollowsThePlaysMeasuredOnTheMeshes(PrinterPreset preset) throws Exception {
        GuideDesign g = design(preset);
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            Mesh sleeve = g.sleeves().get(e.getKey());
            Vec3 u = d.axisIn();
            // sleeve length: its extent along the axis
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            float[] p = sleeve.xyz();
            for (int v = 0; v < p.length; v += 3) {
                double h = -new Vec3(p[v], p[v + 1], p[v + 2]).minus(d.needle().entryLps()).dot(u);
                lo = Math.min(lo, h);
                hi = Math.max(hi, h);
            }
            // needle in bore: the bore's section half way up the tube
            double[] bore = MeshSections.polar(across(sleeve, d, (d.bossTopH() + d.topH()) / 2 - 1), BINS,
                d.boreRadiusMm() + 0.5);
            double boreR = java.util.Arrays.stream(bore).min().orElseThrow();
            double boreClearance = 2 * boreR - d.needle().diameterMm();
            // collar in socket: cavity minus collar on the collar's round part (away from the notches)
            double[] cavity = MeshSections.polar(across(g.base(), d, collarH(d)), BINS,
                d.collarRadiusMm() + d.socketClearanceMm() / 2 + 0.8);
            List<double[]> outline = collarOutline(sleeve, d);
            List<Double> gaps = new ArrayList<>();
            for (double[] q : outline) {
                double r = Math.hypot(q[0], q[1]);
                if (Math.abs(r - d.collarRadiusMm()) < 0.05) {
                    int b = Math.floorMod((int) Math.floor(Math.atan2(q[1], q[0]) / (2 * Math.PI) * BINS), BINS);
                    gaps.add(cavity[b] - r);
                }
            }
            gaps.sort(null);
            double socketClearance = 2 * gaps.get(gaps.size() / 2);
            // the seat: half way down the cone the sleeve's section and the socket's meet (no gap: the sleeve
            // sits at its designed depth); the socket tilts the sleeve about it
            double seatH = (d.bottomH() + d.floorH()) / 2;
            double[] sleeveCone = MeshSections.polar(across(sleeve, d, seatH), BINS, d.collarRadiusMm() + 0.5);
            double[] socketCone = MeshSections.polar(across(g.base(), d, seatH), BINS, d.collarRadiusMm() + 0.5);
            // outer radius of the sleeve there: the largest crossing below the collar radius
            double sleeveOuter = outerRadius(across(sleeve, d, seatH), d.boreRadiusMm() + 0.3);
            double[] round = java.util.Arrays.stream(socketCone).filter(r -> r > d.boreRadiusMm() + 0.3 && r < 1e9)
                .sorted().toArray();
            double socketInner = round[round.length / 2]; // the cone's radius; its ribs are the few smaller ones
            assertEquals(0, socketInner - sleeveOuter, 0.06, e.getKey() + ": the seat cones meet");
            assertTrue(sleeveCone.length == BINS);
            // the boss top: the base's highest point near the socket along the axis
            double bossTop = -Double.MAX_VALUE;
            float[] b = g.base().xyz();
            for (int v = 0; v < b.length; v += 3) {
                Vec3 q = new Vec3(b[v], b[v + 1], b[v + 2]).minus(d.needle().entryLps());
                double h = -q.dot(u);
                if (q.plus(u.times(h)).norm() < d.collarRadiusMm() + 2) {
                    bossTop = Math.max(bossTop, h);
                }
            }
            double depth = d.needle().entryLps().distance(d.needle().targetLps());
            // the collar is held from the seat up to the socket's mouth lead-in
            ErrorBudget measured = ErrorBudget.compute(boreClearance, hi - lo, socketClearance,
                bossTop - SleeveDesign.MOUTH_CHAMFER_MM - seatH,
                d.seatHalfAngleDeg(), preset.toleranceMm(), GuideSpec.defaults(preset).gapMm(), lo, seatH, depth);
            ErrorBudget stated = g.errorBudgets().get(e.getKey());
            String what = preset + " " + e.getKey() + ": measured " + measured + " stated " + stated;
            assertEquals(preset.clearanceMm(), boreClearance, 0.01, what);
            assertEquals(d.socketClearanceMm(), socketClearance, 0.04, what);
            assertEquals(stated.tipErrorMm(), measured.tipErrorMm(), 0.03 * stated.tipErrorMm(), what);
            assertEquals(stated.entryErrorMm(), measured.entryErrorMm(), 0.03 * stated.entryErrorMm(), what);
            assertTrue(measured.socketTiltDeg() < measured.boreTiltDeg(), "the socket's share is below the bore's: "
                + what);
            assertFalse(Double.isNaN(measured.depthErrorMm()));
        }
    }

    /** The largest radius of the section's segments' ends that lie beyond {@code minR} (the outer wall). */
    static double outerRadius(List<double[]> segs, double minR) {
        double[] polarOut = new double[BINS];
        for (double[] s : segs) {
            for (int k = 0; k < 4; k += 2) {
                double r = Math.hypot(s[k], s[k + 1]);
                if (r > minR) {
                    int b = Math.floorMod((int) Math.floor(Math.atan2(s[k + 1], s[k]) / (2 * Math.PI) * BINS), BINS);
                    polarOut[b] = Math.max(polarOut[b], r);
                }
            }
        }
        double[] sorted = java.util.Arrays.stream(polarOut).filter(r -> r > 0).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
