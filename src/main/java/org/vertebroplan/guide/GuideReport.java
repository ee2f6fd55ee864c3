package org.vertebroplan.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertebroplan.fluoro.DrrImage;
import org.vertebroplan.fluoro.DrrRenderer;
import org.vertebroplan.fluoro.Attenuation;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.fluoro.FluoroDisplay;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.MeshRenderer;
import org.vertebroplan.io.RadiographPng;
import org.vertebroplan.io.Software;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;

/**
 * The operating-room sheet and vendor report, one self-contained printable HTML page: safety verdicts
 * (and the reason an unsafe plan is printed anyway), the marker spacings to check with a ruler, the skin
 * mark of every entry relative to M2, the level-pad reading, the expected AP and lateral fluoroscopy at
 * the entry and at the target (parallel-beam DRRs of the planning CT, {@link DrrRenderer}), the steps of
 * the procedure after Hu et al. 2021, the needle table, the error budget, quantities (sets), material,
 * print settings and orientation, inspection (go/no-go with the real needle), software version, date
 * and every file's SHA-256. Case label only, no patient identity.
 */
final class GuideReport {

    private static final int BASE_RGB = 0xe6dcc3;
    private static final int LEFT_RGB = 0x3f7fdc;
    private static final int RIGHT_RGB = 0xe07a32;
    /** How far into the skin the tip is in the "at entry" shots, mm. */
    static final double ENTRY_SHOT_MM = 5;

    private GuideReport() {
    }

    static String html(GuideDesign g, Plan plan, GuideSafety safety, Volume ct, GuidePackage.Options o,
                       Map<String, String> sleeveFiles, Map<String, String> hashes, List<PrintLayout.Placed> job) {
        Map<String, String> labels = SleeveLabels.of(plan.needles());
        Material material = o.materialFor(g.spec().printer());
        PrinterPreset printer = g.spec().printer();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guide template ")
            .append(esc(plan.caseId())).append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
                + "color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;"
                + "text-align:right;vertical-align:top}th{background:#eee}td:first-child,th:first-child{text-align:left}"
                + "td.t{text-align:left}img{border:1px solid #ccc;margin:4px;width:480px}img.drr{width:300px}"
                + ".warn{color:#a40}.unsafe{background:#c00;color:#fff;padding:6px;font-weight:bold}"
                + ".box{border:2px solid #222;padding:4px 10px;margin:1em 0}"
                + "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}section{page-break-inside:avoid}"
                + "img{width:45%}img.drr{width:23%}}</style></head><body>\n");
        h.append("<h1>Vertebroplasty guide template: operating-room sheet</h1>\n<p>Case <b>").append(esc(plan.caseId()))
            .append("</b>, level <b>").append(esc(String.valueOf(plan.level()))).append("</b>. ")
            .append(esc(Software.VERSION)).append(", ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(o.created().atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC. Series ")
            .append(esc(String.valueOf(plan.seriesInstanceUid()))).append(".</p>\n");
        if (safety != null && safety.acceptedUnsafeReason() != null) {
            h.append("<p class=\"unsafe\">UNSAFE PLAN printed on purpose: ").append(esc(safety.acceptedUnsafeReason()))
                .append(". Not for use on a patient as planned.</p>\n");
        }
        for (String w : g.warnings()) {
            h.append("<p class=\"warn\">Warning: ").append(esc(w)).append("</p>\n");
        }
        safetySection(h, plan, safety, labels);
        rulerSection(h, plan);
        skinMarkSection(h, plan, labels);
        h.append("<section><h2>Level pad</h2>\n<p>A flat pad between the M1 and M2 windows is horizontal in the CT. Put a"
            + " bubble level on it with the base seated: the bubble centred in both directions means the back lies as"
            + " it lay in the CT. Adjust the patient (not the base) until it is.</p></section>\n");
        stepsSection(h, o, g);
        if (ct != null) {
            fluoroSection(h, plan, ct);
        }
        needleTable(h, g, labels);
        budgetTable(h, g, labels);
        quantities(h, g, o, labels, sleeveFiles);
        printJob(h, g, job);
        h.append("<section><h2>Material, printing and sterilization</h2>\n<ul><li>Process: ").append(esc(printer.process()))
            .append("; material: <b>").append(esc(material.label())).append("</b>.</li><li>Layer height ")
            .append(f(printer.layerMm())).append(" mm; solid (100 % infill) parts; minimum wall ")
            .append(f(printer.minWallMm())).append(" mm; sliding clearance ").append(f(printer.clearanceMm()))
            .append(" mm (diametral); print tolerance ±").append(f(printer.toleranceMm())).append(" mm.</li>"
                + "<li>guide.3mf is the print job: every part already oriented and laid on the build plate ("
                + String.format(Locale.ROOT, "%.0f x %.0f mm", printer.bedMm()[0], printer.bedMm()[1])
                + "): the base with its skin side up, sleeves standing on their collar. No support may touch the skin"
                + " side, the socket floors or the socket walls (they set the accuracy). Do not rotate or scale the"
                + " parts. The STL files and assembly.3mf are in the CT frame (for checking against the CT).</li>"
                + "<li>Sterilization: ").append(esc(material.sterilization())).append(". The sleeves are separate parts"
                + " because a one-piece template deformed in sterilization; they can be made in a harder material or in"
                + " metal to the same outline.</li></ul></section>\n");
        inspection(h, g, labels);
        h.append("<section><h2>Design</h2>\n");
        for (String[] view : views(g)) {
            h.append("<img alt=\"").append(view[0]).append("\" title=\"").append(view[0])
                .append("\" src=\"data:image/png;base64,").append(view[1]).append("\">\n");
        }
        h.append("</section>\n");
        filesSection(h, g, sleeveFiles, hashes);
        h.append("<p><small>Generated by ").append(esc(Software.VERSION)).append(" in ").append(g.millis())
            .append(" ms. A planning aid: the surgeon checks the plan and the printed parts before use.</small></p>\n"
                + "</body></html>\n");
        return h.toString();
    }

    private static void safetySection(StringBuilder h, Plan plan, GuideSafety safety, Map<String, String> labels) {
        h.append("<section><h2>Safety check</h2>\n");
        if (safety == null) {
            h.append("<p class=\"warn\">The plan was not checked.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Needle</th><th>Sleeve</th><th>Level</th><th>Verdict</th><th>Reasons</th></tr>\n");
        for (GuideSafety.NeedleVerdict v : safety.needles()) {
            String cls = v.verdict() == NeedleSafety.Verdict.UNSAFE ? " class=\"unsafe\""
                : v.verdict() == NeedleSafety.Verdict.WARNING ? " class=\"warn\"" : "";
            h.append("<tr><td>").append(esc(v.id())).append("</td><td class=\"t\">").append(esc(labels.get(v.id())))
                .append("</td><td class=\"t\">").append(esc(String.valueOf(v.level()))).append("</td><td").append(cls)
                .append(">").append(v.verdict().word().toUpperCase(Locale.ROOT)).append("</td><td class=\"t\">")
                .append(esc(v.reasons().isEmpty() ? "-" : String.join("; ", v.reasons()))).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    /** The marker spacings, to check the printed base against the patient with a ruler before seating it. */
    private static void rulerSection(StringBuilder h, Plan plan) {
        if (plan.fiducials().size() != 3) {
            return;
        }
        List<Fiducial> m = new ArrayList<>(plan.fiducials());
        m.sort((a, b) -> Double.compare(b.lps().z(), a.lps().z()));
        h.append("<section><h2>Before seating: check with a ruler</h2>\n<table><tr><th>Markers</th><th>Distance mm</th>"
            + "</tr>\n");
        int[][] pairs = {{0, 1}, {1, 2}, {0, 2}};
        for (int[] p : pairs) {
            h.append("<tr><td>M").append(p[0] + 1).append(" - M").append(p[1] + 1).append("</td><td>")
                .append(f1(m.get(p[0]).lps().distance(m.get(p[1]).lps()))).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Centre to centre of the skin markers, as in the CT; the marker windows of the base are the"
            + " same distances apart. A difference of more than 2 mm on the patient means a marker moved: do not use the"
            + " guide before the markers are checked.</p></section>\n");
    }

    private static void skinMarkSection(StringBuilder h, Plan plan, Map<String, String> labels) {
        FiducialFrame frame;
        try {
            frame = FiducialFrame.ofMarkers(plan.fiducials());
        } catch (IllegalArgumentException e) {
            return;
        }
        h.append("<section><h2>Skin marks (entry points relative to M2)</h2>\n<table><tr><th>Needle</th><th>Sleeve</th>"
            + "<th>Along the marker line</th><th>Across it</th></tr>\n");
        for (Needle n : plan.needles()) {
            FiducialFrame.SkinPoint p = frame.toSkin(n.entryLps());
            h.append("<tr><td>").append(esc(n.id())).append("</td><td class=\"t\">").append(esc(labels.get(n.id())))
                .append("</td><td>").append(f1(Math.abs(p.alongMm()))).append(" mm ")
                .append(p.alongMm() >= 0 ? "cranial" : "caudal").append(" of M2</td><td>")
                .append(f1(Math.abs(p.leftMm()))).append(" mm to the patient's ").append(p.leftMm() >= 0 ? "left" : "right")
                .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Measured on the skin from the centre of M2: along the line through the three markers"
            + " (M1 cranial), then square to it. The base's sockets show the same points: mark them through the"
            + " channels and compare.</p></section>\n");
    }

    private static void stepsSection(StringBuilder h, GuidePackage.Options o, GuideDesign g) {
        h.append("<section><h2>Steps</h2>\n<ol><li>Check the marker spacings with a ruler (above) and the level pad.</li>"
            + "<li>Seat the base on the back: each skin marker in the middle of its window, the notches on the marker"
            + " line.</li><li>Mark the entry points on the skin through the sockets' channels.</li>"
            + "<li>Take one AP shot and compare it with the expected one below.</li>"
            + "<li>Put each sleeve in the socket engraved with its label (the key lets it in one way only), pass the"
            + " needle through it and advance until the hub stops on the sleeve top: the tip is then at the planned"
            + " depth.</li></ol>\n");
        if (o.sets() > 1) {
            h.append("<p class=\"box\"><b>").append(o.sets()).append(" sets.</b> Set 1 is not sterile: seat it to mark the"
                + " skin (steps 1-3). Set 2 is sterilized and seated after skin preparation over the sterile film (steps"
                + " 2, 4, 5).</p>\n");
        }
        if (o.filmMm() > 0) {
            h.append("<p>The base is made for a sterile film of ").append(f(o.filmMm())).append(" mm: its gap to the"
                + " skin is ").append(f(g.spec().gapMm())).append(" mm including the film.</p>\n");
        }
        h.append("</section>\n");
    }

    /** AP and lateral DRRs per level: the needles with their tips just under the skin, and fully in. */
    private static void fluoroSection(StringBuilder h, Plan plan, Volume ct) {
        Map<String, List<Needle>> byLevel = new LinkedHashMap<>();
        for (Needle n : plan.needles()) {
            byLevel.computeIfAbsent(String.valueOf(n.level()), k -> new ArrayList<>()).add(n);
        }
        h.append("<section><h2>Expected fluoroscopy</h2>\n<p>Simulated from the planning CT (a C-arm centred on the level's targets,"
            + " 600 mm from the source, needles as steel, displayed like the fluoroscope: bone dark, needles black). AP:"
            + " the patient's left on the right of the image; lateral (source on the patient's left): anterior on the"
            + " left; superior up. \"At entry\": the tips " + f1(ENTRY_SHOT_MM) + " mm under the skin; \"at target\": fully in.</p>\n");
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Attenuation mu = Attenuation.of(ct, threads);
        for (Map.Entry<String, List<Needle>> level : byLevel.entrySet()) {
            List<Needle> full = level.getValue();
            List<Needle> entry = new ArrayList<>();
            Vec3 centre = Vec3.ZERO;
            for (Needle n : full) {
                entry.add(n.withPoints(n.entryLps(), n.entryLps().plus(n.direction().times(ENTRY_SHOT_MM))));
                centre = centre.plus(n.targetLps());
            }
            centre = centre.times(1.0 / full.size());
            h.append("<h3>").append(esc(level.getKey())).append("</h3>\n");
            for (CArm carm : List.of(CArm.ap(centre), CArm.lateral(centre))) {
                for (boolean atTarget : new boolean[] {false, true}) {
                    DrrImage img = DrrRenderer.render(mu, carm, atTarget ? full : entry, threads);
                    String title = (carm.orbitalDeg() == 0 ? "AP" : "Lateral") + " at " + (atTarget ? "target" : "entry");
                    h.append("<img class=\"drr\" alt=\"").append(title).append("\" title=\"").append(title)
                        .append("\" src=\"data:image/png;base64,").append(cropped(img, centre, 40, full))
                        .append("\">\n");
                }
            }
        }
        h.append("</section>\n");
    }

    /**
     * The DRR cropped to {@code halfMm} around a point, widened to show every needle's entry and tip with
     * 10 mm to spare, as base64 PNG.
     */
    static String cropped(DrrImage img, Vec3 centre, double halfMm, List<Needle> needles) {
        double[] c = img.project(centre);
        double px = img.carm().pixelMm() / img.carm().magnification(); // mm at the isocentre
        double half = halfMm / px, pad = 10 / px;
        double lu = c[0] - half, hu = c[0] + half, lv = c[1] - half, hv = c[1] + half;
        for (Needle n : needles) {
            for (Vec3 p : List.of(n.entryLps(), n.targetLps())) {
                double[] q = img.project(p);
                lu = Math.min(lu, q[0] - pad);
                hu = Math.max(hu, q[0] + pad);
                lv = Math.min(lv, q[1] - pad);
                hv = Math.max(hv, q[1] + pad);
            }
        }
        int u0 = Math.max(0, (int) Math.floor(lu)), v0 = Math.max(0, (int) Math.floor(lv));
        int u1 = Math.min(img.size(), (int) Math.ceil(hu)), v1 = Math.min(img.size(), (int) Math.ceil(hv));
        if (u1 <= u0 || v1 <= v0) {
            u0 = 0;
            v0 = 0;
            u1 = img.size();
            v1 = img.size();
        }
        int w = u1 - u0, hgt = v1 - v0;
        byte[] grey = FluoroDisplay.show(img);
        byte[] out = new byte[w * hgt];
        for (int v = 0; v < hgt; v++) {
            System.arraycopy(grey, u0 + img.size() * (v0 + v), out, w * v, w);
        }
        try {
            return Base64.getEncoder().encodeToString(RadiographPng.png(out, w, hgt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void needleTable(StringBuilder h, GuideDesign g, Map<String, String> labels) {
        h.append("<section><h2>Needles</h2>\n<table><tr><th>Needle</th><th>Sleeve</th><th>Depth mm</th><th>Cranial °</th>"
            + "<th>Abduction °</th><th>Needle Ø mm</th><th>Working length mm</th><th>Bore Ø mm</th>"
            + "<th>Sleeve length mm</th><th>Key</th></tr>\n");
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            NeedleGeometry geo = d.needle().geometry();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"t\">").append(esc(labels.get(e.getKey())))
                .append("</td><td>").append(f(geo.depthMm())).append("</td><td>").append(f(geo.cranialDeg()))
                .append("</td><td>").append(f(geo.abductionDeg())).append("</td><td>").append(f(d.needle().diameterMm()))
                .append("</td><td>").append(f(d.needle().workingLengthMm())).append("</td><td>")
                .append(f(2 * d.boreRadiusMm())).append("</td><td>").append(f(d.lengthMm())).append("</td><td class=\"t\">")
                .append(esc(d.keyDescription())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Cranial angle: positive when the tip heads cranially. Abduction: positive when the tip"
            + " converges towards the midline (patient frame). The sleeve top is the hub stop.</p></section>\n");
    }

    private static void budgetTable(StringBuilder h, GuideDesign g, Map<String, String> labels) {
        h.append("<section><h2>Error budget</h2>\n<table><tr><th>Needle</th><th>Bore tilt °</th><th>Socket tilt °</th>"
            + "<th>Entry error mm</th><th>Tip error mm</th><th>Depth error mm</th></tr>\n");
        for (Map.Entry<String, ErrorBudget> e : g.errorBudgets().entrySet()) {
            ErrorBudget b = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append(" (").append(esc(labels.get(e.getKey())))
                .append(")</td><td>").append(f(b.boreTiltDeg())).append("</td><td>").append(f(b.socketTiltDeg()))
                .append("</td><td>").append(f(b.entryErrorMm())).append("</td><td>").append(f(b.tipErrorMm()))
                .append("</td><td>").append(f(b.depthErrorMm())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>").append(esc(ErrorBudget.EXPLANATION)).append("</p></section>\n");
    }

    private static void quantities(StringBuilder h, GuideDesign g, GuidePackage.Options o, Map<String, String> labels,
                                   Map<String, String> sleeveFiles) {
        h.append("<section><h2>Quantities</h2>\n<table><tr><th>Part</th><th>File</th><th>Quantity</th></tr>\n");
        h.append("<tr><td>Base</td><td class=\"t\">base.stl</td><td>").append(o.sets()).append("</td></tr>\n");
        for (String id : g.sleeves().keySet()) {
            h.append("<tr><td>Sleeve ").append(esc(labels.get(id))).append("</td><td class=\"t\">")
                .append(esc(sleeveFiles.get(id))).append("</td><td>").append(o.sets()).append("</td></tr>\n");
        }
        h.append("<tr><td>Fit coupon</td><td class=\"t\">coupon.stl</td><td>1</td></tr>\n");
        h.append("</table>\n<p>").append(o.sets()).append(o.sets() == 1 ? " set" : " sets").append(" in all.</p></section>\n");
    }

    /** A top view of the print job on the plate and the parts' positions. */
    private static void printJob(StringBuilder h, GuideDesign g, List<PrintLayout.Placed> job) {
        List<MeshRenderer.Part> parts = new ArrayList<>();
        h.append("<section><h2>Print job (guide.3mf)</h2>\n<table><tr><th>Part</th><th>x mm</th><th>y mm</th>"
            + "<th>Height mm</th></tr>\n");
        for (PrintLayout.Placed p : job) {
            double[][] b = PrintLayout.bounds(p.mesh());
            h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(f1(b[0][0])).append(" - ")
                .append(f1(b[1][0])).append("</td><td>").append(f1(b[0][1])).append(" - ").append(f1(b[1][1]))
                .append("</td><td>").append(f1(b[1][2])).append("</td></tr>\n");
            parts.add(new MeshRenderer.Part(p.mesh(), p.name().startsWith("base") ? BASE_RGB
                : p.name().contains("-L") || p.name().endsWith(" L") ? LEFT_RGB : RIGHT_RGB));
        }
        h.append("</table>\n");
        try {
            h.append("<img alt=\"print job\" title=\"the print job on the plate, seen from the front and above\" src=\""
                + "data:image/png;base64,").append(b64(parts, new Vec3(0.3, -1, 0.8), Vec3.Z)).append("\">\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        h.append("</section>\n");
    }

    private static void inspection(StringBuilder h, GuideDesign g, Map<String, String> labels) {
        h.append("<section><h2>Inspection (before sterilization and again after it)</h2>\n<ul>"
            + "<li>Every part is whole: no cracks, no support left on the skin side or in the sockets.</li>");
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            h.append("<li>Sleeve ").append(esc(labels.get(e.getKey()))).append(": GO, the real needle (Ø ")
                .append(f(d.needle().diameterMm())).append(" mm) slides through the bore (Ø ").append(f(2 * d.boreRadiusMm()))
                .append(" mm) under its own weight; NO-GO, it does not rock visibly. The sleeve seats fully in socket ")
                .append(esc(labels.get(e.getKey()))).append(" (collar flush with the boss top) in one orientation, and"
                    + " does not enter any other socket.</li>");
        }
        h.append("<li>The marker windows are the distances apart given above (ruler).</li></ul></section>\n");
    }

    private static void filesSection(StringBuilder h, GuideDesign g, Map<String, String> sleeveFiles,
                                     Map<String, String> hashes) {
        h.append("<section><h2>Parts and files</h2>\n<table><tr><th>File</th><th>Triangles</th><th>Volume mm³</th>"
            + "<th>Closed, manifold</th></tr>\n");
        h.append(partRow("base.stl", g.baseReport().triangles(), g.baseReport().volumeMm3(),
            g.baseReport().closed() && g.baseReport().manifold()));
        for (String id : g.sleeves().keySet()) {
            var r = g.sleeveReports().get(id);
            h.append(partRow(esc(sleeveFiles.get(id)), r.triangles(), r.volumeMm3(), r.closed() && r.manifold()));
        }
        h.append("</table>\n<table><tr><th>File</th><th>SHA-256</th></tr>\n");
        hashes.forEach((file, sha) -> h.append("<tr><td>").append(esc(file)).append("</td><td class=\"t\"><code>")
            .append(sha).append("</code></td></tr>\n"));
        h.append("</table>\n<p>The manifest lists these and the sheet's own hash.</p></section>\n");
    }

    private static List<String[]> views(GuideDesign g) {
        List<MeshRenderer.Part> parts = new ArrayList<>();
        parts.add(new MeshRenderer.Part(g.base(), BASE_RGB));
        Vec3 out = Vec3.ZERO;
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            boolean left = e.getValue().needle().side().jsonName().equals("left");
            parts.add(new MeshRenderer.Part(g.sleeves().get(e.getKey()), left ? LEFT_RGB : RIGHT_RGB));
            out = out.minus(e.getValue().axisIn());
        }
        Vec3 back = out.norm() > 0 ? out.normalized() : Vec3.Y;
        List<String[]> views = new ArrayList<>();
        try {
            views.add(new String[] {"view onto the back (cranial up)", b64(parts, back, Vec3.Z)});
            views.add(new String[] {"oblique view from cranial", b64(parts, back.plus(Vec3.Z).plus(Vec3.X.times(0.4)),
                Vec3.Z)});
            views.add(new String[] {"skin side", b64(parts, back.times(-1), Vec3.Z)});
            views.add(new String[] {"from the patient's left", b64(parts, Vec3.X.plus(back.times(0.2)), Vec3.Z)});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return views;
    }

    private static String b64(List<MeshRenderer.Part> parts, Vec3 towardViewer, Vec3 up) throws IOException {
        return Base64.getEncoder().encodeToString(MeshRenderer.png(parts, towardViewer, up, 640, 480));
    }

    private static String partRow(String file, int triangles, double volume, boolean ok) {
        return "<tr><td>" + file + "</td><td>" + triangles + "</td><td>" + f(volume) + "</td><td>" + (ok ? "yes" : "NO")
            + "</td></tr>\n";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s == null ? "" : org.vertebroplan.io.ThreeMfWriter.xmlText(s);
    }
}
