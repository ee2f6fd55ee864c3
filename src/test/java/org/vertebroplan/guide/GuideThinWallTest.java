package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;

/**
 * No feature of the base below the printer's minimum wall (issue 10: the marker windows had a knife-edge
 * lip, the engraving left slivers): sections of the exported base through each marker window (square to
 * the skin, through the window's axis, between the notches) and just under the outer surface across each
 * engraved label are opened by a disc of 85 % of the minimum wall's diameter (the sections are of faceted
 * surfaces); what is left (material no such disc covers) must stay below 0.4 mm^2 in one piece: a
 * right-angled corner leaves 0.06 mm^2 (FDM), a 40-degree wedge about 0.4 mm^2, a lip or a sliver more.
 */
class GuideThinWallTest {

    static final double MAX_THIN_MM2 = 0.4;

    @Test
    void theMeasureFindsAThinStripAndPassesAThickBar() {
        // a 10 x 0.5 mm strip is thin everywhere; a 10 x 3 mm bar only at its corners
        assertTrue(ThinWalls.largestThinAreaMm2(ThinWalls.rasterize(rectangle(10, 0.5), -6, -3, 12, 6, 0.02), 0.6) > 4);
        assertTrue(ThinWalls.largestThinAreaMm2(ThinWalls.rasterize(rectangle(10, 3), -6, -3, 12, 6, 0.02), 0.6)
            < MAX_THIN_MM2 / 2);
    }

    private static List<double[]> rectangle(double w, double h) {
        double x = w / 2, y = h / 2;
        return List.of(new double[] {-x, -y, x, -y}, new double[] {x, -y, x, y}, new double[] {x, y, -x, y},
            new double[] {-x, y, -x, -y});
    }

    @ParameterizedTest
    @EnumSource(PrinterPreset.class)
    void windowRimsAndEngravingsKeepTheMinimumWall(PrinterPreset preset) throws Exception {
        GuideDesign g = GuideMeasuredTest.design(preset);
        // 85 % of the minimum wall: the section is of a faceted surface, rasterized at 0.02 mm
        double r = 0.85 * preset.minWallMm() / 2;
        Mesh base = g.base();
        var plan = org.vertebroplan.PhantomCases.get(org.vertebroplan.phantom.PhantomPosition.HFP).truth();
        FiducialFrame frame = FiducialFrame.ofMarkers(plan.fiducials());
        for (Fiducial m : plan.fiducials()) {
            Vec3 n = outerNormal(base, m.lps(), frame.above(), 10);
            for (double az : new double[] {45, 135}) {
                double a = Math.toRadians(az);
                Vec3 in = frame.along().times(Math.cos(a)).plus(frame.left().times(Math.sin(a)));
                Vec3 u = in.minus(n.times(in.dot(n))).normalized();
                List<double[]> section = MeshSections.section(base, m.lps(), u, n);
                double span = g.spec().windowRadiusMm() + 6;
                double thin = ThinWalls.largestThinAreaMm2(ThinWalls.rasterize(section, -span, -3, 2 * span, 10, 0.02), r);
                assertTrue(thin < MAX_THIN_MM2, preset + " window " + m.id() + " at " + az + "°: " + thin + " mm2 thin");
            }
        }
        assertTrue(g.engraved().size() >= 3, "labels: " + g.engraved());
        for (GuideDesign.EngravedLabel label : g.engraved()) {
            // in pieces along the text, each cut by a plane fitted to the outer surface there (the back is
            // curved: one plane across a long label would leave the grooves' depth at its ends)
            int pieces = (int) Math.ceil(label.widthMm() / 5);
            for (int k = 0; k < pieces; k++) {
                double offset = (k + 0.5) * label.widthMm() / pieces - label.widthMm() / 2;
                Vec3 centre = label.centreLps().plus(frame.left().times(offset));
                double half = Math.max(label.widthMm() / pieces, label.heightMm()) / 2 + 2;
                Vec3 n = outerNormal(base, centre, frame.above(), half);
                Vec3 top = outerPoint(base, centre, n, half);
                Vec3 along = frame.along().minus(n.times(frame.along().dot(n))).normalized();
                // half way down the grooves
                List<double[]> section = MeshSections.section(base, top.minus(n.times(BaseField.ENGRAVE_DEPTH_MM / 2)),
                    along, n.cross(along));
                double thin = ThinWalls.largestThinAreaMm2(ThinWalls.rasterize(section, -half, -half, 2 * half,
                    2 * half, 0.02), r);
                assertTrue(thin < MAX_THIN_MM2, preset + " label " + label.text() + " piece " + k + ": " + thin
                    + " mm2 thin");
            }
        }
    }

    /** The outer surface's normal around a point: a plane fitted to the up-facing vertices within the radius. */
    static Vec3 outerNormal(Mesh m, Vec3 centre, Vec3 above, double radius) {
        List<Vec3> pts = outerVertices(m, centre, above, radius);
        Vec3 c = Vec3.ZERO;
        for (Vec3 p : pts) {
            c = c.plus(p);
        }
        c = c.times(1.0 / pts.size());
        // the normal is the direction of least spread: the largest eigenvector of trace(C) I - C (power iteration)
        double[][] cov = new double[3][3];
        for (Vec3 p : pts) {
            double[] d = p.minus(c).toArray();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cov[i][j] += d[i] * d[j];
                }
            }
        }
        double tr = cov[0][0] + cov[1][1] + cov[2][2];
        double[] n = above.toArray();
        for (int it = 0; it < 200; it++) {
            double[] next = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i] += ((i == j ? tr : 0) - cov[i][j]) * n[j];
                }
            }
            double len = Math.sqrt(next[0] * next[0] + next[1] * next[1] + next[2] * next[2]);
            for (int i = 0; i < 3; i++) {
                n[i] = next[i] / len;
            }
        }
        Vec3 normal = new Vec3(n[0], n[1], n[2]);
        return normal.dot(above) < 0 ? normal.times(-1) : normal;
    }

    /** Where the outer surface lies above a point (the highest vertex near the line along n). */
    static Vec3 outerPoint(Mesh m, Vec3 centre, Vec3 n, double radius) {
        List<Vec3> pts = outerVertices(m, centre, n, radius);
        // the surface around (not the grooves): the median of the top decile of heights
        List<Double> hs = new ArrayList<>();
        for (Vec3 p : pts) {
            hs.add(p.minus(centre).dot(n));
        }
        hs.sort(null);
        return centre.plus(n.times(hs.get((int) (hs.size() * 0.9))));
    }

    /** Vertices within the radius (across {@code up}) whose height is within 1 mm of the highest there. */
    static List<Vec3> outerVertices(Mesh m, Vec3 centre, Vec3 up, double radius) {
        float[] p = m.xyz();
        List<Vec3> near = new ArrayList<>();
        double top = -Double.MAX_VALUE;
        for (int v = 0; v < p.length; v += 3) {
            Vec3 q = new Vec3(p[v], p[v + 1], p[v + 2]);
            Vec3 d = q.minus(centre);
            double h = d.dot(up);
            if (d.minus(up.times(h)).norm() < radius) {
                near.add(q);
                top = Math.max(top, h);
            }
        }
        List<Vec3> out = new ArrayList<>();
        for (Vec3 q : near) {
            if (q.minus(centre).dot(up) > top - 1.0) {
                out.add(q);
            }
        }
        return out;
    }
}
