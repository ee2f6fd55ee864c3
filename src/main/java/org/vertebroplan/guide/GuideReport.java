package org.vertebroplan.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.MeshRenderer;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;

/**
 * The guide report for the surgeon and the print vendor, as one self-contained HTML page: pictures of
 * the design (rendered headless), the needle table in the surgeon's terms, the error budget, the parts
 * and their checks, assembly, printing and sterilization notes. Case label only, no patient identity.
 */
final class GuideReport {

    private static final int BASE_RGB = 0xe6dcc3;
    private static final int LEFT_RGB = 0x3f7fdc;
    private static final int RIGHT_RGB = 0xe07a32;

    private GuideReport() {
    }

    static String html(GuideDesign g, Plan plan) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guide template ")
            .append(esc(plan.caseId())).append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
                + "color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;"
                + "text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
                + "img{border:1px solid #ccc;margin:4px;width:480px}.warn{color:#a40}</style></head><body>\n");
        h.append("<h1>Vertebroplasty guide template</h1>\n<p>Case <b>").append(esc(plan.caseId())).append("</b>, level <b>")
            .append(esc(String.valueOf(plan.level()))).append("</b>. Printer preset <b>").append(g.spec().printer().word())
            .append("</b> (clearance ").append(f(g.spec().printer().clearanceMm())).append(" mm). Coordinates: DICOM LPS, mm;"
                + " all parts in the CT frame.</p>\n");
        for (String w : g.warnings()) {
            h.append("<p class=\"warn\">Warning: ").append(esc(w)).append("</p>\n");
        }
        h.append("<h2>Design</h2>\n");
        for (String[] view : views(g)) {
            h.append("<img alt=\"").append(view[0]).append("\" title=\"").append(view[0]).append("\" src=\"data:image/png;base64,")
                .append(view[1]).append("\">\n");
        }
        h.append("<h2>Needles</h2>\n<table><tr><th>Needle</th><th>Side</th><th>Depth mm</th><th>Cranial °</th>"
            + "<th>Abduction °</th><th>Needle Ø mm</th><th>Working length mm</th><th>Bore Ø mm</th>"
            + "<th>Sleeve length mm</th></tr>\n");
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            NeedleGeometry geo = d.needle().geometry();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(d.needle().side().jsonName())
                .append("</td><td>").append(f(geo.depthMm())).append("</td><td>").append(f(geo.cranialDeg()))
                .append("</td><td>").append(f(geo.abductionDeg())).append("</td><td>").append(f(d.needle().diameterMm()))
                .append("</td><td>").append(f(d.needle().workingLengthMm())).append("</td><td>")
                .append(f(2 * d.boreRadiusMm())).append("</td><td>").append(f(d.lengthMm())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Cranial angle: positive when the tip heads cranially. Abduction: positive when the tip"
            + " converges towards the midline. The sleeve top is the hub stop: with the needle fully inserted the tip"
            + " is at the planned depth.</p>\n");
        h.append("<h2>Error budget</h2>\n<table><tr><th>Needle</th><th>Tilt allowed °</th><th>Entry error mm</th>"
            + "<th>Tip error mm</th></tr>\n");
        for (Map.Entry<String, ErrorBudget> e : g.errorBudgets().entrySet()) {
            ErrorBudget b = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(f(b.tiltDeg())).append("</td><td>")
                .append(f(b.entryErrorMm())).append("</td><td>").append(f(b.tipErrorMm())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>From the sleeve clearance only (tilt = atan(clearance / sleeve length)); how well the base"
            + " seats on the skin comes on top. Longer sleeves or a finer printer preset reduce it.</p>\n");
        h.append("<h2>Parts</h2>\n<table><tr><th>File</th><th>Triangles</th><th>Volume mm³</th><th>Closed</th>"
            + "<th>Manifold</th></tr>\n");
        h.append(partRow("base.stl", g.baseReport().triangles(), g.baseReport().volumeMm3(), g.baseReport().closed(),
            g.baseReport().manifold()));
        for (String id : g.sleeves().keySet()) {
            var r = g.sleeveReports().get(id);
            h.append(partRow("sleeve-" + GuidePackage.fileSafe(id) + ".stl", r.triangles(), r.volumeMm3(), r.closed(),
                r.manifold()));
        }
        h.append("</table>\n<h2>Assembly and use</h2>\n<ul><li>Each sleeve fits only its own socket: the left collar is"
            + " smaller with a wide key tab, the right collar larger with a narrow tab; the tab points away from the"
            + " midline.</li><li>Seat the base on the back so that each skin marker shows in the middle of its window;"
            + " the notches line up with the marker line and the cross line drawn on the skin.</li><li>Put a bubble level"
            + " on the flat pad: centred, it reproduces the posture of the planning CT.</li></ul>\n");
        h.append("<h2>Printing and sterilization</h2>\n<ul><li>Print the base with its skin side up (no supports on the"
            + " fitting surface); sleeves upright. Minimum wall ").append(f(g.spec().printer().minWallMm()))
            .append(" mm.</li><li>PLA softens near 60 °C: do not steam-autoclave PLA parts; use low-temperature"
                + " sterilization (hydrogen peroxide plasma or ethylene oxide). Autoclave only materials and parts validated"
                + " for it; check the sleeve fit and the bore with the actual needle after sterilization.</li>"
                + "<li>Sleeves are separate parts so they can be printed in a harder material or replaced by metal"
                + " sleeves of the same outline.</li></ul>\n<p><small>Generated by VertebroPlan in ")
            .append(g.millis()).append(" ms. A planning aid: the surgeon checks the plan and the printed parts before"
                + " use.</small></p>\n</body></html>\n");
        return h.toString();
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

    private static String partRow(String file, int triangles, double volume, boolean closed, boolean manifold) {
        return "<tr><td>" + file + "</td><td>" + triangles + "</td><td>" + f(volume) + "</td><td>" + (closed ? "yes" : "NO")
            + "</td><td>" + (manifold ? "yes" : "NO") + "</td></tr>\n";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
