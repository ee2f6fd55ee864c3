package org.vertebroplan.guide;

import java.util.Locale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;
import org.vertebroplan.mesh.MeshComponents;
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

    /** A sleeve's design and error budget, known before the base is built. */
    public record SleevePreview(SleeveDesign design, ErrorBudget budget) {
    }

    /**
     * The sleeves and their error budgets for a plan, in milliseconds (no CT needed): what a user
     * interface shows live while the needles and guide parameters change. Throws what
     * {@link #generate} would throw for a needle too short to hold a sleeve.
     */
    public static Map<String, SleevePreview> preview(Plan plan, GuideSpec spec) throws BadInputException {
        Map<String, SleevePreview> out = new LinkedHashMap<>();
        for (SleeveDesign d : sleeveDesigns(plan, spec)) {
            out.put(d.needle().id(), new SleevePreview(d, ErrorBudget.of(d, spec.printer().clearanceMm())));
        }
        return out;
    }

    private static List<SleeveDesign> sleeveDesigns(Plan plan, GuideSpec spec) throws BadInputException {
        List<SleeveDesign> sleeves = new ArrayList<>();
        for (Needle n : plan.needles()) {
            SleeveDesign d = SleeveDesign.of(n, spec);
            double needed = n.entryLps().distance(n.targetLps()) + spec.bossHeightMm() + 3
                + Math.max(0, spec.minSleeveLengthMm() - spec.socketDepthMm() - 3);
            if (d.lengthMm() < spec.minSleeveLengthMm() || d.topH() < d.bossTopH() + 3) {
                throw new BadInputException(String.format(Locale.ROOT, "needle %s: a %.0f mm working length leaves a %.1f mm"
                    + " sleeve at %.1f mm depth; a sleeve needs at least %.0f mm to guide: use a needle of at least"
                    + " %.0f mm working length", n.id(), n.workingLengthMm(), d.lengthMm(),
                    n.entryLps().distance(n.targetLps()), spec.minSleeveLengthMm(), Math.ceil(needed)));
            }
            sleeves.add(d);
        }
        return sleeves;
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
        f.sort((x, y) -> Double.compare(y.lps().z(), x.lps().z())); // M1..M3, cranial to caudal
        FiducialFrame frame;
        try {
            frame = FiducialFrame.ofMarkers(f);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the skin markers do not define a marker line: " + e.getMessage());
        }
        List<SleeveDesign> sleeves = sleeveDesigns(plan, spec);
        progress.progress(0.05, "laying out the base");
        Layout layout = Layout.of(ct, frame, f, sleeves, spec);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        progress.progress(0.1, "skin distance field");
        List<Vec3> seeds = new ArrayList<>();
        List<Vec3> air = new ArrayList<>();
        for (Fiducial m : f) {
            seeds.add(m.lps().minus(frame.above().times(3))); // just under the skin below each marker
            air.add(m.lps().plus(frame.above().times(4))); // in the air over each marker
        }
        float[] s = SkinField.compute(ct, layout.grid(), seeds, air, threads);
        progress.progress(0.4, "base solid");
        java.util.concurrent.atomic.AtomicBoolean clipped = new java.util.concurrent.atomic.AtomicBoolean();
        float[] field = BaseField.compute(layout.grid(), s, spec, layout.hull(), layout.windows(), sleeves,
            layout.pad(ct, s), layout.engravings(sleeves, plan.level()), ct, clipped, threads);
        if (clipped.get()) {
            warnings.add("the base reaches beyond the scanned range of the CT and is cut 1 mm inside it: check that"
                + " the cut edge still seats (or scan a longer range next time)");
        }
        short[] q = new short[field.length];
        for (int p = 0; p < q.length; p++) {
            q[p] = (short) Math.max(-30000, Math.min(30000, Math.round(field[p] * 100)));
        }
        GuideGrid g = layout.grid();
        Volume solid = new Volume(g.nx(), g.ny(), g.nz(), q, g.ijkToLps());
        progress.progress(0.6, "base surface");
        Mesh base = dropSpecks(SurfaceExtractor.extract(solid, 0, SurfaceOptions.defaults()), warnings);
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

    /**
     * Keeps the base's main piece. Tiny separate pieces (specks under 2 mm3, e.g. around a hair or a
     * fold of clothing just off the skin) are dropped with a warning; a larger separate piece means the
     * design is broken and is refused.
     */
    static Mesh dropSpecks(Mesh base, List<String> warnings) throws BadInputException {
        int[] labels = MeshComponents.triangleLabels(base);
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l + 1);
        }
        if (count <= 1) {
            return base;
        }
        double[] vol = MeshComponents.volumes(base, labels);
        int main = 0;
        for (int c = 1; c < count; c++) {
            if (vol[c] > vol[main]) {
                main = c;
            }
        }
        double dropped = 0, largestDropped = 0;
        for (int c = 0; c < count; c++) {
            if (c != main) {
                dropped += Math.abs(vol[c]);
                largestDropped = Math.max(largestDropped, Math.abs(vol[c]));
            }
        }
        if (largestDropped > 2.0) {
            throw new BadInputException(String.format(Locale.ROOT, "the base came out in %d pieces (a separate piece of %.1f mm3):"
                + " check the markers and entry points lie on one continuous skin area", count, largestDropped));
        }
        warnings.add(String.format(Locale.ROOT, "dropped %d speck(s) of %.2f mm3 in all beside the base (hair, clothing or noise"
            + " just off the skin)", count - 1, dropped));
        return MeshComponents.select(base, labels, main);
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
            // the skin's height range under the footprint, traced from the markers outward
            double[] range = SkinTrace.heightRange(ct, frame, markers, min[0], max[0], min[1], max[1]);
            if (range == null) {
                throw new BadInputException("no skin found under the markers in the CT");
            }
            double low = range[0], high = range[1];
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

        /**
         * Labels engraved into the base: "L" / "R" beside each sleeve boss (towards the marker line) and
         * the vertebral level between the M2 and M3 windows.
         */
        List<BaseField.Engraving> engravings(List<SleeveDesign> sleeves, String level) {
            List<BaseField.Engraving> out = new ArrayList<>();
            for (SleeveDesign d : sleeves) {
                FiducialFrame.SkinPoint e = frame.toSkin(d.needle().entryLps());
                double bossR = d.collarOuterRadiusMm() + spec.printer().clearanceMm() + spec.bossWallMm();
                double towardsLine = -Math.signum(e.leftMm());
                out.add(new BaseField.Engraving(d.needle().side() == org.vertebroplan.plan.Side.LEFT ? "L" : "R",
                    e.alongMm() - min[0], e.leftMm() + towardsLine * (bossR + 4) - min[1], 5));
            }
            if (level != null && !level.isBlank() && level.length() <= 4
                && level.chars().allMatch(ch -> StrokeFont.supports((char) ch))) {
                BaseField.Window w2 = windows.get(1), w3 = windows.get(2);
                out.add(new BaseField.Engraving(level, (w2.a() + w3.a()) / 2, (w2.l() + w3.l()) / 2, 4));
            }
            return out;
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
