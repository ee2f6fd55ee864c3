package org.vertebroplan.guide;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.MeshFiles;
import org.vertebroplan.io.StlWriter;
import org.vertebroplan.io.ThreeMfWriter;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;

/**
 * Writes the vendor package of a guide: {@code base.stl}, {@code sleeve-<id>.stl} (binary, mm, LPS,
 * all in one frame), {@code guide.3mf} (the assembly), {@code manifest.json} (parts, needle table,
 * clearances, error budget) and {@code report.html} (for the surgeon and the vendor, pictures inline).
 * Every file carries the plan's case label only, never patient identity. Files are written atomically;
 * parts were already checked by {@link GuideGenerator}.
 */
public final class GuidePackage {

    public static final String FORMAT = "vertebroplan-guide";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GuidePackage() {
    }

    /** Writes the package into {@code dir} (created) and returns the files written. */
    public static List<Path> write(GuideDesign g, Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        String label = plan.caseId();
        List<Path> files = new ArrayList<>();
        Path base = dir.resolve("base.stl");
        StlWriter.writeBinary(g.base(), base, label);
        files.add(base);
        Map<String, Mesh> parts = new LinkedHashMap<>();
        parts.put("base", g.base());
        for (Map.Entry<String, Mesh> e : g.sleeves().entrySet()) {
            Path p = dir.resolve("sleeve-" + fileSafe(e.getKey()) + ".stl");
            StlWriter.writeBinary(e.getValue(), p, label);
            files.add(p);
            parts.put("sleeve-" + e.getKey(), e.getValue());
        }
        Path threeMf = dir.resolve("guide.3mf");
        ThreeMfWriter.write(parts, threeMf, label);
        files.add(threeMf);
        Path manifest = dir.resolve("manifest.json");
        MeshFiles.writeTextAtomically(manifest, JSON.writeValueAsString(manifest(g, plan)));
        files.add(manifest);
        Path report = dir.resolve("report.html");
        MeshFiles.writeTextAtomically(report, GuideReport.html(g, plan));
        files.add(report);
        return files;
    }

    static String fileSafe(String id) {
        return org.vertebroplan.plan.Needle.fileSafe(id);
    }

    static ObjectNode manifest(GuideDesign g, Plan plan) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("caseId", plan.caseId());
        m.put("level", plan.level());
        m.put("frame", "DICOM LPS, millimetres; all parts in the CT frame");
        m.put("printer", g.spec().printer().word());
        m.put("clearanceMm", g.spec().printer().clearanceMm());
        ObjectNode spec = m.putObject("design");
        spec.put("gapMm", g.spec().gapMm());
        spec.put("thicknessMm", g.spec().thicknessMm());
        spec.put("marginMm", g.spec().marginMm());
        spec.put("voxelMm", g.spec().voxelMm());
        spec.put("windowRadiusMm", g.spec().windowRadiusMm());
        spec.put("bossHeightMm", g.spec().bossHeightMm());
        spec.put("socketDepthMm", g.spec().socketDepthMm());
        spec.put("sleeveWallMm", g.spec().sleeveWallMm());
        spec.put("minWallMm", g.spec().printer().minWallMm());
        ArrayNode parts = m.putArray("parts");
        part(parts, "base.stl", "base", g.baseReport());
        for (String id : g.sleeves().keySet()) {
            part(parts, "sleeve-" + fileSafe(id) + ".stl", "sleeve " + id, g.sleeveReports().get(id));
        }
        ArrayNode needles = m.putArray("needles");
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            NeedleGeometry geo = d.needle().geometry();
            ObjectNode n = needles.addObject();
            n.put("id", e.getKey());
            n.put("side", d.needle().side().jsonName());
            vec(n, "entryLps", d.needle().entryLps());
            vec(n, "targetLps", d.needle().targetLps());
            n.put("depthMm", round(geo.depthMm()));
            n.put("cranialDeg", round(geo.cranialDeg()));
            n.put("abductionDeg", round(geo.abductionDeg()));
            n.put("diameterMm", d.needle().diameterMm());
            n.put("workingLengthMm", d.needle().workingLengthMm());
            n.put("boreDiameterMm", round(2 * d.boreRadiusMm()));
            n.put("sleeveLengthMm", round(d.lengthMm()));
            vec(n, "sleeveTopLps", d.topLps());
            n.put("key", d.needle().side().jsonName() + " collar: radius " + round(d.collarRadiusMm()) + " mm, tab "
                + round(2 * d.tabHalfWidthMm()) + " mm wide");
            ErrorBudget b = g.errorBudgets().get(e.getKey());
            ObjectNode eb = n.putObject("errorBudget");
            eb.put("tiltDeg", round(b.tiltDeg()));
            eb.put("entryErrorMm", round(b.entryErrorMm()));
            eb.put("tipErrorMm", round(b.tipErrorMm()));
        }
        ArrayNode w = m.putArray("warnings");
        g.warnings().forEach(w::add);
        m.put("millis", g.millis());
        return m;
    }

    private static void part(ArrayNode parts, String file, String name, MeshReport r) {
        ObjectNode p = parts.addObject();
        p.put("file", file);
        p.put("part", name);
        p.put("triangles", r.triangles());
        p.put("volumeMm3", round(r.volumeMm3()));
        p.put("areaMm2", round(r.areaMm2()));
        p.put("closed", r.closed());
        p.put("manifold", r.manifold());
        p.put("consistentWinding", r.consistentlyWound());
    }

    private static void vec(ObjectNode n, String key, Vec3 v) {
        n.putArray(key).add(round(v.x())).add(round(v.y())).add(round(v.z()));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

}
