package org.vertebroplan.phantom;

import static org.vertebroplan.phantom.PhantomAnatomy.*;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * The dimensions of one target level of the phantom, as data: the vertebra (body, discs, neighbours, canal,
 * pedicles, posterior arch) in its own local frame, and the body around it (torso outline, muscles, organs,
 * for thoracic levels the chest with lungs and ribs) in the patient-aligned local frame. Local coordinates
 * are millimetres from the target body centre {@link PhantomAnatomy#CENTRE_LPS}: u left, v posterior,
 * w superior. Another level is another instance: {@link #L2} (lumbar, the bundled sample) and {@link #T8}
 * (thoracic); see docs/phantom.md for the tables.
 *
 * @param name        e.g. "L2"
 * @param above       the neighbour above (its body is modelled beyond the upper disc)
 * @param below       the neighbour below
 * @param region      "lumbar" or "thoracic" (series description)
 * @param arch        the posterior arch solids, both sides listed
 * @param soft        muscles and organs painted in order over the muscle wall (patient frame)
 * @param thorax      the chest (lungs, mediastinum, ribs); null for lumbar levels
 * @param spineBox    where the vertebra may have bone, canal or disc (local): |u| below [0], v within [1]..[2]
 * @param probes      the level's probe points after the common ones (see {@link PhantomTruth#probes})
 * @param landmarks   organs named in truth.json
 * @param grid        the sampling grid of the square level
 */
public record PhantomLevel(String name, String above, String below, String region, Body body, Canal canal,
                           Pedicle pedicle, List<PhantomSolid> arch, Torso torso, List<SoftShape> soft,
                           PhantomThorax thorax, SpineBox spineBox, List<Probe> probes, List<Landmark> landmarks,
                           PhantomGrid grid) {

    public PhantomLevel {
        arch = List.copyOf(arch);
        soft = List.copyOf(soft);
        probes = List.copyOf(probes);
        landmarks = List.copyOf(landmarks);
    }

    /**
     * Vertebral body: an elliptic cylinder (half-axes halfWidth x halfDepth) whose posterior wall is flat at
     * v = posteriorV and whose endplates are at w = +-halfHeight; discs of discHeight above and below (outline
     * x 1.02), then the neighbours (outline x scaleAbove / scaleBelow, neighbourHeight high).
     */
    public record Body(double halfWidth, double halfDepth, double posteriorV, double halfHeight, double discHeight,
                       double neighbourHeight, double scaleAbove, double scaleBelow) {

        /** Body depth, anterior face to posterior wall. */
        public double depth() {
            return posteriorV + halfDepth;
        }

        /** w of the neighbours' centres (+ above, - below). */
        public double neighbourOffset() {
            return halfHeight + discHeight + neighbourHeight / 2;
        }
    }

    /** Spinal canal: an elliptic cylinder along the superior axis, centre v = cv. */
    public record Canal(double cv, double halfWidth, double halfDepth) {
    }

    /**
     * Pedicles: elliptic cylinders along the pedicle axis (isthmus centre to needle target, left side given),
     * cross-section halfWidth x halfHeight, from sPosterior to sAnterior mm along the axis from the isthmus.
     */
    public record Pedicle(Vec3 isthmusLeft, Vec3 targetLeft, double halfWidth, double halfHeight, double sPosterior,
                          double sAnterior) {
    }

    /**
     * Torso outline: an ellipse (centre v = cv) flattened at v = tableTopV where it lies on the table; the
     * inner ellipse bounds the subcutaneous fat (muscle wall inside).
     */
    public record Torso(double cv, double halfWidth, double halfDepth, double innerCv, double innerHalfWidth,
                        double innerHalfDepth, double tableTopV) {

        /** v of the back skin on the midline. */
        public double backSkinV() {
            return cv + halfDepth;
        }

        /** v of the inner fat boundary on the back midline. */
        public double innerBackV() {
            return innerCv + innerHalfDepth;
        }

        /** Signed distance to the skin surface (first order). */
        double sdf(double u, double v) {
            return Math.max(PhantomShapes.ellipse(u, v, 0, cv, halfWidth, halfDepth), tableTopV - v);
        }

        /** Signed distance to the inner boundary of the subcutaneous fat (first order). */
        double innerSdf(double u, double v) {
            return PhantomShapes.ellipse(u, v, 0, innerCv, innerHalfWidth, innerHalfDepth);
        }
    }

    /** An elliptic cylinder along z of one tissue (patient frame); {@code withinInner}: cut by the muscle wall. */
    public record SoftShape(String name, PhantomTissue tissue, double cu, double cv, double halfWidth,
                            double halfDepth, boolean withinInner) {

        double sdf(double u, double v) {
            return PhantomShapes.ellipse(u, v, cu, cv, halfWidth, halfDepth);
        }

        SoftShape mirrored(String mirroredName) {
            return new SoftShape(mirroredName, tissue, -cu, cv, halfWidth, halfDepth, withinInner);
        }
    }

    /** Where the vertebra may have bone, canal or disc (local): |u| < halfWidth, vMin < v < vMax. */
    public record SpineBox(double halfWidth, double vMin, double vMax) {

        boolean contains(double u, double v) {
            return Math.abs(u) < halfWidth && v > vMin && v < vMax;
        }
    }

    /** A named local point deep in one tissue; {@code turned}: part of the spine (turns with it). */
    public record Probe(String name, Vec3 local, PhantomTissue tissue, boolean turned) {
    }

    /** An organ's centre (patient frame, local) named in truth.json. */
    public record Landmark(String name, Vec3 local, String note) {
    }

    /** The lumbar level of the bundled sample (the constants of {@link PhantomAnatomy}). */
    public static final PhantomLevel L2 = lumbar2();

    /** A mid-thoracic level with ribs, lungs and mediastinum. */
    public static final PhantomLevel T8 = thoracic8();

    /** The levels the phantom can build. */
    public static final List<PhantomLevel> ALL = List.of(L2, T8);

    /** The level of this name (case-insensitive). */
    public static PhantomLevel byName(String name) {
        for (PhantomLevel l : ALL) {
            if (l.name.equalsIgnoreCase(name.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown level '" + name + "': the phantom has " + names());
    }

    /** "L2, T8". */
    public static String names() {
        return String.join(", ", ALL.stream().map(PhantomLevel::name).toList());
    }

    public boolean thoracic() {
        return thorax != null;
    }

    /** The tissues this level uses (the lumbar one has neither lung nor joint cartilage). */
    public List<PhantomTissue> tissues() {
        List<PhantomTissue> out = new ArrayList<>();
        for (PhantomTissue t : PhantomTissue.values()) {
            if (thoracic() || !t.thoracicOnly()) {
                out.add(t);
            }
        }
        return out;
    }

    private static PhantomLevel lumbar2() {
        Body body = new Body(BODY_HALF_WIDTH, BODY_HALF_DEPTH, BODY_POSTERIOR_V, BODY_HALF_HEIGHT, DISC_HEIGHT,
            NEIGHBOUR_HEIGHT, 0.97, 1.03);
        PhantomSolid.Box tp = box("transverse process left", TRANSVERSE_LEFT);
        List<PhantomSolid> arch = List.of(box("laminae", LAMINA), box("spinous process", SPINOUS), tp,
            tp.mirrored("transverse process right"));
        Torso torso = new Torso(TORSO_CV, TORSO_HALF_WIDTH, TORSO_HALF_DEPTH, INNER_CV, INNER_HALF_WIDTH,
            INNER_HALF_DEPTH, TABLE_TOP_V);
        SoftShape psoas = soft("left psoas", PhantomTissue.MUSCLE, PSOAS_LEFT, false);
        SoftShape erector = soft("left erector spinae", PhantomTissue.MUSCLE, ERECTOR_LEFT, true);
        List<SoftShape> soft = List.of(psoas, psoas.mirrored("right psoas"), erector,
            erector.mirrored("right erector spinae"), soft("left kidney", PhantomTissue.KIDNEY, KIDNEY_LEFT, false),
            soft("right kidney", PhantomTissue.KIDNEY, KIDNEY_RIGHT, false),
            new SoftShape("aorta", PhantomTissue.BLOOD, AORTA[0], AORTA[1], AORTA[2], AORTA[2], false),
            new SoftShape("inferior vena cava", PhantomTissue.BLOOD, IVC[0], IVC[1], IVC[2], IVC[2], false));
        List<Probe> probes = new ArrayList<>();
        probes.add(spine("spinous process (cancellous)", 0, 50, -3, PhantomTissue.CANCELLOUS_BONE));
        addDiscProbes(probes, "L1", "L2", "L3", body);
        probes.add(patient("left erector spinae", 24, 52, 0, PhantomTissue.MUSCLE));
        probes.add(patient("left psoas", 33, 0, 0, PhantomTissue.MUSCLE));
        probes.add(patient("aorta (patient left)", AORTA[0], AORTA[1], 0, PhantomTissue.BLOOD));
        probes.add(patient("inferior vena cava (patient right)", IVC[0], IVC[1], 0, PhantomTissue.BLOOD));
        probes.add(patient("left kidney", KIDNEY_LEFT[0], KIDNEY_LEFT[1], 0, PhantomTissue.KIDNEY));
        probes.add(patient("viscera", 0, -60, 0, PhantomTissue.SOFT_TISSUE));
        addBodyWallProbes(probes, torso, new Vec3(-140, 85, 0));
        List<Landmark> landmarks = List.of(
            new Landmark("aorta", new Vec3(AORTA[0], AORTA[1], 0), "patient left of the midline (+x)"),
            new Landmark("inferior vena cava", new Vec3(IVC[0], IVC[1], 0), "patient right of the midline (-x)"),
            new Landmark("left kidney", new Vec3(KIDNEY_LEFT[0], KIDNEY_LEFT[1], 0), "+x"),
            new Landmark("right kidney", new Vec3(KIDNEY_RIGHT[0], KIDNEY_RIGHT[1], 0), "-x"));
        return new PhantomLevel(LEVEL, "L1", "L3", "lumbar", body, new Canal(CANAL_CV, CANAL_HALF_WIDTH,
            CANAL_HALF_DEPTH), new Pedicle(ISTHMUS_LOCAL_LEFT, TARGET_LOCAL_LEFT, PEDICLE_HALF_WIDTH,
            PEDICLE_HALF_HEIGHT, PEDICLE_S_POSTERIOR, PEDICLE_S_ANTERIOR), arch, torso, soft, null,
            new SpineBox(52, -30, 68), probes, landmarks, PhantomGrid.DEFAULT);
    }

    /**
     * T8 of an adult: body 30 wide, 26 deep, 20 high; round canal of 16 mm; pedicles 6 mm wide and 12 mm high
     * at the isthmus, converging 9 degrees; spinous process slanting 48 degrees caudally; transverse processes
     * posterolateral; ribs 8 (head at the T8 superior endplate) and 9 (head at the T9 superior endplate,
     * beyond the T8-T9 disc); lungs 3 mm outside the bone; heart, aorta and oesophagus in front.
     */
    private static PhantomLevel thoracic8() {
        Body body = new Body(15, 14, 12, 10, 5, 20, 0.97, 1.03);
        Canal canal = new Canal(20, 8, 8);
        // isthmus (12, 19, 3) -> target (7.8, -7.5, 0.5): converging atan(4.2 / 26.5) = 9.0 deg, target at 25%
        // of the body depth from the anterior face
        Pedicle pedicle = new Pedicle(new Vec3(12, 19, 3), new Vec3(7.8, -7.5, 0.5), 3, 6, -10, 13);
        PhantomSolid.Capsule tp = new PhantomSolid.Capsule("transverse process left", new Vec3(13, 28, 3),
            new Vec3(28, 34, 3), 3.5);
        List<PhantomSolid> arch = List.of(new PhantomSolid.Box("laminae", -14, 14, 28, 34, -9, 7, 1.5),
            new PhantomSolid.Capsule("spinous process", new Vec3(0, 32, 0), new Vec3(0, 55, -27), 3.5), tp,
            tp.mirrored("transverse process right"));
        Torso torso = new Torso(-42, 160, 112, -41, 149, 99, -148);
        SoftShape erector = new SoftShape("left erector spinae", PhantomTissue.MUSCLE, 30, 45, 17, 12, true);
        List<SoftShape> soft = List.of(erector, erector.mirrored("right erector spinae"));
        double ringCv = -45, ringA = 133.5, ringB = 73.5;
        // heads 5 mm in radius, placed to overlap the body by 1.5 mm before the joint gap is cut
        PhantomRib rib8 = new PhantomRib(8, new Vec3(16.8, 9, 10), 5, 30.5, 3, 3, 4, ringCv, ringA, ringB, -30, 0.28,
            "head at the T8 superior endplate and the T7-T8 disc; tubercle at the T8 transverse process");
        PhantomRib rib9 = new PhantomRib(9, new Vec3(16.8, 9, -15), 5, 30.5, -22, 3, 4, ringCv, ringA, ringB, -30,
            0.28, "head at the T9 superior endplate and the T8-T9 disc; tubercle where the T9 transverse process "
                + "would be (T9's arch is not modelled)");
        List<PhantomRib> ribs = List.of(rib8, rib9);
        List<SoftShape> organs = List.of(
            new SoftShape("mediastinal fat", PhantomTissue.FAT, 3, -68, 30, 47, false),
            new SoftShape("heart", PhantomTissue.BLOOD, 12, -80, 50, 32, false),
            new SoftShape("descending aorta", PhantomTissue.BLOOD, 19, -20, 11, 11, false),
            new SoftShape("oesophagus", PhantomTissue.SOFT_TISSUE, -5, -23, 6.5, 6.5, false));
        // the cavity is the rib ring less the shaft radius and 1.5 mm
        PhantomThorax thorax = new PhantomThorax(ringCv, ringA - 5.5, ringB - 5.5, 17, 3, 1.5, organs, ribs, 1.5, 3);
        List<Probe> probes = new ArrayList<>();
        probes.add(spine("spinous process (cancellous)", 0, 43, -13.5, PhantomTissue.CANCELLOUS_BONE));
        addDiscProbes(probes, "T7", "T8", "T9", body);
        probes.add(new Probe("left rib 8 head (cancellous)", rib8.headLeft(), PhantomTissue.CANCELLOUS_BONE, true));
        probes.add(new Probe("right rib 8 head (cancellous)", PhantomAnatomy.sided(rib8.headLeft(), Side.RIGHT),
            PhantomTissue.CANCELLOUS_BONE, true));
        probes.add(new Probe("left rib 9 head (cancellous)", rib9.headLeft(), PhantomTissue.CANCELLOUS_BONE, true));
        probes.add(patient("left lung beside the pedicle", 21, 18, -1, PhantomTissue.LUNG));
        probes.add(patient("right lung beside the pedicle", -21, 18, -1, PhantomTissue.LUNG));
        probes.add(patient("left lung", 70, -30, 0, PhantomTissue.LUNG));
        probes.add(patient("right lung", -70, -30, 0, PhantomTissue.LUNG));
        probes.add(patient("left erector spinae", 30, 45, 0, PhantomTissue.MUSCLE));
        probes.add(patient("descending aorta (patient left)", 19, -20, 0, PhantomTissue.BLOOD));
        probes.add(patient("heart", 12, -80, 0, PhantomTissue.BLOOD));
        probes.add(patient("oesophagus", -5, -23, 0, PhantomTissue.SOFT_TISSUE));
        probes.add(patient("mediastinal fat", 0, -40, 0, PhantomTissue.FAT));
        addBodyWallProbes(probes, torso, new Vec3(-150, 60, 0));
        List<Landmark> landmarks = List.of(
            new Landmark("descending aorta", new Vec3(19, -20, 0), "left anterolateral of the body (+x)"),
            new Landmark("heart", new Vec3(12, -80, 0), "anterior, slightly left"),
            new Landmark("oesophagus", new Vec3(-5, -23, 0), "in front of the body, slightly right (-x)"));
        PhantomGrid grid = PhantomGrid.centred(432, 326, 70, 0.75, 0.75, 1.0, -164);
        return new PhantomLevel("T8", "T7", "T9", "thoracic", body, canal, pedicle, arch, torso, soft, thorax,
            new SpineBox(40, -25, 65), probes, landmarks, grid);
    }

    private static PhantomSolid.Box box(String name, double[] b) {
        return new PhantomSolid.Box(name, b[0], b[1], b[2], b[3], b[4], b[5], b[6]);
    }

    private static SoftShape soft(String name, PhantomTissue t, double[] e, boolean withinInner) {
        return new SoftShape(name, t, e[0], e[1], e[2], e[3], withinInner);
    }

    private static Probe spine(String name, double u, double v, double w, PhantomTissue t) {
        return new Probe(name, new Vec3(u, v, w), t, true);
    }

    private static Probe patient(String name, double u, double v, double w, PhantomTissue t) {
        return new Probe(name, new Vec3(u, v, w), t, false);
    }

    private static void addDiscProbes(List<Probe> probes, String above, String level, String below, Body b) {
        double w = b.halfHeight() + b.discHeight() / 2;
        probes.add(spine("upper disc " + above + "-" + level, 0, 0, w, PhantomTissue.DISC));
        probes.add(spine("lower disc " + level + "-" + below, 0, 0, -w, PhantomTissue.DISC));
    }

    /** Back fat and skin between the markers, air beside the back, the table. */
    private static void addBodyWallProbes(List<Probe> probes, Torso t, Vec3 air) {
        double back = t.backSkinV();
        probes.add(patient("back subcutaneous fat", 0, (back - SKIN_THICKNESS + t.innerBackV()) / 2, 12.5,
            PhantomTissue.FAT));
        probes.add(patient("back skin", 0, back - SKIN_THICKNESS / 2, 12.5, PhantomTissue.SKIN));
        probes.add(new Probe("air behind the back", air, PhantomTissue.AIR, false));
        probes.add(patient("table top shell", 0, t.tableTopV() - TABLE_SHELL / 2, 0, PhantomTissue.TABLE_SHELL));
        probes.add(patient("table core", 0, t.tableTopV() - TABLE_THICKNESS / 2, 0, PhantomTissue.TABLE_CORE));
    }
}
