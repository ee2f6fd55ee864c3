package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
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
            out.put(d.needle().id(), new SleevePreview(d, ErrorBudget.of(d, spec)));
        }
        return out;
    }

    /**
     * The base's print direction: up on the printer's bed, into the body, the axis of the narrowest cone
     * that holds every needle direction, so the skin side faces up and the needle leaning most from the
     * vertical leans as little as possible (two needles on one side and one on the other lean as a
     * bilateral pair does, where their mean would tilt the lone one's socket). Exact for the few needles
     * a guide holds: the best of the cones through one, two or three of the directions.
     */
    public static Vec3 printUp(Plan plan) {
        List<Vec3> d = new ArrayList<>();
        for (Needle n : plan.needles()) {
            d.add(n.direction());
        }
        if (d.isEmpty()) {
            return Vec3.Y.times(-1);
        }
        List<Vec3> candidates = new ArrayList<>(d);
        for (int i = 0; i < d.size(); i++) {
            for (int j = i + 1; j < d.size(); j++) {
                Vec3 mid = d.get(i).plus(d.get(j));
                if (mid.norm() > 1e-9) {
                    candidates.add(mid.normalized());
                }
                for (int k = j + 1; k < d.size(); k++) {
                    Vec3 c = d.get(j).minus(d.get(i)).cross(d.get(k).minus(d.get(i)));
                    if (c.norm() > 1e-12) {
                        c = c.normalized();
                        candidates.add(c.dot(d.get(i)) >= 0 ? c : c.times(-1));
                    }
                }
            }
        }
        Vec3 best = null;
        double bestCos = -2;
        for (Vec3 c : candidates) {
            double worst = 2;
            for (Vec3 v : d) {
                worst = Math.min(worst, c.dot(v));
            }
            if (worst > bestCos + 1e-12) {
                bestCos = worst;
                best = c;
            }
        }
        return best;
    }

    private static List<SleeveDesign> sleeveDesigns(Plan plan, GuideSpec spec) throws BadInputException {
        List<SleeveDesign> sleeves = new ArrayList<>();
        if (plan.needles().size() > SleeveDesign.KEYS_DEG.length) {
            throw new BadInputException("one guide keys at most " + SleeveDesign.KEYS_DEG.length + " sleeves; the plan has "
                + plan.needles().size() + " needles: make one guide per level (a plan per level)");
        }
        Map<String, String> labels = SleeveLabels.of(plan.needles());
        Vec3 up = printUp(plan);
        for (int k = 0; k < plan.needles().size(); k++) {
            Needle n = plan.needles().get(k);
            SleeveDesign d = SleeveDesign.of(n, labels.get(n.id()), k, up, spec);
            // the hub stop must stand above the boss and the collar's taper, and leave the sleeve its length
            double needed = n.entryLps().distance(n.targetLps()) + Math.max(Math.max(spec.bossHeightMm() + 3,
                d.bottomH() + spec.minSleeveLengthMm()), SleeveMesher.taperTopH(d) + 0.6);
            if (d.lengthMm() < spec.minSleeveLengthMm() || d.topH() < SleeveMesher.taperTopH(d) + 0.6) {
                throw new BadInputException(String.format(Locale.ROOT, "needle %s: a %.0f mm working length leaves a %.1f mm"
                    + " sleeve at %.1f mm depth; a sleeve needs at least %.0f mm to guide: use a needle of at least"
                    + " %.0f mm working length", n.id(), n.workingLengthMm(), d.lengthMm(),
                    n.entryLps().distance(n.targetLps()), spec.minSleeveLengthMm(), Math.ceil(needed)));
            }
            if (d.seatHalfAngleDeg() < 12) {
                throw new BadInputException(String.format(Locale.ROOT, "needle %s leans %.0f° from the guide's"
                    + " print direction (the axis of the narrowest cone around the needles): its socket floor cannot be printed without support by %s;"
                    + " use the sls preset (powder bed) or a guide per side", n.id(), Math.toDegrees(Math.acos(
                        Math.max(-1, Math.min(1, n.direction().dot(up))))), spec.printer().process()));
            }
            sleeves.add(d);
        }
        refuseCollisions(sleeves, spec);
        return sleeves;
    }

    /**
     * Refuses needles whose sleeves, sockets or channels through the base would meet: two sockets closer
     * than the printer's minimum wall (one socket would take the other's sleeve, or both break into one
     * hole), two sleeves above the base closer than 1 mm (both cannot be in place at once), or two needle
     * channels through the base that touch.
     */
    static void refuseCollisions(List<SleeveDesign> sleeves, GuideSpec spec) throws BadInputException {
        double wall = spec.printer().minWallMm();
        for (int i = 0; i < sleeves.size(); i++) {
            for (int j = i + 1; j < sleeves.size(); j++) {
                SleeveDesign a = sleeves.get(i), b = sleeves.get(j);
                String ids = "needles " + a.needle().id() + " and " + b.needle().id();
                double sockets = axisDistance(a, a.bottomH(), a.bossTopH(), b, b.bottomH(), b.bossTopH());
                double needed = a.collarOuterRadiusMm() + b.collarOuterRadiusMm() + (a.socketClearanceMm()
                    + b.socketClearanceMm()) / 2 + wall;
                if (sockets < needed) {
                    throw new BadInputException(String.format(java.util.Locale.ROOT, "%s: their sleeve sockets would be"
                        + " %.1f mm apart axis to axis, they need %.1f mm (both collars, the clearance and a %.1f mm wall):"
                        + " one socket would take the other's sleeve; move an entry point or leave one needle out",
                        ids, sockets, needed, wall));
                }
                double tubes = axisDistance(a, a.bossTopH(), a.topH(), b, b.bossTopH(), b.topH());
                if (tubes < a.tubeRadiusMm() + b.tubeRadiusMm() + 1) {
                    throw new BadInputException(String.format(java.util.Locale.ROOT, "%s: their sleeves would collide"
                        + " above the base (%.1f mm axis to axis): change an angle or an entry point", ids, tubes));
                }
                double channelA = a.boreRadiusMm() + 1.0, channelB = b.boreRadiusMm() + 1.0;
                double channels = axisDistance(a, -spec.gapMm(), a.bottomH(), b, -spec.gapMm(), b.bottomH());
                if (channels < channelA + channelB + wall) {
                    throw new BadInputException(String.format(java.util.Locale.ROOT, "%s: their needle channels through"
                        + " the base would meet (%.1f mm axis to axis): move an entry point", ids, channels));
                }
            }
        }
    }

    /** The smallest distance between two needle axes over the height ranges given (0.1 mm samples). */
    static double axisDistance(SleeveDesign a, double a0, double a1, SleeveDesign b, double b0, double b1) {
        Vec3 p = b.axisAt(b0), q = b.axisAt(b1);
        Vec3 pq = q.minus(p);
        double len2 = pq.dot(pq), min = Double.MAX_VALUE;
        int n = Math.max(1, (int) Math.ceil((a1 - a0) / 0.1));
        for (int k = 0; k <= n; k++) {
            Vec3 x = a.axisAt(a0 + (a1 - a0) * k / n);
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, x.minus(p).dot(pq) / len2));
            min = Math.min(min, x.distance(p.plus(pq.times(t))));
        }
        return min;
    }

    public static GuideDesign generate(Volume ct, Plan plan, GuideSpec spec, ProgressListener progress)
        throws BadInputException {
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<Fiducial> f = markers(plan);
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
        float[] s = skinField(ct, layout, frame, f, threads);
        progress.progress(0.4, "base solid");
        List<BaseField.Engraving> engravings = layout.engravings(sleeves, plan.level());
        BaseField.Result baseField = BaseField.compute(layout.grid(), s, spec, new BaseField.Parts(layout.hull(),
            layout.windowsAlongSkin(s), sleeves, layout.pad(ct, s), engravings), ct, threads);
        List<GuideDesign.EngravedLabel> engraved = engravedLabels(engravings, layout, frame);
        if (baseField.clipped()) {
            warnings.add("the base reaches beyond the scanned range of the CT and is cut 1 mm inside it: check that"
                + " the cut edge still seats (or scan a longer range next time)");
        }
        progress.progress(0.6, "base surface");
        Mesh base = dropSpecks(SurfaceExtractor.extract(asVolume(baseField.field(), layout.grid()), 0,
            SurfaceOptions.defaults()), warnings);
        MeshReport baseReport = MeshChecks.check(base);
        requirePrintable("base", baseReport);
        progress.progress(0.9, "sleeves");
        Sleeves parts = Sleeves.of(sleeves, spec, threads, warnings);
        progress.progress(1, "guide done");
        progress.progress(0.97, "fit coupon");
        Mesh coupon = FitCoupon.mesh(sleeves, spec, threads);
        MeshReport couponReport = MeshChecks.check(coupon);
        requirePrintable("fit coupon", couponReport);
        return new GuideDesign(spec, base, baseReport, parts.meshes, parts.reports, parts.designs, parts.budgets,
            coupon, couponReport, printUp(plan), List.copyOf(engraved), List.copyOf(warnings),
            (System.nanoTime() - t0) / 1_000_000);
    }

    /** The plan's three markers, M1..M3 from cranial to caudal; refuses a plan the guide cannot be made for. */
    private static List<Fiducial> markers(Plan plan) throws BadInputException {
        if (plan.fiducials().size() != 3) {
            throw new BadInputException("the guide is located by three skin markers; the plan has "
                + plan.fiducials().size());
        }
        if (plan.needles().isEmpty()) {
            throw new BadInputException("the plan has no needles: nothing to guide");
        }
        List<Fiducial> f = new ArrayList<>(plan.fiducials());
        f.sort((x, y) -> Double.compare(y.lps().z(), x.lps().z())); // M1..M3, cranial to caudal
        return f;
    }

    /** The skin's signed distance on the layout's grid: body seeded under each marker, air over it. */
    private static float[] skinField(Volume ct, Layout layout, FiducialFrame frame, List<Fiducial> markers,
                                     int threads) {
        List<Vec3> seeds = new ArrayList<>();
        List<Vec3> air = new ArrayList<>();
        for (Fiducial m : markers) {
            seeds.add(m.lps().minus(frame.above().times(3))); // just under the skin below each marker
            air.add(m.lps().plus(frame.above().times(4))); // in the air over each marker
        }
        return SkinField.compute(ct, layout.grid(), seeds, air, threads);
    }

    /** The engravings as the design reports them: text, centre in LPS, letter height and width. */
    private static List<GuideDesign.EngravedLabel> engravedLabels(List<BaseField.Engraving> engravings, Layout layout,
                                                                 FiducialFrame frame) {
        List<GuideDesign.EngravedLabel> engraved = new ArrayList<>();
        for (BaseField.Engraving e : engravings) {
            engraved.add(new GuideDesign.EngravedLabel(e.text(), frame.toLps(new FiducialFrame.SkinPoint(
                e.a() + layout.min()[0], e.l() + layout.min()[1], 0)), e.heightMm(),
                StrokeFont.width(e.text()) * e.heightMm() / StrokeFont.CELL_HEIGHT));
        }
        return engraved;
    }

    /** The base's field as a volume of hundredths of a millimetre, for the surface at 0. */
    private static Volume asVolume(float[] field, GuideGrid g) {
        short[] q = new short[field.length];
        for (int p = 0; p < q.length; p++) {
            q[p] = (short) Math.max(-30000, Math.min(30000, Math.round(field[p] * 100)));
        }
        return new Volume(g.nx(), g.ny(), g.nz(), q, g.ijkToLps());
    }

    /** Every sleeve meshed and checked, with its design and error budget, by needle id. */
    private record Sleeves(Map<String, Mesh> meshes, Map<String, MeshReport> reports,
                           Map<String, SleeveDesign> designs, Map<String, ErrorBudget> budgets) {

        static Sleeves of(List<SleeveDesign> sleeves, GuideSpec spec, int threads, List<String> warnings)
            throws BadInputException {
            Map<String, Mesh> meshes = new LinkedHashMap<>();
            Map<String, MeshReport> reports = new LinkedHashMap<>();
            Map<String, SleeveDesign> designs = new LinkedHashMap<>();
            Map<String, ErrorBudget> budgets = new LinkedHashMap<>();
            for (SleeveDesign d : sleeves) {
                Mesh m = SleeveMesher.mesh(d, spec.printer(), threads);
                if (SleeveMesher.label(d, spec.printer()) == null) {
                    warnings.add("sleeve " + d.label() + " is too short above the boss for its engraved label: mark it"
                        + " by hand after printing");
                }
                MeshReport r = MeshChecks.check(m);
                requirePrintable("sleeve " + d.needle().id(), r);
                String id = d.needle().id();
                meshes.put(id, m);
                reports.put(id, r);
                designs.put(id, d);
                budgets.put(id, ErrorBudget.of(d, spec));
            }
            return new Sleeves(meshes, reports, designs, budgets);
        }
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
        int largest = -1;
        for (int c = 0; c < count; c++) {
            if (c != main) {
                dropped += Math.abs(vol[c]);
                if (Math.abs(vol[c]) > largestDropped) {
                    largestDropped = Math.abs(vol[c]);
                    largest = c;
                }
            }
        }
        if (largestDropped > 2.0) {
            double[] b = MeshComponents.select(base, labels, largest).bounds();
            Vec3 at = new Vec3((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
            throw new BadInputException(String.format(Locale.ROOT, "the base came out in %d pieces (a separate piece of %.1f mm3"
                + " at LPS %.1f, %.1f, %.1f): check the markers and entry points lie on one continuous skin area", count,
                largestDropped, at.x(), at.y(), at.z()));
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

    /** Half the bubble-level pad's width across the marker line (a vial up to 12 mm wide stands on it). */
    static final double PAD_HALF_WIDTH_MM = 6;

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
                double bossR = d.collarOuterRadiusMm() + d.socketClearanceMm() + spec.bossWallMm() + 1;
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
         * Labels engraved into the base's outer surface: each sleeve's label ("L2-L") beside its boss, towards
         * the marker line, and the vertebral level between the M2 and M3 windows; at the scale where no wall
         * between two grooves is thinner than the printer's minimum wall ({@link StrokeFont#engravingScale}).
         */
        List<BaseField.Engraving> engravings(List<SleeveDesign> sleeves, String level) {
            List<BaseField.Engraving> out = new ArrayList<>();
            double stroke = BaseField.strokeMm(spec.printer());
            double height = StrokeFont.CELL_HEIGHT * StrokeFont.engravingScale(BaseField.engravingWallMm(spec.printer()),
                stroke);
            for (SleeveDesign d : sleeves) {
                // the boss meets the outer surface around the axis point there, wider by 1 / cos(tilt)
                double cosTilt = Math.max(0.3, Math.abs(d.axisIn().dot(frame.above())));
                double outer = (spec.gapMm() + spec.thicknessMm()) / cosTilt;
                FiducialFrame.SkinPoint e = frame.toSkin(d.axisAt(outer));
                double bossR = (d.collarOuterRadiusMm() + d.socketClearanceMm() / 2 + spec.bossWallMm()) / cosTilt;
                double halfWidth = StrokeFont.width(d.label()) * height / StrokeFont.CELL_HEIGHT / 2;
                double towardsLine = -Math.signum(e.leftMm());
                double l = e.leftMm() + towardsLine * (bossR + 2 + halfWidth);
                // clear of the level pad between M1 and M2 (and its step) by the printer's minimum wall
                double clear = PAD_HALF_WIDTH_MM + spec.printer().minWallMm() + 1 + halfWidth;
                if (Math.abs(l) < clear && e.alongMm() > -height && e.alongMm() < frame.toSkin(markers.get(0).lps()).alongMm()) {
                    l = Math.signum(e.leftMm()) * clear;
                }
                out.add(new BaseField.Engraving(d.label(), e.alongMm() - min[0], l - min[1], height));
            }
            if (level != null && !level.isBlank() && level.length() <= 7
                && level.chars().allMatch(ch -> StrokeFont.supports((char) ch))) {
                BaseField.Window w2 = windows.get(1), w3 = windows.get(2);
                out.add(new BaseField.Engraving(level, (w2.a() + w3.a()) / 2, (w2.l() + w3.l()) / 2, height));
            }
            return out;
        }

        /**
         * The marker windows with their axes along the skin's normal around each marker: a plane fitted to the
         * skin (the zero of the skin distance) on a ring just outside the window.
         */
        List<BaseField.Window> windowsAlongSkin(float[] s) {
            List<BaseField.Window> out = new ArrayList<>();
            double h = grid.spacingMm();
            for (int m = 0; m < windows.size(); m++) {
                BaseField.Window w = windows.get(m);
                List<Vec3> ring = new ArrayList<>();
                for (int q = 0; q < 24; q++) {
                    double phi = 2 * Math.PI * q / 24, r = spec.windowRadiusMm() + 2.5;
                    int i = (int) Math.round((w.a() + r * Math.cos(phi)) / h), j = (int) Math.round((w.l() + r * Math.sin(phi)) / h);
                    if (i < 0 || j < 0 || i >= grid.nx() || j >= grid.ny()) {
                        continue;
                    }
                    for (int k = grid.nz() - 2; k >= 0; k--) {
                        float lo = s[i + grid.nx() * (j + grid.ny() * k)], hi = s[i + grid.nx() * (j + grid.ny() * (k + 1))];
                        if (lo <= 0 && hi > 0) {
                            ring.add(grid.ijkToLps().apply(i, j, k + lo / (lo - hi)));
                            break;
                        }
                    }
                }
                Vec3 normal = frame.above();
                if (ring.size() >= 12) {
                    Vec3 c = Vec3.ZERO;
                    for (Vec3 p : ring) {
                        c = c.plus(p);
                    }
                    c = c.times(1.0 / ring.size());
                    Vec3 n = Vec3.ZERO;
                    for (int q = 0; q < ring.size(); q++) {
                        n = n.plus(ring.get(q).minus(c).cross(ring.get((q + 1) % ring.size()).minus(c)));
                    }
                    if (n.norm() > 1e-9) {
                        n = n.normalized();
                        normal = n.dot(frame.above()) < 0 ? n.times(-1) : n;
                    }
                }
                Vec3 along = frame.along().minus(normal.times(frame.along().dot(normal))).normalized();
                out.add(new BaseField.Window(w.a(), w.l(), markers.get(m).lps(), normal, along));
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
            double halfL = PAD_HALF_WIDTH_MM;
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
