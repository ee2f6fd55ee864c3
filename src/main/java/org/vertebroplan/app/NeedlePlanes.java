package org.vertebroplan.app;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.VertebraSegmentation;
import org.vertebroplan.volume.Volume;

/**
 * The two oblique slice planes that follow a needle (pure geometry, no JavaFX), as pixel grids
 * ({@link SliceGeometry#around}) the {@link SliceRenderer} samples like any other slice:
 * <ul>
 *   <li>{@link Kind#ALONG}: the plane containing the needle's axis and the left-right axis of its
 *       vertebra (the oblique axial view in which the pedicle path is judged), seen like an axial
 *       slice: the vertebra's left on the screen's right, posterior down; centred on the needle's
 *       midpoint, wide enough for the whole needle;</li>
 *   <li>{@link Kind#ACROSS}: the plane perpendicular to the needle at its pedicle isthmus
 *       ({@link #isthmus}), seen down the needle from its entry, as the surgeon looks along it: the
 *       patient's left on the screen's left, superior up.</li>
 * </ul>
 * The vertebra's axes are those of the needle's angle frame (the level's recorded or measured
 * vertebra frame, else the patient frame). {@code offsetMm} moves the plane: along its normal for
 * ALONG, along the needle for ACROSS.
 */
final class NeedlePlanes {

    /** Which plane. */
    enum Kind {
        ALONG("along", "Along"), ACROSS("across", "Across");

        private final String id;
        private final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Lower-case name for node ids ({@code slice-along}). */
        String id() {
            return id;
        }

        String title() {
            return title;
        }
    }

    /** Half the side of the view across the needle, mm. */
    static final double ACROSS_HALF_MM = 20;
    /** The view along the needle shows the needle and this much beyond each end, mm. */
    static final double ALONG_MARGIN_MM = 20;
    /** A proposal's pedicle centre farther than this from the (edited) needle is no longer used. */
    static final double PEDICLE_CENTRE_REACH_MM = 10;
    /** Largest side of a needle view in pixels. */
    static final int MAX_SIDE = 512;

    private NeedlePlanes() {
    }

    /** The point of the needle the view across it shows, and how it was found. */
    record Section(Vec3 pointLps, String where) {
    }

    /**
     * Where the needle passes the pedicle: the point of its axis nearest to the proposal's pedicle
     * centre when there is one within {@value #PEDICLE_CENTRE_REACH_MM} mm of it; else where it crosses
     * the canal's front (the body's posterior wall in the measured vertebra); else its midpoint.
     */
    static Section isthmus(Needle n, Vec3 pedicleCentreLps, LevelAnalysis level) {
        Vec3 e = n.entryLps();
        Vec3 u = n.direction();
        double depth = e.distance(n.targetLps());
        if (pedicleCentreLps != null) {
            double s = pedicleCentreLps.minus(e).dot(u);
            Vec3 onAxis = e.plusScaled(u, s);
            if (s >= 0 && s <= depth && onAxis.distance(pedicleCentreLps) <= PEDICLE_CENTRE_REACH_MM) {
                return new Section(onAxis, "pedicle isthmus");
            }
        }
        if (level != null) {
            double ye = level.toLocal(e).y();
            double yt = level.toLocal(n.targetLps()).y();
            double front = level.bodyPosteriorY();
            if (ye != yt && (ye - front) * (yt - front) <= 0) {
                return new Section(e.lerp(n.targetLps(), (ye - front) / (ye - yt)), "canal front");
            }
        }
        return new Section(e.lerp(n.targetLps(), 0.5), "midpoint");
    }

    /** The view along the needle (see the class comment). */
    static SliceGeometry along(Volume v, Needle n, AngleFrame frame, double offsetMm) {
        Vec3 u = n.direction();
        Vec3 right = frame.left();
        if (right.cross(u).norm() < 0.05) { // a needle along the left-right axis: any plane holds it
            right = frame.anterior();
        }
        Vec3 normal = right.cross(u).normalized();
        Vec3 down = normal.cross(right).normalized();
        if (down.dot(frame.anterior()) > 0) {
            down = down.times(-1);
        }
        double depth = n.entryLps().distance(n.targetLps());
        double half = Math.max(40, depth / 2 + ALONG_MARGIN_MM);
        Vec3 centre = n.entryLps().lerp(n.targetLps(), 0.5).plusScaled(right.cross(down).normalized(), offsetMm);
        return SliceGeometry.around(right, down, centre, half, pixel(v, half, 1), finest(v));
    }

    /** The view across the needle at a point of it moved {@code offsetMm} along it. */
    static SliceGeometry across(Volume v, Needle n, AngleFrame frame, Vec3 sectionLps, double offsetMm) {
        Vec3 u = n.direction();
        Vec3 patientRight = frame.left().times(-1);
        Vec3 right = patientRight.minus(u.times(patientRight.dot(u)));
        if (right.norm() < 0.05) {
            right = frame.superior().minus(u.times(frame.superior().dot(u)));
        }
        right = right.normalized();
        Vec3 down = u.cross(right).normalized();
        return SliceGeometry.around(right, down, sectionLps.plusScaled(u, offsetMm), ACROSS_HALF_MM,
            pixel(v, ACROSS_HALF_MM, 0.5), finest(v));
    }

    /** The finest voxel spacing of a volume. */
    static double finest(Volume v) {
        double[] s = v.spacingMm();
        return Math.min(s[0], Math.min(s[1], s[2]));
    }

    /** A pixel of {@code fraction} of the finest spacing, enlarged to keep the side within MAX_SIDE. */
    private static double pixel(Volume v, double halfMm, double fraction) {
        return Math.max(finest(v) * fraction, 2 * halfMm / (MAX_SIDE - 1));
    }

    /**
     * The patient sides a screen direction points to, most first ("L", "PS", "AI"...): each LPS axis whose
     * share of the direction is at least 0.35.
     */
    static String letters(Vec3 d) {
        double[] c = {d.x(), d.y(), d.z()};
        String[] plus = {"L", "P", "S"};
        String[] minus = {"R", "A", "I"};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(c[b]), Math.abs(c[a])));
        StringBuilder b = new StringBuilder();
        double norm = d.norm();
        for (int a : order) {
            if (b.length() == 0 || Math.abs(c[a]) >= 0.35 * norm) {
                b.append(c[a] >= 0 ? plus[a] : minus[a]);
            }
        }
        return b.toString();
    }

    /** Canal (as the check's segmentation of the level found it) is tinted in this colour. */
    static final int CANAL_RGB = 0xB45AFF;

    /** Tints the pixels of a rendered slice that lie in the level's canal (alpha 0.4). */
    static void tintCanal(int[] argb, SliceGeometry g, double position, LevelAnalysis level) {
        if (level == null || !level.hasCanal()) {
            return;
        }
        int cr = CANAL_RGB >> 16 & 0xFF;
        int cg = CANAL_RGB >> 8 & 0xFF;
        int cb = CANAL_RGB & 0xFF;
        for (int v = 0; v < g.height(); v++) {
            for (int u = 0; u < g.width(); u++) {
                if (level.labelAt(level.toLocal(g.lpsAt(u, v, position))) == VertebraSegmentation.CANAL) {
                    int p = argb[v * g.width() + u];
                    int r = (int) ((p >> 16 & 0xFF) * 0.6 + cr * 0.4);
                    int gr = (int) ((p >> 8 & 0xFF) * 0.6 + cg * 0.4);
                    int b = (int) ((p & 0xFF) * 0.6 + cb * 0.4);
                    argb[v * g.width() + u] = 0xFF000000 | r << 16 | gr << 8 | b;
                }
            }
        }
    }
}
