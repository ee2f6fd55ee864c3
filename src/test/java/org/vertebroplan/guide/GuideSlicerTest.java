package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.SafetyAnalyzer;
import org.vertebroplan.plan.SafetyOptions;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * The FDM print job sliced by a real slicer (PrusaSlicer's command line, Debian package prusa-slicer)
 * with supports on wherever it finds overhangs past 45 degrees: no support may touch the surfaces that set
 * the accuracy (the base's skin side, its sockets' walls and conical floors; each sleeve's bore, keyed
 * collar and seat cone; the fit coupon's sockets and bore gauges). Support does appear elsewhere (under
 * the base's outer surface and boss tops), so the check is not vacuous. Skipped, with the reason, where prusa-slicer is not installed; CI installs it
 * (.ci/run) and there the test must run.
 */
class GuideSlicerTest {

    @TempDir
    Path dir;

    static Path slicer() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path f = Path.of(p, "prusa-slicer");
            if (Files.isExecutable(f)) {
                return f;
            }
        }
        return null;
    }

    /** A support extrusion move: from (x0, y0) to (x1, y1) at height z. */
    record Move(double x0, double y0, double x1, double y1, double z) {
    }

    /** The support extrusions of a G-code file (";TYPE:Support material..." blocks, moves that extrude). */
    static List<Move> supportMoves(Path gcode) throws Exception {
        List<Move> out = new ArrayList<>();
        double x = 0, y = 0, z = 0, e = 0;
        boolean relative = false, support = false;
        try (BufferedReader r = Files.newBufferedReader(gcode)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(";TYPE:")) {
                    support = line.startsWith(";TYPE:Support material");
                    continue;
                }
                String code = line.split(";", 2)[0].trim();
                if (code.startsWith("M83")) {
                    relative = true;
                } else if (code.startsWith("M82")) {
                    relative = false;
                } else if (code.startsWith("G92")) {
                    for (String w : code.split("\\s+")) {
                        if (w.startsWith("E")) {
                            e = Double.parseDouble(w.substring(1));
                        }
                    }
                } else if (code.startsWith("G1 ") || code.startsWith("G0 ")) {
                    double nx = x, ny = y, nz = z, de = 0;
                    for (String w : code.split("\\s+")) {
                        if (w.length() < 2) {
                            continue;
                        }
                        double v;
                        try {
                            v = Double.parseDouble(w.substring(1));
                        } catch (NumberFormatException ex) {
                            continue;
                        }
                        switch (w.charAt(0)) {
                            case 'X' -> nx = v;
                            case 'Y' -> ny = v;
                            case 'Z' -> nz = v;
                            case 'E' -> {
                                de = relative ? v : v - e;
                                e = relative ? e : v;
                            }
                            default -> { }
                        }
                    }
                    if (support && de > 0 && (nx != x || ny != y)) {
                        out.add(new Move(x, y, nx, ny, nz));
                    }
                    x = nx;
                    y = ny;
                    z = nz;
                }
            }
        }
        return out;
    }

    /** Points along the moves every 0.3 mm. */
    static List<Vec3> points(List<Move> moves) {
        List<Vec3> out = new ArrayList<>();
        for (Move m : moves) {
            double len = Math.hypot(m.x1() - m.x0(), m.y1() - m.y0());
            int n = Math.max(1, (int) Math.ceil(len / 0.3));
            for (int k = 0; k <= n; k++) {
                out.add(new Vec3(m.x0() + (m.x1() - m.x0()) * k / n, m.y0() + (m.y1() - m.y0()) * k / n, m.z()));
            }
        }
        return out;
    }

    @Test
    void theSlicerPutsNoSupportOnTheSurfacesThatSetAccuracy() throws Exception {
        Path slicer = slicer();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assertTrue(slicer != null || !ci, "prusa-slicer must be installed in CI (.ci/run installs it)");
        assumeTrue(slicer != null, "prusa-slicer is not installed (apt-get install prusa-slicer): the print job is not"
            + " sliced on this machine");
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        GuideSpec spec = GuideSpec.defaults(PrinterPreset.FDM);
        GuideDesign g = GuideGenerator.generate(c.volume(), c.truth(), spec, ProgressListener.NONE);
        GuideSafety safety = GuideSafety.of(c.truth(), SafetyAnalyzer.checkAll(c.volume(),
            c.truth().needles().stream().map(SafetyAnalyzer.Input::of).toList(), SafetyOptions.defaults()), null);
        Path pkg = dir.resolve("pkg");
        GuidePackage.write(g, c.truth(), safety, null, GuidePackage.Options.defaults(), pkg);
        double[] bed = PrinterPreset.FDM.bedMm();
        Path gcode = dir.resolve("job.gcode");
        Process p = new ProcessBuilder(slicer.toString(), "--export-gcode", "--dont-arrange", "--support-material",
            "--support-material-threshold", "45", "--bed-shape",
            String.format(Locale.ROOT, "0x0,%.0fx0,%.0fx%.0f,0x%.0f", bed[0], bed[0], bed[1], bed[1]),
            "--output", gcode.toString(), pkg.resolve("guide.3mf").toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("slicer.log").toFile()).start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the slicer finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("slicer.log")).lines()
            .filter(l -> !l.contains("[trace]") && !l.contains("[debug]")).reduce("", (a, b) -> a + "\n" + b));
        List<Vec3> support = points(supportMoves(gcode));
        assertTrue(support.size() > 1000, "the slicer supports the base's outer surface: " + support.size() + " points");

        // the job as laid out (the same, deterministic layout the package wrote); every part's vertices keep their
        // order when it is turned and placed, so the surfaces that set accuracy are found on the design meshes
        List<PrintLayout.Placed> job = PrintLayout.layout(g, c.truth(), g.coupon(), 1);
        List<Vec3> accuracy = new ArrayList<>();
        for (PrintLayout.Placed part : job) {
            float[] q = part.mesh().xyz();
            boolean[] keep;
            if (part.name().equals("base")) {
                keep = baseAccuracy(g, c.volume());
            } else if (part.name().equals("fit coupon")) {
                keep = couponAccuracy(g, spec);
            } else {
                SleeveDesign d = g.sleeveDesigns().values().stream()
                    .filter(x -> part.name().equals("sleeve " + x.label())).findFirst().orElseThrow();
                keep = sleeveAccuracy(g.sleeves().get(d.needle().id()), d);
            }
            int n = 0;
            for (int v = 0; v < keep.length; v++) {
                if (keep[v]) {
                    accuracy.add(at(q, v));
                    n++;
                }
            }
            assertTrue(n > 1000, part.name() + ": accuracy vertices " + n);
        }
        // a uniform grid of the accuracy vertices, 1 mm cells
        java.util.Map<Long, List<Vec3>> cells = new java.util.HashMap<>();
        for (Vec3 a : accuracy) {
            cells.computeIfAbsent(key(a), k -> new ArrayList<>()).add(a);
        }
        int touching = 0;
        Vec3 example = null;
        for (Vec3 q : support) {
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dz = -1; dz <= 1; dz++) {
                        for (Vec3 a : cells.getOrDefault(key(q.plus(new Vec3(dx, dy, dz))), List.of())) {
                            if (a.distance(q) < 0.8) {
                                touching++;
                                example = a;
                            }
                        }
                    }
                }
            }
        }
        if (touching > 0 && System.getProperty("slicer.dump") != null) {
            try (var w = Files.newBufferedWriter(Path.of(System.getProperty("slicer.dump")))) {
                for (Vec3 q : support) {
                    w.write("S " + q.x() + " " + q.y() + " " + q.z() + "\n");
                }
                for (Vec3 a : accuracy) {
                    w.write("A " + a.x() + " " + a.y() + " " + a.z() + "\n");
                }
            }
        }
        assertEquals(0, touching, "support touches a surface that sets accuracy, e.g. at " + example + " (print frame)");
    }

    /** The sleeve's bore, its collar in the socket and its seat cone (not the taper and tube above the boss). */
    static boolean[] sleeveAccuracy(Mesh sleeve, SleeveDesign d) {
        float[] p = sleeve.xyz();
        boolean[] keep = new boolean[p.length / 3];
        for (int v = 0; v < keep.length; v++) {
            Vec3 r = at(p, v).minus(d.needle().entryLps());
            double h = -r.dot(d.axisIn());
            double radial = r.plus(d.axisIn().times(h)).norm();
            keep[v] = radial < d.boreRadiusMm() + 0.3 || h < d.bossTopH() - 0.5;
        }
        return keep;
    }

    /** The coupon's socket cavities and bore gauges (vertices within their radii of their axes). */
    static boolean[] couponAccuracy(GuideDesign g, GuideSpec spec) {
        List<SleeveDesign> sleeves = new ArrayList<>(g.sleeveDesigns().values());
        FitCoupon.Layout lay = FitCoupon.layout(sleeves, spec);
        float[] p = g.coupon().xyz();
        boolean[] keep = new boolean[p.length / 3];
        for (int v = 0; v < keep.length; v++) {
            for (int k = 0; k < sleeves.size(); k++) {
                SleeveDesign d = sleeves.get(k);
                double x = p[3 * v] - k * lay.pitch(), y = p[3 * v + 1];
                keep[v] |= Math.hypot(x, y) < d.collarRadiusMm() + d.socketClearanceMm() / 2 + 0.4 && p[3 * v + 2] > 0.5;
                keep[v] |= Math.hypot(x, y - lay.gaugeY()) < d.boreRadiusMm() + 0.3;
            }
        }
        return keep;
    }

    private static long key(Vec3 p) {
        return ((long) Math.floor(p.x()) & 0xFFFFF) << 40 | ((long) Math.floor(p.y()) & 0xFFFFF) << 20
            | ((long) Math.floor(p.z()) & 0xFFFFF);
    }

    /**
     * The base's vertices on the surfaces that set accuracy: the skin side (tissue
     * within 0.6 mm along the vertex's outward normal) and the sockets (within the collar's radius + 0.4 mm
     * of a needle axis, from the sleeve's bottom up to 0.5 mm below the mouth's lead-in, which meets the boss
     * top that the slicer supports).
     */
    static boolean[] baseAccuracy(GuideDesign g, Volume ct) {
        Mesh base = g.base();
        float[] p = base.xyz();
        int[] t = base.triangles();
        Vec3[] normal = new Vec3[p.length / 3];
        java.util.Arrays.fill(normal, Vec3.ZERO);
        for (int i = 0; i < t.length; i += 3) {
            Vec3 a = at(p, t[i]), b = at(p, t[i + 1]), cc = at(p, t[i + 2]);
            Vec3 n = b.minus(a).cross(cc.minus(a));
            for (int k = 0; k < 3; k++) {
                normal[t[i + k]] = normal[t[i + k]].plus(n);
            }
        }
        boolean[] out = new boolean[normal.length];
        for (int v = 0; v < normal.length; v++) {
            Vec3 x = at(p, v);
            boolean accurate = false;
            if (normal[v].norm() > 0 && ct.sample(x.plus(normal[v].normalized().times(0.6)), -1000) >= Tissue.SKIN_HU) {
                accurate = true;
            }
            for (SleeveDesign d : g.sleeveDesigns().values()) {
                Vec3 r = x.minus(d.needle().entryLps());
                double h = -r.dot(d.axisIn());
                double radial = r.plus(d.axisIn().times(h)).norm();
                if (radial < d.collarRadiusMm() + d.socketClearanceMm() / 2 + 0.4 && h > d.bottomH() - 1
                    && h < d.bossTopH() - SleeveDesign.MOUTH_CHAMFER_MM - 0.5) {
                    accurate = true;
                }
            }
            out[v] = accurate;
        }
        return out;
    }

    private static Vec3 at(float[] p, int v) {
        return new Vec3(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
    }
}
