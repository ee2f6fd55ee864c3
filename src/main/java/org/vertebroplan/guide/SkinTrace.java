package org.vertebroplan.guide;

import java.util.ArrayDeque;
import java.util.List;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Follows the back skin over the guide's footprint: its height above the marker plane on a 2 mm
 * raster, grown outward from the markers (which sit on the skin), each column searched only within
 * 6 mm of its neighbour's height for the tissue-to-air step. Continuity keeps it on the skin: a CT
 * table or blanket beyond the skin and air in the lungs below it are never taken for the skin.
 */
final class SkinTrace {

    private static final double STEP = 2;
    private static final double WINDOW = 6;

    private SkinTrace() {
    }

    /** {lowest, highest} skin height over the rectangle, or null when no skin is found at the markers. */
    static double[] heightRange(Volume ct, FiducialFrame frame, List<Fiducial> markers, double a0, double a1,
                                double l0, double l1) {
        int na = (int) Math.ceil((a1 - a0) / STEP) + 1, nl = (int) Math.ceil((l1 - l0) / STEP) + 1;
        double[] height = new double[na * nl];
        boolean[] known = new boolean[na * nl];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (Fiducial m : markers) {
            FiducialFrame.SkinPoint p = frame.toSkin(m.lps());
            int ia = (int) Math.round((p.alongMm() - a0) / STEP), il = (int) Math.round((p.leftMm() - l0) / STEP);
            if (ia < 0 || il < 0 || ia >= na || il >= nl) {
                continue;
            }
            Double h = search(ct, frame, a0 + ia * STEP, l0 + il * STEP, p.aboveMm());
            if (h != null && !known[ia + na * il]) {
                known[ia + na * il] = true;
                height[ia + na * il] = h;
                queue.add(ia + na * il);
            }
        }
        double low = Double.MAX_VALUE, high = -Double.MAX_VALUE;
        while (!queue.isEmpty()) {
            int c = queue.poll();
            low = Math.min(low, height[c]);
            high = Math.max(high, height[c]);
            int ia = c % na, il = c / na;
            int[][] nb = {{ia - 1, il}, {ia + 1, il}, {ia, il - 1}, {ia, il + 1}};
            for (int[] n : nb) {
                if (n[0] < 0 || n[1] < 0 || n[0] >= na || n[1] >= nl || known[n[0] + na * n[1]]) {
                    continue;
                }
                Double h = search(ct, frame, a0 + n[0] * STEP, l0 + n[1] * STEP, height[c]);
                if (h != null) {
                    known[n[0] + na * n[1]] = true;
                    height[n[0] + na * n[1]] = h;
                    queue.add(n[0] + na * n[1]);
                }
            }
        }
        return low == Double.MAX_VALUE ? null : new double[] {low, high};
    }

    /** The tissue-to-air step (going outward) nearest to {@code near}, within the window, or null. */
    private static Double search(Volume ct, FiducialFrame frame, double a, double l, double near) {
        Double best = null;
        double prev = Double.NaN;
        for (double h = near - WINDOW; h <= near + WINDOW; h += 0.25) {
            double hu = ct.sample(frame.toLps(new FiducialFrame.SkinPoint(a, l, h)), Double.NaN);
            if (!Double.isNaN(prev) && !Double.isNaN(hu) && prev >= Tissue.SKIN_HU && hu < Tissue.SKIN_HU
                && (best == null || Math.abs(h - near) < Math.abs(best - near))) {
                best = h;
            }
            prev = hu;
        }
        return best;
    }
}
