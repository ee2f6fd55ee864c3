package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.mesh.SurfaceExtractor;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * Plan + CT to a printable guide template: a skin-seated base located by the three skin markers, with
 * a window over each marker, a keyed socket in a boss for each sleeve and a horizontal pad for a
 * bubble level, plus one separate sleeve per needle.
 *
 * <p>How: the base is designed on an isotropic grid in the marker frame ({@link GuideGrid}): the skin's
 * signed distance ({@link SkinField}) and simple shapes make an implicit solid ({@link BaseField}),
 * which the project's marching cubes turns into a closed, manifold mesh; the largest piece is kept.
 * Sleeves are exact analytic meshes ({@link SleeveMesher}). Every part is checked ({@link MeshChecks})
 * before it is returned; a part that fails is an error, never a silent export.
 *
 * <p>Limits: one base for all needles (they must share one marker frame); the skin is taken as the CT
 * shows it (clothing on the back would be copied).
 */
public final class GuideGenerator {

    private GuideGenerator() {
    }

    public static GuideDesign generate(Volume ct, Plan plan, GuideSpec spec, ProgressListener progress)
        throws BadInputException {
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        if (plan.fiducials().size() != 3) {
            throw new BadInputException("the guide is located by three skin markers; the plan has "
                + plan.fiducials().size());
        }
        if (plan.needles().isEmpty()) {
            throw new BadInputException("the plan has no needles: nothing to guide");
        }
        List<Fiducial> f = new ArrayList<>(plan.fiducials());
        f.sort((x, y) -> Double.compare(y.lps().z(), x.lps().z()));
        FiducialFrame frame;
        try {
            frame = FiducialFrame.of(f.get(0).lps(), f.get(1).lps(), f.get(2).lps());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the skin markers do not define a marker line: " + e.getMessage());
        }
        List<SleeveDesign> sleeves = new ArrayList<>();
        for (Needle n : plan.needles()) {
            SleeveDesign d = SleeveDesign.of(n, spec);
            double needed = n.entryLps().distance(n.targetLps()) + spec.bossHeightMm() + 3
                + Math.max(0, spec.minSleeveLengthMm() - spec.socketDepthMm() - 3);
            if (d.lengthMm() < spec.minSleeveLengthMm() || d.topH() < d.bossTopH() + 3) {
                throw new BadInputException(String.format("needle %s: a %.0f mm working length leaves a %.1f mm"
                    + " sleeve at %.1f mm depth; a sleeve needs at least %.0f mm to guide: use a needle of at least"
                    + " %.0f mm working length", n.id(), n.workingLengthMm(), d.lengthMm(),
                    n.entryLps().distance(n.targetLps()), spec.minSleeveLengthMm(), Math.ceil(needed)));
            }
            sleeves.add(d);
        }
        progress.progress(0.05, "laying out the base");
        Layout layout = Layout.of(ct, frame, f, sleeves, spec);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        progress.progress(0.1, "skin distance field");
        float[] s = SkinField.compute(ct, layout.grid(), threads);
        progress.progress(0.4, "base solid");
        float[] field = BaseField.compute(layout.grid(), s, spec, layout.hull(), layout.windows(), sleeves,
            layout.pad(ct, s), threads);
        short[] q = new short[field.length];
        for (int p = 0; p < q.length; p++) {
            q[p] = (short) Math.max(-30000, Math.min(30000, Math.round(field[p] * 100)));
        }
        GuideGrid g = layout.grid();
        Volume solid = new Volume(g.nx(), g.ny(), g.nz(), q, g.ijkToLps());
        progress.progress(0.6, "base surface");
        Mesh base = SurfaceExtractor.extract(solid, 0, SurfaceOptions.defaults());
        MeshReport baseReport = MeshChecks.check(base);
        requirePrintable("base", baseReport);
        progress.progress(0.9, "sleeves");
        Map<String, Mesh> meshes = new LinkedHashMap<>();
        Map<String, MeshReport> reports = new LinkedHashMap<>();
        Map<String, SleeveDesign> designs = new LinkedHashMap<>();
        Map<String, ErrorBudget> budgets = new LinkedHashMap<>();
        for (SleeveDesign d : sleeves) {
            Mesh m = SleeveMesher.mesh(d);
            MeshReport r = MeshChecks.check(m);
            requirePrintable("sleeve " + d.needle().id(), r);
            String id = d.needle().id();
            meshes.put(id, m);
            reports.put(id, r);
            designs.put(id, d);
            budgets.put(id, ErrorBudget.of(d, spec.printer().clearanceMm()));
        }
        progress.progress(1, "guide done");
        return new GuideDesign(spec, base, baseReport, meshes, reports, designs, budgets, List.copyOf(warnings),
            (System.nanoTime() - t0) / 1_000_000);
    }

    private static void requirePrintable(String part, MeshReport r) throws BadInputException {
        if (!r.manifold() || !r.consistentlyWound() || !(r.volumeMm3() > 0) || r.components() != 1) {
            throw new BadInputException("the " + part + " failed the print checks (" + r.boundaryEdges()
                + " boundary edges, " + r.nonManifoldEdges() + " non-manifold edges, " + r.nonManifoldVertices()
                + " pinched vertices, " + r.inconsistentEdges() + " flipped edges, " + r.degenerateTriangles()
                + " degenerate triangles, " + r.components() + " pieces, volume " + r.volumeMm3()
                + " mm3): not exported");
        }
    }

    /** Where the base lies: its grid, footprint hull, windows, and the points they come from. */
    private record Layout(GuideGrid grid, List<Vec3> hull, List<BaseField.Window> windows, double[] min,
                          FiducialFrame frame, List<Fiducial> markers, GuideSpec spec) {

        static Layout of(Volume ct, FiducialFrame frame, List<Fiducial> markers, List<SleeveDesign> sleeves,
                         GuideSpec spec) throws BadInputException {
            List<Vec3> planar = new ArrayList<>();
            for (Fiducial m : markers) {
                FiducialFrame.SkinPoint p = frame.toSkin(m.lps());
                planar.add(new Vec3(p.alongMm(), p.leftMm(), 0));
            }
            double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (SleeveDesign d : sleeves) {
                FiducialFrame.SkinPoint p = frame.toSkin(d.needle().entryLps());
                planar.add(new Vec3(p.alongMm(), p.leftMm(), 0));
                double bossR = d.collarOuterRadiusMm() + spec.printer().clearanceMm() + spec.bossWallMm() + 1;
                for (double hh : new double[] {0, d.bossTopH()}) {
                    FiducialFrame.SkinPoint q = frame.toSkin(d.axisAt(hh));
                    min[0] = Math.min(min[0], q.alongMm() - bossR);
                    max[0] = Math.max(max[0], q.alongMm() + bossR);
                    min[1] = Math.min(min[1], q.leftMm() - bossR);
                    max[1] = Math.max(max[1], q.leftMm() + bossR);
                    min[2] = Math.min(min[2], q.aboveMm() - bossR);
                    max[2] = Math.max(max[2], q.aboveMm() + bossR);
                }
            }
            double reach = spec.marginMm() + 2;
            for (Vec3 p : planar) {
                min[0] = Math.min(min[0], p.x() - reach);
                max[0] = Math.max(max[0], p.x() + reach);
                min[1] = Math.min(min[1], p.y() - reach);
                max[1] = Math.max(max[1], p.y() + reach);
            }
            // the skin's height range under the footprint
            double low = Double.MAX_VALUE, high = -Double.MAX_VALUE;
            for (double a = min[0]; a <= max[0]; a += 2) {
                for (double l = min[1]; l <= max[1]; l += 2) {
                    Double hgt = skinHeight(ct, frame, a, l);
                    if (hgt != null) {
                        low = Math.min(low, hgt);
                        high = Math.max(high, hgt);
                    }
                }
            }
            if (low == Double.MAX_VALUE) {
                throw new BadInputException("no skin found under the markers in the CT");
            }
            min[2] = Math.min(min[2], low - 2);
            max[2] = Math.max(max[2], high + spec.gapMm() + spec.thicknessMm() + 3);
            GuideGrid grid;
            try {
                grid = GuideGrid.covering(frame.originLps(), frame.along(), frame.left(), frame.above(), min, max,
                    spec.voxelMm());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            List<Vec3> shifted = new ArrayList<>();
            for (Vec3 p : planar) {
                shifted.add(new Vec3(p.x() - min[0], p.y() - min[1], 0));
            }
            List<BaseField.Window> windows = new ArrayList<>();
            for (int i = 0; i < markers.size(); i++) {
                windows.add(new BaseField.Window(shifted.get(i).x(), shifted.get(i).y()));
            }
            return new Layout(grid, Shapes.convexHull(shifted), windows, min, frame, markers, spec);
        }

        /** The skin's height (above axis) at marker-plane point (a, l), searched from 80 mm above. */
        static Double skinHeight(Volume ct, FiducialFrame frame, double a, double l) {
            for (double h = 80; h >= -80; h -= 0.5) {
                double hu = ct.sample(frame.toLps(new FiducialFrame.SkinPoint(a, l, h)), Double.NaN);
                if (!Double.isNaN(hu) && hu >= SkinField.SKIN_HU) {
                    return h;
                }
            }
            return null;
        }

        /** The bubble-level pad between M1 and M2, its top 0.8 mm above the base there, horizontal. */
        BaseField.Pad pad(Volume ct, float[] s) {
            BaseField.Window w1 = windows.get(0), w2 = windows.get(1);
            double a = (w1.a() + w2.a()) / 2, l = (w1.l() + w2.l()) / 2;
            double halfA = Math.max(0, Math.abs(w1.a() - w2.a()) / 2 - spec.windowRadiusMm() - 2.5);
            if (halfA < 3) {
                return null; // markers too close for a pad between them
            }
            double halfL = 10;
            Vec3 up = frame.above().y() >= 0 ? Vec3.Y : Vec3.Y.times(-1);
            double topH = -Double.MAX_VALUE;
            double h = grid.spacingMm(), outer = spec.gapMm() + spec.thicknessMm();
            for (int k = 0; k < grid.nz(); k++) {
                for (int j = 0; j < grid.ny(); j++) {
                    for (int i = 0; i < grid.nx(); i++) {
                        if (Math.abs(i * h - a) > halfA || Math.abs(j * h - l) > halfL) {
                            continue;
                        }
                        float sd = s[i + grid.nx() * (j + grid.ny() * k)];
                        if (sd >= spec.gapMm() && sd <= outer) {
                            topH = Math.max(topH, grid.ijkToLps().apply(i, j, k).dot(up));
                        }
                    }
                }
            }
            return topH == -Double.MAX_VALUE ? null : new BaseField.Pad(a, l, halfA, halfL, up, topH + 0.8);
        }
    }
}
