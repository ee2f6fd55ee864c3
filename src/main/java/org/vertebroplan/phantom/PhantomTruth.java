package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.dicom.DicomWriterCtSeries;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.AtomicFiles;
import org.vertebroplan.io.Json;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;

/**
 * The known answers of a phantom case as {@code truth.json} ("format": "vertebroplan-phantom-truth"):
 * volume geometry (canonical LPS grid and what a reader of the DICOM files must derive), the nominal HU
 * of every tissue, the canal, pedicles, body, posterior elements, discs, markers, needles (with depth,
 * angles, bone entry and canal clearance) and probe points deep inside single tissues.
 * All points are LPS millimetres. See docs/phantom.md.
 */
public final class PhantomTruth {

    static final ObjectMapper MAPPER = Json.STRICT;

    private PhantomTruth() {
    }

    /** A named point well inside one tissue, with that tissue's nominal (noise-free) HU. */
    public record Probe(String name, Vec3 lps, PhantomTissue tissue) {
    }

    /** The bundled sample's probes (square L2 on the default grid). */
    public static List<Probe> probes() {
        return probes(PhantomLayout.DEFAULT, PhantomGrid.DEFAULT);
    }

    /**
     * Named points deep inside one tissue: the markers, canal, target body (centre, anterior shell, superior
     * endplate cortex), pedicle isthmuses, then the level's own ({@link PhantomLevel#probes()}); spine points
     * turned with the spine. A candidate is kept only where the sharp model has its tissue and the noise-free
     * model gives exactly its nominal HU both at the point and at the nearest voxel centre of {@code grid}
     * (a turned bone may cover a soft-tissue point; a narrowed pedicle has no cancellous isthmus).
     */
    public static List<Probe> probes(PhantomLayout layout, PhantomGrid grid) {
        PhantomModel sharp = new PhantomModel(layout, 0);
        PhantomModel smooth = new PhantomModel(layout, grid.meanSpacing());
        List<Probe> p = new ArrayList<>();
        for (int i = 0; i < MARKER_W.size(); i++) {
            p.add(new Probe("marker M" + (i + 1) + " centre", layout.markerLps(i), PhantomTissue.MARKER));
        }
        for (PhantomLevel.Probe q : candidates(layout)) {
            p.add(new Probe(q.name(), q.turned() ? layout.toLps(q.local()) : PhantomLayout.patientLps(q.local()),
                q.tissue()));
        }
        return p.stream().filter(q -> sharp.tissueAt(q.lps()) == q.tissue() && smooth.hu(q.lps()) == q.tissue().hu()
            && smooth.hu(nearestVoxel(grid, q.lps())) == q.tissue().hu()).toList();
    }

    /** The probe candidates after the markers, in local coordinates (spine ones turn with the spine). */
    static List<PhantomLevel.Probe> candidates(PhantomLayout layout) {
        PhantomLevel level = layout.level();
        PhantomLevel.Body b = level.body();
        List<PhantomLevel.Probe> c = new ArrayList<>();
        c.add(spine("canal centre", new Vec3(0, level.canal().cv(), 0), PhantomTissue.CSF));
        c.add(spine(level.name() + " body centre (cancellous)", Vec3.ZERO, PhantomTissue.CANCELLOUS_BONE));
        c.add(spine(level.name() + " anterior cortical shell", new Vec3(0, -b.halfDepth() + CORTEX / 2, 0),
            PhantomTissue.CORTICAL_BONE));
        double top = b.halfHeight() - b.posteriorV() * layout.wedgeTan;
        c.add(spine(level.name() + " superior endplate cortex", new Vec3(0, layout.wedgeSin * (CORTEX / 2),
            top - layout.wedgeCos * (CORTEX / 2)), PhantomTissue.CORTICAL_BONE));
        c.add(spine("left pedicle isthmus (cancellous)", level.pedicle().isthmusLeft(),
            PhantomTissue.CANCELLOUS_BONE));
        c.add(spine("right pedicle isthmus (cancellous)", sided(level.pedicle().isthmusLeft(), Side.RIGHT),
            PhantomTissue.CANCELLOUS_BONE));
        c.addAll(level.probes());
        return c;
    }

    private static PhantomLevel.Probe spine(String name, Vec3 local, PhantomTissue t) {
        return new PhantomLevel.Probe(name, local, t, true);
    }

    private static Vec3 nearestVoxel(PhantomGrid g, Vec3 lps) {
        Vec3 o = g.originLps();
        return g.lps(Math.round((lps.x() - o.x()) / g.dx()), Math.round((lps.y() - o.y()) / g.dy()),
            Math.round((lps.z() - o.z()) / g.dz()));
    }

    /** Smallest distance in the axial plane from a needle axis segment to the canal boundary (mm), square L2. */
    static double axisToCanalMm(Vec3 from, Vec3 to) {
        return axisToCanalMm(PhantomLayout.DEFAULT, from, to);
    }

    /**
     * Smallest distance from a needle axis segment to the canal's boundary, measured in the vertebra's axial
     * plane (perpendicular to the canal), mm.
     */
    static double axisToCanalMm(PhantomLayout layout, Vec3 from, Vec3 to) {
        PhantomLevel.Canal canal = layout.level().canal();
        double best = Double.MAX_VALUE;
        int n = 3600;
        for (int s = 0; s <= 400; s++) {
            Vec3 p = layout.toLocal(from.lerp(to, s / 400.0));
            for (int k = 0; k < n; k++) {
                double t = 2 * Math.PI * k / n;
                double dx = p.x() - canal.halfWidth() * Math.cos(t);
                double dy = p.y() - (canal.cv() + canal.halfDepth() * Math.sin(t));
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy));
            }
        }
        return best;
    }

    static void write(Path file, PhantomOptions o, PhantomEncoding enc, Plan plan, PhantomModel model,
                      DicomWriterCtSeries series) throws IOException {
        PhantomLayout layout = model.layout();
        ObjectNode root = header(o, layout);
        volume(root, o, enc, series);
        ObjectNode hu = root.putObject("hu");
        for (PhantomTissue t : layout.level().tissues()) {
            hu.put(t.jsonName(), t.hu());
        }
        vertebra(root.putObject("vertebra"), layout, plan);
        if (layout.level().thoracic()) {
            PhantomTruthSpine.thorax(root, model);
        }
        markers(root, plan);
        skinAndTable(root, layout.level().torso());
        needles(root, layout, plan, model);
        ArrayNode landmarks = root.putArray("landmarks");
        for (PhantomLevel.Landmark l : layout.level().landmarks()) {
            addLandmark(landmarks, l.name(), PhantomLayout.patientLps(l.local()), l.note());
        }
        probes(root, layout, o.grid());
        AtomicFiles.writeText(file, MAPPER.writeValueAsString(root) + "\n");
    }

    /** The file's identity, the case's seed, level and position, and the turned anatomy when not the default. */
    private static ObjectNode header(PhantomOptions o, PhantomLayout layout) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "vertebroplan-phantom-truth");
        root.put("version", 1);
        root.put("seed", o.seed());
        root.put("level", layout.level().name());
        root.put("patientPosition", o.position().name());
        root.put("note", "Anatomy is a prone body in LPS whatever the patient position; the position only "
            + "changes the DICOM encoding. All points LPS mm.");
        if (!layout.variant().isDefault()) {
            PhantomTruthSpine.anatomy(root, layout);
        }
        return root;
    }

    /** The voxel grid and how it is encoded in DICOM. */
    private static void volume(ObjectNode root, PhantomOptions o, PhantomEncoding enc, DicomWriterCtSeries series) {
        PhantomGrid g = o.grid();
        ObjectNode vol = root.putObject("volume");
        vol.set("canonicalDims", MAPPER.createArrayNode().add(g.nx()).add(g.ny()).add(g.nz()));
        vol.set("spacingMm", arr(g.dx(), g.dy(), g.dz()));
        vol.set("canonicalOriginLps", vec(g.originLps()));
        vol.put("canonicalAxes", "i +x (left), j +y (posterior), k +z (superior)");
        vol.set("canonicalMaxLps", vec(g.maxLps()));
        vol.put("noiseSigmaHu", o.noiseSigmaHu());
        vol.put("noiseWhere", "every voxel whose noise-free value is not pure air; air is exactly -1000");
        vol.put("partialVolumeEdgeMm", g.meanSpacing());
        vol.put("markerStreaks", "in the slices through each marker: " + PhantomVolume.STREAK_HU + " HU * cos("
            + PhantomVolume.STREAK_RAYS + " theta) * exp(-(r - bead radius) / " + PhantomVolume.STREAK_DECAY_MM
            + " mm) * (1 - |z - marker z| / 1.5 mm), r and theta in the axial plane around the bead");
        ObjectNode dcm = vol.putObject("dicom");
        dcm.put("transferSyntaxUid", o.syntax().uid());
        dcm.put("studyInstanceUid", series.studyInstanceUid());
        dcm.put("seriesInstanceUid", series.seriesInstanceUid());
        dcm.put("frameOfReferenceUid", series.frameOfReferenceUid());
        dcm.put("rows", enc.rows());
        dcm.put("columns", enc.columns());
        dcm.put("slices", g.nz());
        dcm.set("rowDirection", vec(o.position().rowDirection()));
        dcm.set("columnDirection", vec(o.position().columnDirection()));
        dcm.set("sliceDirection", vec(o.position().sliceDirection()));
        dcm.set("readerOriginLps", vec(enc.ijkToLps().translation()));
        dcm.set("readerIjkToLps", arr(enc.ijkToLps().toArray()));
        dcm.put("rescaleIntercept", PhantomCase.RESCALE_INTERCEPT);
        dcm.put("rescaleSlope", 1);
        dcm.put("instanceNumbers", "1 = most superior slice");
    }

    /** The target vertebra: body, canal, pedicles, arch, discs and neighbours. */
    private static void vertebra(ObjectNode vert, PhantomLayout layout, Plan plan) {
        vert.set("centreLps", vec(CENTRE_LPS));
        body(vert, layout);
        canal(vert, layout);
        pedicles(vert, layout, plan);
        archAndDiscs(vert, layout);
    }

    /** The body: its shape, size and cortex, its box or planes. */
    private static void body(ObjectNode vert, PhantomLayout layout) {
        PhantomVariant anatomy = layout.variant();
        boolean extra = !layout.variant().isDefault();
        boolean square = !layout.turned();
        boolean flat = !layout.turned() && layout.variant().wedgeDeg() == 0;
        PhantomLevel.Body b = layout.level().body();
        ObjectNode body = vert.putObject("body");
        body.put("shape", flat ? "elliptic cylinder along z, posterior wall flattened"
            : "elliptic cylinder along the superior axis, posterior wall flattened"
                + (anatomy.wedgeDeg() == 0 ? "" : ", endplates tilted towards each other anteriorly (wedge)"));
        body.set("centreLps", vec(CENTRE_LPS));
        body.put("halfWidthMm", b.halfWidth());
        body.put("halfDepthMm", b.halfDepth());
        if (flat) {
            body.put("anteriorY", CENTRE_LPS.y() - b.halfDepth());
            body.put("posteriorWallY", CENTRE_LPS.y() + b.posteriorV());
            body.put("superiorEndplateZ", CENTRE_LPS.z() + b.halfHeight());
            body.put("inferiorEndplateZ", CENTRE_LPS.z() - b.halfHeight());
        }
        body.put("corticalThicknessMm", CORTEX);
        if (square) {
            body.set("boxMinLps", vec(lps(-b.halfWidth(), -b.halfDepth(), -b.halfHeight())));
            body.set("boxMaxLps", vec(lps(b.halfWidth(), b.posteriorV(), b.halfHeight())));
        }
        if (extra) {
            PhantomTruthSpine.bodyPlanes(body, layout);
        }
    }

    /** The canal along the vertebra's superior axis. */
    private static void canal(ObjectNode vert, PhantomLayout layout) {
        PhantomLevel level = layout.level();
        boolean square = !layout.turned();
        PhantomLevel.Canal cl = level.canal();
        ObjectNode canal = vert.putObject("canal");
        canal.put("shape", square ? "elliptic cylinder along z (the whole volume)"
            : "elliptic cylinder along the superior axis (the whole volume)");
        canal.set("centreLineLps", vec(layout.toLps(new Vec3(0, cl.cv(), 0))));
        canal.set("directionLps", square ? arr(0, 0, 1) : vec(layout.frame().superior()));
        canal.put("halfWidthMm", cl.halfWidth());
        canal.put("halfDepthMm", cl.halfDepth());
        canal.put("radiusMm", Math.min(cl.halfWidth(), cl.halfDepth()));
    }

    /** Each needle's pedicle: isthmus, axis and ends. */
    private static void pedicles(ObjectNode vert, PhantomLayout layout, Plan plan) {
        PhantomVariant anatomy = layout.variant();
        PhantomLevel level = layout.level();
        boolean extra = !layout.variant().isDefault();
        PhantomLevel.Pedicle pl = level.pedicle();
        ArrayNode ped = vert.putArray("pedicles");
        for (Needle n : plan.needles()) {
            Side side = n.side();
            Vec3 isthmus = layout.isthmusLps(side), axis = layout.pedicleAxisLps(side);
            ObjectNode p = ped.addObject();
            p.put("side", side.jsonName());
            p.set("isthmusCentreLps", vec(isthmus));
            p.set("axisDirectionLps", vec(axis));
            p.put("axisDirectionMeaning", "unit, posterior to anterior (towards the target)");
            p.put("isthmusHalfWidthMm", anatomy.pedicleHalfWidth());
            p.put("isthmusHalfHeightMm", pl.halfHeight());
            p.put("isthmusRadiusMm", Math.min(anatomy.pedicleHalfWidth(), pl.halfHeight()));
            p.set("posteriorEndLps", vec(isthmus.plusScaled(axis, pl.sPosterior())));
            p.set("anteriorEndLps", vec(isthmus.plusScaled(axis, pl.sAnterior())));
            if (extra) {
                PhantomTruthSpine.pedicle(p, layout, side);
            }
        }
    }

    /** The posterior arch's boxes, the discs above and below, the neighbours' endplates. */
    private static void archAndDiscs(ObjectNode vert, PhantomLayout layout) {
        PhantomVariant anatomy = layout.variant();
        PhantomLevel level = layout.level();
        boolean extra = !layout.variant().isDefault();
        boolean square = !layout.turned();
        boolean flat = !layout.turned() && layout.variant().wedgeDeg() == 0;
        PhantomLevel.Body b = layout.level().body();
        if (square) {
            for (PhantomSolid s : level.arch()) {
                if (s instanceof PhantomSolid.Box box) {
                    vert.set(camel(box.name()) + "BoxLps", box(box));
                }
            }
        }
        if (extra) {
            PhantomTruthSpine.arch(vert, layout);
        }
        double discC = b.halfHeight() + b.discHeight() / 2;
        ArrayNode discs = vert.putArray("discs");
        for (double sign : new double[] {1, -1}) {
            ObjectNode d = discs.addObject();
            d.put("name", sign > 0 ? level.above() + "-" + level.name() : level.name() + "-" + level.below());
            if (flat) {
                d.put("zMin", CENTRE_LPS.z() + sign * discC - b.discHeight() / 2);
                d.put("zMax", CENTRE_LPS.z() + sign * discC + b.discHeight() / 2);
            }
            if (extra) {
                PhantomTruthSpine.disc(d, layout, sign);
            }
        }
        if (square) {
            vert.put("neighbourEndplate" + level.above() + "InferiorZ",
                CENTRE_LPS.z() + b.halfHeight() + b.discHeight());
            vert.put("neighbourEndplate" + level.below() + "SuperiorZ",
                CENTRE_LPS.z() - b.halfHeight() - b.discHeight());
        }
        if (extra) {
            PhantomTruthSpine.neighbours(vert, layout);
            if (anatomy.posteriorWallDefect()) {
                PhantomTruthSpine.posteriorWallDefect(vert, layout);
            }
        }
    }

    private static void markers(ObjectNode root, Plan plan) {
        ArrayNode markers = root.putArray("markers");
        plan.fiducials().forEach(f -> {
            ObjectNode m = markers.addObject();
            m.put("id", f.id());
            m.set("centreLps", vec(f.lps()));
            m.put("diameterMm", MARKER_DIAMETER);
            m.put("hu", PhantomTissue.MARKER.hu());
        });
    }

    /** The skin's ellipse and the table the patient lies on. */
    private static void skinAndTable(ObjectNode root, PhantomLevel.Torso torso) {
        ObjectNode skin = root.putObject("skin");
        skin.put("shape", "ellipse in the axial plane, flattened where it rests on the table (prone)");
        skin.set("torsoCentreLps", vec(lps(0, torso.cv(), 0)));
        skin.put("halfWidthMm", torso.halfWidth());
        skin.put("halfDepthMm", torso.halfDepth());
        skin.put("backSkinMidlineY", CENTRE_LPS.y() + torso.backSkinV());
        skin.put("flatAnteriorY", CENTRE_LPS.y() + torso.tableTopV());
        skin.put("skinThicknessMm", SKIN_THICKNESS);
        skin.put("midlineX", CENTRE_LPS.x());
        ObjectNode table = root.putObject("table");
        table.put("topY", CENTRE_LPS.y() + torso.tableTopV());
        table.put("bottomY", CENTRE_LPS.y() + torso.tableTopV() - TABLE_THICKNESS);
        table.put("shellThicknessMm", TABLE_SHELL);
        table.put("side", "anterior (negative y): the patient lies prone on it");
    }

    /** Each needle of the plan with its exact geometry and clearances. */
    private static void needles(ObjectNode root, PhantomLayout layout, Plan plan, PhantomModel model) {
        PhantomLevel.Body b = layout.level().body();
        boolean extra = !layout.variant().isDefault();
        ArrayNode needles = root.putArray("needles");
        for (Needle n : plan.needles()) {
            NeedleGeometry ng = n.geometry();
            Vec3 boneEntry = model.boneEntryLps(n.entryLps(), n.targetLps());
            ObjectNode o2 = needles.addObject();
            o2.put("id", n.id());
            o2.put("side", n.side().jsonName());
            o2.set("entryLps", vec(n.entryLps()));
            o2.set("targetLps", vec(n.targetLps()));
            o2.set("boneEntryLps", vec(boneEntry));
            o2.put("depthMm", ng.depthMm());
            o2.put("cranialDeg", ng.cranialDeg());
            o2.put("abductionDeg", ng.abductionDeg());
            o2.put("diameterMm", n.diameterMm());
            o2.put("workingLengthMm", n.workingLengthMm());
            double axisToCanal = axisToCanalMm(layout, boneEntry, n.targetLps());
            o2.put("axisToCanalMm", axisToCanal);
            o2.put("canalClearanceMm", axisToCanal - n.diameterMm() / 2);
            o2.put("targetDepthFractionOfBody", (layout.toLocal(n.targetLps()).y() + b.halfDepth()) / b.depth());
            if (extra) {
                NeedleGeometry vg = NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(),
                    layout.frame().angleFrame());
                ObjectNode vf = o2.putObject("vertebraFrame");
                vf.put("cranialDeg", vg.cranialDeg());
                vf.put("abductionDeg", vg.abductionDeg());
            }
        }
    }

    private static void probes(ObjectNode root, PhantomLayout layout, PhantomGrid g) {
        ArrayNode probes = root.putArray("probes");
        for (Probe p : probes(layout, g)) {
            ObjectNode o3 = probes.addObject();
            o3.put("name", p.name());
            o3.set("lps", vec(p.lps()));
            o3.put("tissue", p.tissue().jsonName());
            o3.put("hu", p.tissue().hu());
        }
    }

    /** "spinous process" -> "spinousProcess". */
    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : name.toCharArray()) {
            if (ch == ' ') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }

    private static void addLandmark(ArrayNode a, String name, Vec3 lps, String note) {
        ObjectNode o = a.addObject();
        o.put("name", name);
        o.set("centreLps", vec(lps));
        o.put("note", note);
    }

    private static ObjectNode box(PhantomSolid.Box b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("minLps", vec(lps(b.u0(), b.v0(), b.w0())));
        o.set("maxLps", vec(lps(b.u1(), b.v1(), b.w1())));
        o.put("edgeRadiusMm", b.edgeRadius());
        return o;
    }

    static ArrayNode vec(Vec3 v) {
        return v == null ? null : arr(v.x(), v.y(), v.z());
    }

    /** A JSON array of numbers; negative zeros are written as 0.0. */
    static ArrayNode arr(double... v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : v) {
            a.add(d + 0.0);
        }
        return a;
    }
}
