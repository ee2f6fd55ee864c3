package org.vertebroplan.guide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.AtomicFiles;
import org.vertebroplan.io.Json;
import org.vertebroplan.io.PackageFolder;
import org.vertebroplan.io.Software;
import org.vertebroplan.io.StlWriter;
import org.vertebroplan.io.ThreeMfWriter;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshReport;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;

/**
 * Writes the vendor package of a guide: {@code base.stl}, one {@code sleeve-<id>.stl} per needle
 * (binary, mm, all in the CT's LPS frame so they register with it), {@code assembly.3mf} (the same
 * parts in the CT frame), {@code guide.3mf} (the print job: every part oriented for its process and laid
 * on the printer's bed, {@link PrintLayout}), {@code coupon.stl} (the fit coupon), {@code manifest.json}
 * (every file with its SHA-256, parts, design, needle table with verdicts and entries relative to the
 * markers, error budget) and {@code report.html} (the operating-room sheet, {@link GuideReport}).
 *
 * <p>The package is written whole ({@link PackageFolder}): into a temporary folder, then moved in
 * place; a folder holding an earlier package is replaced whole, one holding other files is refused.
 * Sleeve file names are unique whatever the needle ids ({@link #sleeveFileNames}). Every file carries the
 * plan's case label only, never patient identity.
 */
public final class GuidePackage {

    public static final String FORMAT = "vertebroplan-guide";
    public static final int VERSION = 2;
    static final ObjectMapper JSON = Json.STRICT;

    /**
     * How the package is made for the operating room.
     *
     * @param sets    how many complete sets to print (2: an unsterile one to mark the skin and a sterile one
     *                used under the sterile film, as in the paper)
     * @param filmMm  the sterile film's thickness, already added to the design's gap (stated on the sheet)
     * @param material what the parts are printed in (null: the printer preset's default)
     * @param created the date written on the sheet and in the manifest
     */
    public record Options(int sets, double filmMm, Material material, Instant created) {
        public Options {
            if (sets < 1 || sets > 4) {
                throw new IllegalArgumentException("sets must be 1..4");
            }
            if (!(filmMm >= 0 && filmMm <= 1)) {
                throw new IllegalArgumentException("film thickness must be 0..1 mm");
            }
        }

        public static Options defaults() {
            return new Options(1, 0, null, Instant.now());
        }

        /** The material for this printer: the one named, else the preset's default; refused if the process cannot print it. */
        public Material materialFor(PrinterPreset p) {
            Material m = material == null ? p.defaultMaterial() : material;
            if (m.process() != p) {
                throw new IllegalArgumentException(m.word() + " is printed by " + m.process().process() + ", not by "
                    + p.process());
            }
            return m;
        }
    }

    private GuidePackage() {
    }

    /**
     * Writes the package into {@code dir} (created; an earlier package there is replaced whole) and
     * returns its files in name order.
     *
     * @param ct the planning CT, for the expected fluoroscopy on the sheet (null: no pictures)
     */
    public static List<Path> write(GuideDesign g, Plan plan, GuideSafety safety, Volume ct, Options o, Path dir)
        throws IOException {
        return PackageFolder.write(dir, GuidePackage::isPackage, tmp -> writeInto(g, plan, safety, ct, o, tmp));
    }

    /** A folder holding a package this program wrote (its manifest says so). */
    static boolean isPackage(Path dir) {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            JsonNode j = JSON.readTree(m.toFile());
            return FORMAT.equals(j.path("format").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeInto(GuideDesign g, Plan plan, GuideSafety safety, Volume ct, Options o, Path dir)
        throws IOException {
        String label = plan.caseId();
        Map<String, String> sleeveFiles = sleeveFileNames(g.sleeves().keySet());
        Map<String, String> hashes = new LinkedHashMap<>();
        StlWriter.writeBinary(g.base(), dir.resolve("base.stl"), label);
        for (Map.Entry<String, Mesh> e : g.sleeves().entrySet()) {
            StlWriter.writeBinary(e.getValue(), dir.resolve(sleeveFiles.get(e.getKey())), label);
        }
        Map<String, Mesh> assembly = new LinkedHashMap<>();
        assembly.put("base", g.base());
        g.sleeves().forEach((id, m) -> assembly.put("sleeve " + id, m));
        ThreeMfWriter.write(assembly, dir.resolve("assembly.3mf"), label);
        StlWriter.writeBinary(g.coupon(), dir.resolve("coupon.stl"), label);
        List<PrintLayout.Placed> job = PrintLayout.layout(g, plan, g.coupon(), o.sets());
        Map<String, Mesh> jobParts = new LinkedHashMap<>();
        job.forEach(p -> jobParts.put(p.name(), p.mesh()));
        PrinterPreset printer = g.spec().printer();
        double[] bed = printer.bedMm();
        ThreeMfWriter.write(jobParts, dir.resolve("guide.3mf"), label, String.format(Locale.ROOT, "Print job for %s in %s:"
            + " build plate %.0f x %.0f mm (height %.0f); base skin side up, sleeves on their hub stops, fit coupon first",
            printer.process(), o.materialFor(printer).label(), bed[0], bed[1], bed[2]),
            Map.of("Metadata/Slic3r_PE.config", PrintLayout.slicerConfig(printer)));
        for (String f : List.of("base.stl")) {
            hashes.put(f, sha256(dir.resolve(f)));
        }
        for (String f : sleeveFiles.values()) {
            hashes.put(f, sha256(dir.resolve(f)));
        }
        hashes.put("coupon.stl", sha256(dir.resolve("coupon.stl")));
        hashes.put("assembly.3mf", sha256(dir.resolve("assembly.3mf")));
        hashes.put("guide.3mf", sha256(dir.resolve("guide.3mf")));
        String report = GuideReport.html(g, plan, safety, ct, o, sleeveFiles, hashes, job);
        AtomicFiles.writeText(dir.resolve("report.html"), report);
        hashes.put("report.html", sha256(dir.resolve("report.html")));
        AtomicFiles.writeText(dir.resolve("manifest.json"),
            JSON.writeValueAsString(manifest(g, plan, safety, o, sleeveFiles, hashes, dir)));
    }

    /**
     * A file name per sleeve: {@code sleeve-<id>.stl} with every character but letters, digits, '.',
     * '_' and '-' made '_' (at most 60 of them), and "-2", "-3", ... added where two ids would give the
     * same name (ignoring case, for file systems that do): ids "a/b" and "a_b" get two files.
     */
    static Map<String, String> sleeveFileNames(Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String id : ids) {
            String safe = org.vertebroplan.plan.Needle.fileSafe(id);
            if (safe.length() > 60) {
                safe = safe.substring(0, 60);
            }
            String name = "sleeve-" + safe + ".stl";
            for (int k = 2; !used.add(name.toLowerCase(Locale.ROOT)); k++) {
                name = "sleeve-" + safe + "-" + k + ".stl";
            }
            out.put(id, name);
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode manifest(GuideDesign g, Plan plan, GuideSafety safety, Options o, Map<String, String> sleeveFiles,
                               Map<String, String> hashes, Path dir) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("software", Software.VERSION);
        m.put("created", o.created().toString());
        m.put("caseId", plan.caseId());
        m.put("level", plan.level());
        m.put("seriesInstanceUid", plan.seriesInstanceUid());
        m.put("frameOfReferenceUid", plan.frameOfReferenceUid());
        m.put("frame", "DICOM LPS, millimetres: the STL files and assembly.3mf in the CT frame; guide.3mf laid out"
            + " on the printer's bed");
        m.put("printer", g.spec().printer().word());
        m.put("clearanceMm", g.spec().printer().clearanceMm());
        Material material = o.materialFor(g.spec().printer());
        m.putObject("material").put("name", material.word()).put("label", material.label())
            .put("steamSterilizable", material.steamSterilizable()).put("sterilization", material.sterilization());
        m.put("sets", o.sets());
        m.put("filmMm", o.filmMm());
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
        ObjectNode safe = m.putObject("safety");
        safe.put("checked", safety != null);
        if (safety == null || safety.acceptedUnsafeReason() == null) {
            safe.putNull("acceptedUnsafeReason");
        } else {
            safe.put("acceptedUnsafeReason", safety.acceptedUnsafeReason());
        }
        ArrayNode parts = m.putArray("parts");
        part(parts, "base.stl", "base", g.baseReport());
        for (String id : g.sleeves().keySet()) {
            part(parts, sleeveFiles.get(id), "sleeve " + id, g.sleeveReports().get(id));
        }
        part(parts, "coupon.stl", "fit coupon (print frame)", g.couponReport());
        ObjectNode print = m.putObject("printJob");
        print.put("file", "guide.3mf");
        print.putArray("bedMm").add(g.spec().printer().bedMm()[0]).add(g.spec().printer().bedMm()[1])
            .add(g.spec().printer().bedMm()[2]);
        vec(print, "baseUpLps", g.printUp());
        print.put("baseOrientation", "skin side up: the base's printUp (into the body) along the printer's +z");
        print.put("sleeveOrientation", "standing on the hub stop: the needle axis into the body along +z");
        ArrayNode needles = m.putArray("needles");
        for (Map.Entry<String, SleeveDesign> e : g.sleeveDesigns().entrySet()) {
            SleeveDesign d = e.getValue();
            NeedleGeometry geo = d.needle().geometry();
            ObjectNode n = needles.addObject();
            n.put("id", e.getKey());
            n.put("side", d.needle().side().jsonName());
            n.put("level", d.needle().level());
            n.put("sleeveFile", sleeveFiles.get(e.getKey()));
            GuideSafety.NeedleVerdict v = safety == null ? null : safety.of(e.getKey());
            if (v == null) {
                n.putNull("verdict");
            } else {
                n.put("verdict", v.verdict().word());
                ArrayNode reasons = n.putArray("reasons");
                v.reasons().forEach(reasons::add);
            }
            if (v != null && v.entryFromMarkers() != null) {
                n.putObject("entryFromMarkers").put("cranialOfM2Mm", round(v.entryFromMarkers().alongMm()))
                    .put("leftOfMarkerLineMm", round(v.entryFromMarkers().leftMm()))
                    .put("aboveMarkerLineMm", round(v.entryFromMarkers().aboveMm()));
            } else {
                n.putNull("entryFromMarkers");
            }
            vec(n, "entryLps", d.needle().entryLps());
            vec(n, "targetLps", d.needle().targetLps());
            n.put("depthMm", round(geo.depthMm()));
            n.put("cranialDeg", round(geo.cranialDeg()));
            n.put("abductionDeg", round(geo.abductionDeg()));
            n.put("diameterMm", d.needle().diameterMm());
            n.put("workingLengthMm", d.needle().workingLengthMm());
            n.put("boreDiameterMm", round(2 * d.boreRadiusMm()));
            n.put("sleeveLengthMm", round(d.lengthMm()));
            n.put("label", d.label());
            n.put("seatHalfAngleDeg", round(d.seatHalfAngleDeg()));
            vec(n, "sleeveTopLps", d.topLps());
            n.put("key", d.keyDescription());
            ErrorBudget b = g.errorBudgets().get(e.getKey());
            ObjectNode eb = n.putObject("errorBudget");
            eb.put("boreClearanceMm", round(b.boreClearanceMm()));
            eb.put("socketClearanceMm", round(b.socketClearanceMm()));
            eb.put("collarLengthMm", round(b.collarLengthMm()));
            eb.put("toleranceMm", round(b.toleranceMm()));
            eb.put("gapMm", round(b.gapMm()));
            eb.put("boreTiltDeg", round(b.boreTiltDeg()));
            eb.put("socketTiltDeg", round(b.socketTiltDeg()));
            eb.put("tiltDeg", round(b.tiltDeg()));
            eb.put("entryErrorMm", round(b.entryErrorMm()));
            eb.put("tipErrorMm", round(b.tipErrorMm()));
            eb.put("depthErrorMm", round(b.depthErrorMm()));
        }
        ArrayNode w = m.putArray("warnings");
        g.warnings().forEach(w::add);
        m.put("millis", g.millis());
        ArrayNode files = m.putArray("files");
        for (Map.Entry<String, String> f : hashes.entrySet()) {
            files.addObject().put("file", f.getKey()).put("bytes", Files.size(dir.resolve(f.getKey())))
                .put("sha256", f.getValue());
        }
        files.addObject().put("file", "manifest.json").putNull("bytes").putNull("sha256");
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
