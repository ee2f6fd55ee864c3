package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.dicom.DicomWriterCtSeries;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;

/**
 * The known answers of a phantom case as {@code truth.json} ("format": "vertebroplan-phantom-truth"):
 * volume geometry (canonical LPS grid and what a reader of the DICOM files must derive), the nominal HU
 * of every tissue, the canal, pedicles, body, posterior elements, discs, markers, needles (with depth,
 * angles, bone entry and canal clearance) and probe points deep inside single tissues.
 * All points are LPS millimetres. See docs/phantom.md.
 */
public final class PhantomTruth {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PhantomTruth() {
    }

    /** A named point well inside one tissue, with that tissue's nominal (noise-free) HU. */
    public record Probe(String name, Vec3 lps, PhantomTissue tissue) {
    }

    /** Points at least a voxel away from any boundary, with their tissue. */
    public static List<Probe> probes() {
        List<Probe> p = new ArrayList<>();
        for (int i = 0; i < MARKER_W.size(); i++) {
            p.add(new Probe("marker M" + (i + 1) + " centre", markerLps(i), PhantomTissue.MARKER));
        }
        p.add(new Probe("canal centre", lps(0, CANAL_CV, 0), PhantomTissue.CSF));
        p.add(new Probe("L2 body centre (cancellous)", lps(0, 0, 0), PhantomTissue.CANCELLOUS_BONE));
        p.add(new Probe("L2 anterior cortical shell", lps(0, -BODY_HALF_DEPTH + CORTEX / 2, 0), PhantomTissue.CORTICAL_BONE));
        p.add(new Probe("L2 superior endplate cortex", lps(0, 0, BODY_HALF_HEIGHT - CORTEX / 2), PhantomTissue.CORTICAL_BONE));
        p.add(new Probe("left pedicle isthmus (cancellous)", lps(15.5, 19.5, 1.5), PhantomTissue.CANCELLOUS_BONE));
        p.add(new Probe("right pedicle isthmus (cancellous)", lps(-15.5, 19.5, 1.5), PhantomTissue.CANCELLOUS_BONE));
        p.add(new Probe("spinous process (cancellous)", lps(0, 50, -3), PhantomTissue.CANCELLOUS_BONE));
        p.add(new Probe("upper disc L1-L2", lps(0, 0, BODY_HALF_HEIGHT + DISC_HEIGHT / 2), PhantomTissue.DISC));
        p.add(new Probe("lower disc L2-L3", lps(0, 0, -BODY_HALF_HEIGHT - DISC_HEIGHT / 2), PhantomTissue.DISC));
        p.add(new Probe("left erector spinae", lps(24, 52, 0), PhantomTissue.MUSCLE));
        p.add(new Probe("left psoas", lps(33, 0, 0), PhantomTissue.MUSCLE));
        p.add(new Probe("aorta (patient left)", lps(AORTA[0], AORTA[1], 0), PhantomTissue.BLOOD));
        p.add(new Probe("inferior vena cava (patient right)", lps(IVC[0], IVC[1], 0), PhantomTissue.BLOOD));
        p.add(new Probe("left kidney", lps(KIDNEY_LEFT[0], KIDNEY_LEFT[1], 0), PhantomTissue.KIDNEY));
        p.add(new Probe("viscera", lps(0, -60, 0), PhantomTissue.SOFT_TISSUE));
        p.add(new Probe("back subcutaneous fat", lps(0, 75, 12.5), PhantomTissue.FAT));
        p.add(new Probe("back skin", lps(0, BACK_SKIN_V - SKIN_THICKNESS / 2, 12.5), PhantomTissue.SKIN));
        p.add(new Probe("air behind the back", lps(-140, 85, 0), PhantomTissue.AIR));
        p.add(new Probe("table top shell", lps(0, TABLE_TOP_V - TABLE_SHELL / 2, 0), PhantomTissue.TABLE_SHELL));
        p.add(new Probe("table core", lps(0, TABLE_TOP_V - TABLE_THICKNESS / 2, 0), PhantomTissue.TABLE_CORE));
        return p;
    }

    /** Smallest distance in the axial plane from a needle axis segment to the canal boundary (mm). */
    static double axisToCanalMm(Vec3 from, Vec3 to) {
        double best = Double.MAX_VALUE;
        int n = 3600;
        for (int s = 0; s <= 400; s++) {
            Vec3 p = from.lerp(to, s / 400.0).minus(CENTRE_LPS);
            for (int k = 0; k < n; k++) {
                double t = 2 * Math.PI * k / n;
                double dx = p.x() - CANAL_HALF_WIDTH * Math.cos(t);
                double dy = p.y() - (CANAL_CV + CANAL_HALF_DEPTH * Math.sin(t));
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy));
            }
        }
        return best;
    }

    static void write(Path file, PhantomOptions o, PhantomEncoding enc, Plan plan, PhantomModel model,
                      DicomWriterCtSeries series) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "vertebroplan-phantom-truth");
        root.put("version", 1);
        root.put("seed", o.seed());
        root.put("level", LEVEL);
        root.put("patientPosition", o.position().name());
        root.put("note", "Anatomy is a prone body in LPS whatever the patient position; the position only "
            + "changes the DICOM encoding. All points LPS mm.");

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

        ObjectNode hu = root.putObject("hu");
        for (PhantomTissue t : PhantomTissue.values()) {
            hu.put(t.jsonName(), t.hu());
        }

        ObjectNode vert = root.putObject("vertebra");
        vert.set("centreLps", vec(CENTRE_LPS));
        ObjectNode body = vert.putObject("body");
        body.put("shape", "elliptic cylinder along z, posterior wall flattened");
        body.set("centreLps", vec(CENTRE_LPS));
        body.put("halfWidthMm", BODY_HALF_WIDTH);
        body.put("halfDepthMm", BODY_HALF_DEPTH);
        body.put("anteriorY", CENTRE_LPS.y() - BODY_HALF_DEPTH);
        body.put("posteriorWallY", CENTRE_LPS.y() + BODY_POSTERIOR_V);
        body.put("superiorEndplateZ", CENTRE_LPS.z() + BODY_HALF_HEIGHT);
        body.put("inferiorEndplateZ", CENTRE_LPS.z() - BODY_HALF_HEIGHT);
        body.put("corticalThicknessMm", CORTEX);
        body.set("boxMinLps", vec(lps(-BODY_HALF_WIDTH, -BODY_HALF_DEPTH, -BODY_HALF_HEIGHT)));
        body.set("boxMaxLps", vec(lps(BODY_HALF_WIDTH, BODY_POSTERIOR_V, BODY_HALF_HEIGHT)));
        ObjectNode canal = vert.putObject("canal");
        canal.put("shape", "elliptic cylinder along z (the whole volume)");
        canal.set("centreLineLps", vec(lps(0, CANAL_CV, 0)));
        canal.set("directionLps", arr(0, 0, 1));
        canal.put("halfWidthMm", CANAL_HALF_WIDTH);
        canal.put("halfDepthMm", CANAL_HALF_DEPTH);
        canal.put("radiusMm", Math.min(CANAL_HALF_WIDTH, CANAL_HALF_DEPTH));
        ArrayNode ped = vert.putArray("pedicles");
        for (Needle n : plan.needles()) {
            ObjectNode p = ped.addObject();
            p.put("side", n.side().jsonName());
            p.set("isthmusCentreLps", vec(isthmusLps(n.side())));
            p.set("axisDirectionLps", vec(pedicleAxisLps(n.side())));
            p.put("axisDirectionMeaning", "unit, posterior to anterior (towards the target)");
            p.put("isthmusHalfWidthMm", PEDICLE_HALF_WIDTH);
            p.put("isthmusHalfHeightMm", PEDICLE_HALF_HEIGHT);
            p.put("isthmusRadiusMm", Math.min(PEDICLE_HALF_WIDTH, PEDICLE_HALF_HEIGHT));
            p.set("posteriorEndLps", vec(isthmusLps(n.side()).plusScaled(pedicleAxisLps(n.side()), PEDICLE_S_POSTERIOR)));
            p.set("anteriorEndLps", vec(isthmusLps(n.side()).plusScaled(pedicleAxisLps(n.side()), PEDICLE_S_ANTERIOR)));
        }
        vert.set("laminaeBoxLps", box(LAMINA, false));
        vert.set("spinousProcessBoxLps", box(SPINOUS, false));
        vert.set("transverseProcessLeftBoxLps", box(TRANSVERSE_LEFT, false));
        vert.set("transverseProcessRightBoxLps", box(TRANSVERSE_LEFT, true));
        double discC = BODY_HALF_HEIGHT + DISC_HEIGHT / 2;
        ArrayNode discs = vert.putArray("discs");
        for (double sign : new double[] {1, -1}) {
            ObjectNode d = discs.addObject();
            d.put("name", sign > 0 ? "L1-L2" : "L2-L3");
            d.put("zMin", CENTRE_LPS.z() + sign * discC - DISC_HEIGHT / 2);
            d.put("zMax", CENTRE_LPS.z() + sign * discC + DISC_HEIGHT / 2);
        }
        vert.put("neighbourEndplateL1InferiorZ", CENTRE_LPS.z() + BODY_HALF_HEIGHT + DISC_HEIGHT);
        vert.put("neighbourEndplateL3SuperiorZ", CENTRE_LPS.z() - BODY_HALF_HEIGHT - DISC_HEIGHT);

        ArrayNode markers = root.putArray("markers");
        plan.fiducials().forEach(f -> {
            ObjectNode m = markers.addObject();
            m.put("id", f.id());
            m.set("centreLps", vec(f.lps()));
            m.put("diameterMm", MARKER_DIAMETER);
            m.put("hu", PhantomTissue.MARKER.hu());
        });

        ObjectNode skin = root.putObject("skin");
        skin.put("shape", "ellipse in the axial plane, flattened where it rests on the table (prone)");
        skin.set("torsoCentreLps", vec(lps(0, TORSO_CV, 0)));
        skin.put("halfWidthMm", TORSO_HALF_WIDTH);
        skin.put("halfDepthMm", TORSO_HALF_DEPTH);
        skin.put("backSkinMidlineY", CENTRE_LPS.y() + BACK_SKIN_V);
        skin.put("flatAnteriorY", CENTRE_LPS.y() + TABLE_TOP_V);
        skin.put("skinThicknessMm", SKIN_THICKNESS);
        skin.put("midlineX", CENTRE_LPS.x());
        ObjectNode table = root.putObject("table");
        table.put("topY", CENTRE_LPS.y() + TABLE_TOP_V);
        table.put("bottomY", CENTRE_LPS.y() + TABLE_TOP_V - TABLE_THICKNESS);
        table.put("shellThicknessMm", TABLE_SHELL);
        table.put("side", "anterior (negative y): the patient lies prone on it");

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
            double axisToCanal = axisToCanalMm(boneEntry, n.targetLps());
            o2.put("axisToCanalMm", axisToCanal);
            o2.put("canalClearanceMm", axisToCanal - n.diameterMm() / 2);
            o2.put("targetDepthFractionOfBody", (n.targetLps().y() - (CENTRE_LPS.y() - BODY_HALF_DEPTH))
                / (BODY_POSTERIOR_V + BODY_HALF_DEPTH));
        }
        ArrayNode landmarks = root.putArray("landmarks");
        addLandmark(landmarks, "aorta", lps(AORTA[0], AORTA[1], 0), "patient left of the midline (+x)");
        addLandmark(landmarks, "inferior vena cava", lps(IVC[0], IVC[1], 0), "patient right of the midline (-x)");
        addLandmark(landmarks, "left kidney", lps(KIDNEY_LEFT[0], KIDNEY_LEFT[1], 0), "+x");
        addLandmark(landmarks, "right kidney", lps(KIDNEY_RIGHT[0], KIDNEY_RIGHT[1], 0), "-x");

        ArrayNode probes = root.putArray("probes");
        for (Probe p : probes()) {
            ObjectNode o3 = probes.addObject();
            o3.put("name", p.name());
            o3.set("lps", vec(p.lps()));
            o3.put("tissue", p.tissue().jsonName());
            o3.put("hu", p.tissue().hu());
        }
        Files.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }

    private static void addLandmark(ArrayNode a, String name, Vec3 lps, String note) {
        ObjectNode o = a.addObject();
        o.put("name", name);
        o.set("centreLps", vec(lps));
        o.put("note", note);
    }

    private static ObjectNode box(double[] b, boolean mirror) {
        ObjectNode o = MAPPER.createObjectNode();
        double u0 = mirror ? -b[1] : b[0], u1 = mirror ? -b[0] : b[1];
        o.set("minLps", vec(lps(u0, b[2], b[4])));
        o.set("maxLps", vec(lps(u1, b[3], b[5])));
        o.put("edgeRadiusMm", b[6]);
        return o;
    }

    private static ArrayNode vec(Vec3 v) {
        return v == null ? null : arr(v.x(), v.y(), v.z());
    }

    private static ArrayNode arr(double... v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }
}
