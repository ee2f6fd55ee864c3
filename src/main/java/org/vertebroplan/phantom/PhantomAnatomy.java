package org.vertebroplan.phantom;

import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Side;

/**
 * The dimensions of the bundled sample's prone lumbar CT (target level L2, {@link PhantomLevel#L2} is built
 * from these) and what every level shares (centre, skin and table thickness, markers, needle), in
 * millimetres, in a local frame whose axes are the LPS axes and whose origin is the centre of the target
 * vertebral body, {@link #CENTRE_LPS}: u = x - cx (patient left +), v = y - cy (posterior +), w = z - cz
 * (superior +). The static positions below ({@link #isthmusLps} etc.) are those of the square L2; other
 * levels, turned spines and variants are worked out by {@link PhantomLayout}.
 *
 * <p>Sizes follow adult lumbar anatomy (body 44 x 30 x 26 mm, canal 22 x 17 mm, pedicles 8 x 14 mm,
 * pedicle axes converging 19 degrees, spinous tip 20 mm under the back skin); the torso is a 290 x 200 mm
 * ellipse whose anterior side is flattened where it rests on the CT table (prone). Three 2.5 mm metal
 * beads lie on the back skin on the midline, 25 mm apart. The pedicle axis of each side runs from its
 * isthmus centre to a target in the anterior third of the body; the needle along it starts where that
 * line meets the skin ({@link PhantomModel#needleEntryLps}).
 *
 * <p>Limits: no facet joints, no posterior elements on the neighbouring vertebrae, no rib or bowel gas.
 */
public final class PhantomAnatomy {

    private PhantomAnatomy() {
    }

    /** LPS centre of the target vertebral body, any level (deliberately not the origin: catches index/mm mix-ups). */
    public static final Vec3 CENTRE_LPS = new Vec3(1.5, 18.0, -142.0);
    public static final String LEVEL = "L2";

    // torso (skin surface): ellipse in the axial plane, flattened on the table
    public static final double TORSO_CV = -18, TORSO_HALF_WIDTH = 145, TORSO_HALF_DEPTH = 100;
    /** Back skin on the midline: v = TORSO_CV + TORSO_HALF_DEPTH. */
    public static final double BACK_SKIN_V = TORSO_CV + TORSO_HALF_DEPTH;
    public static final double SKIN_THICKNESS = 2.0;
    /** Inner boundary of the subcutaneous fat (muscle wall and viscera inside). */
    public static final double INNER_CV = -16, INNER_HALF_WIDTH = 130, INNER_HALF_DEPTH = 86;

    // CT table (prone: under the anterior side, at negative v): carbon shells around a foam core
    public static final double TABLE_TOP_V = -112, TABLE_THICKNESS = 12, TABLE_SHELL = 2, TABLE_HALF_WIDTH = 220;

    // vertebral body of L2: ellipse, flat posterior wall, endplates at w = +-BODY_HALF_HEIGHT
    public static final double BODY_HALF_WIDTH = 22, BODY_HALF_DEPTH = 16, BODY_POSTERIOR_V = 12;
    public static final double BODY_HALF_HEIGHT = 13, CORTEX = 1.2;
    /** Disc height above and below; the neighbouring bodies (L1, L3) start beyond the discs. */
    public static final double DISC_HEIGHT = 9, NEIGHBOUR_HEIGHT = 26;

    // spinal canal: elliptic cylinder along z
    public static final double CANAL_CV = 20.5, CANAL_HALF_WIDTH = 11, CANAL_HALF_DEPTH = 8.5;

    // pedicles: elliptic cylinders along the pedicle axis (isthmus -> target), left side given (+u)
    public static final Vec3 ISTHMUS_LOCAL_LEFT = new Vec3(15.5, 19.5, 1.5);
    public static final Vec3 TARGET_LOCAL_LEFT = new Vec3(5.5, -9.0, -1.5);
    public static final double PEDICLE_HALF_WIDTH = 4.0, PEDICLE_HALF_HEIGHT = 7.0;
    /** Pedicle extent along the axis, from the isthmus (negative = posterior). */
    public static final double PEDICLE_S_POSTERIOR = -14.5, PEDICLE_S_ANTERIOR = 16.5;

    // posterior arch (boxes: u0,u1, v0,v1, w0,w1, edge radius)
    public static final double[] LAMINA = {-17, 17, 29, 35, -10, 8, 1.5};
    public static final double[] SPINOUS = {-3, 3, 33, 62, -12, 5, 1.5};
    public static final double[] TRANSVERSE_LEFT = {18, 44, 23, 30, -4, 4, 1.5};

    // soft tissue landmarks: {u, v, half-width, half-depth}
    public static final double[] ERECTOR_LEFT = {24, 52, 20, 22};
    public static final double[] PSOAS_LEFT = {33, 0, 12, 15};
    public static final double[] KIDNEY_LEFT = {70, 5, 28, 18};
    public static final double[] KIDNEY_RIGHT = {-68, 2, 28, 18};
    /** {u, v, radius}: aorta left of the midline (+x), inferior vena cava right. */
    public static final double[] AORTA = {12, -28, 10};
    public static final double[] IVC = {-20, -30, 9};

    // skin markers: metal beads touching the back skin on the midline
    public static final double MARKER_DIAMETER = 2.5;
    /** Cranio-caudal positions (w) of M1, M2, M3: cranial to caudal. */
    public static final List<Double> MARKER_W = List.of(25.0, 0.0, -25.0);

    // needles
    public static final double NEEDLE_DIAMETER = 3.05, NEEDLE_WORKING_LENGTH = 120;

    /** LPS of a local point. */
    public static Vec3 lps(double u, double v, double w) {
        return CENTRE_LPS.plus(new Vec3(u, v, w));
    }

    /** Local point mirrored to the given side (the left side is given, +u). */
    static Vec3 sided(Vec3 leftLocal, Side side) {
        return side == Side.LEFT ? leftLocal : new Vec3(-leftLocal.x(), leftLocal.y(), leftLocal.z());
    }

    /** LPS of the pedicle isthmus centre (on the pedicle axis) of a side. */
    public static Vec3 isthmusLps(Side side) {
        return CENTRE_LPS.plus(sided(ISTHMUS_LOCAL_LEFT, side));
    }

    /** LPS of the needle target (anterior third of the body) of a side. */
    public static Vec3 targetLps(Side side) {
        return CENTRE_LPS.plus(sided(TARGET_LOCAL_LEFT, side));
    }

    /** Unit direction of the pedicle axis, posterior to anterior (isthmus towards target). */
    public static Vec3 pedicleAxisLps(Side side) {
        return targetLps(side).minus(isthmusLps(side)).normalized();
    }

    /** Centre of marker {@code index} (0 = M1, cranial): on the midline, touching the back skin. */
    public static Vec3 markerLps(int index) {
        return lps(0, BACK_SKIN_V + MARKER_DIAMETER / 2, MARKER_W.get(index));
    }
}
