package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vertebroplan.geom.Vec3;

/**
 * Finds a pedicle in a level's local frame: the bone that bounds the canal laterally, between the
 * body and the arch.
 *
 * <p>How: over the pedicle band (from just behind the canal's front to 60 % of its depth, every
 * millimetre in y and z), a scan starts on the midline inside the canal and walks outward; where the
 * canal's wall rises (the CT crosses {@value #WALL_HU} HU right at the canal's labelled edge) a run of
 * bone starts, and it ends at the first clear drop of the CT that stays low for a millimetre (the
 * pedicle's lateral cortex). Runs that start away from the canal (a foramen, then a rib or a facet)
 * are not pedicle. In the thorax the rib head is often fused to the pedicle's side at some heights: the
 * runs' lateral ends then fall into two groups (the pedicle's cortex, the rib head's) and the runs of
 * the far group are left out of the pedicle's centre and width ({@link #lateralLimit}).
 */
final class PedicleFinder {

    /** CT number of the canal's bony wall. */
    static final double WALL_HU = 250;

    /** One scan: at local (y, z) the pedicle spans x from {@code medialX} (canal wall) to {@code lateralX}. */
    record Run(double y, double z, double medialX, double lateralX) {
        double width() {
            return Math.abs(lateralX - medialX);
        }
    }

    /**
     * The pedicle of one side: its runs, the lateral limit of the pedicle proper (from the canal wall's
     * side: runs reaching beyond it include a fused rib head), the median width of its usual runs and
     * its centre (local).
     */
    record Pedicle(int side, List<Run> runs, double lateralLimitX, double medianWidthMm, Vec3 centre) {

        /** The pedicle's usual runs (not those that include a fused rib head). */
        List<Run> typical() {
            return runs.stream().filter(r -> side * r.lateralX <= side * lateralLimitX).toList();
        }

        /**
         * True when the local point lies within the pedicle: at the nearest scanned (y, z) the point's x is
         * between the canal wall and the pedicle's lateral cortex (a run that includes a fused rib head
         * counts only up to the median width), with {@code marginMm} of slack.
         */
        boolean contains(Vec3 p, double marginMm) {
            Run near = null;
            double best = Double.MAX_VALUE;
            for (Run r : runs) {
                double d = Math.hypot(r.y - p.y(), r.z - p.z());
                if (d < best) {
                    best = d;
                    near = r;
                }
            }
            if (near == null || best > 1.5) {
                return false;
            }
            double lateral = Math.min(side * near.lateralX, side * lateralLimitX);
            return side * p.x() >= side * near.medialX - marginMm && side * p.x() <= lateral + marginMm;
        }
    }

    private PedicleFinder() {
    }

    /**
     * Both pedicles, {left, right} (either null when not found). The limit between pedicle and fused rib
     * head is found on the runs of both sides together, mirrored: the vertebra is symmetric in its own
     * frame, and a rib head fused on one side only must not move that side's pedicle outward.
     */
    static Pedicle[] findBoth(LevelAnalysis level) {
        List<Run> left = runs(level, 1), right = runs(level, -1);
        List<Run> pooled = new ArrayList<>(left);
        for (Run r : right) {
            pooled.add(new Run(r.y, r.z, -r.medialX, -r.lateralX));
        }
        if (pooled.size() < 5) {
            return new Pedicle[2];
        }
        double limit = lateralLimit(pooled, 1);
        return new Pedicle[] {pedicle(left, 1, limit), pedicle(right, -1, -limit)};
    }

    /** The pedicle on {@code side} (+1 left, -1 right) alone, or null when no run is found. */
    static Pedicle find(LevelAnalysis level, int side) {
        List<Run> runs = runs(level, side);
        return runs.size() < 5 ? null : pedicle(runs, side, lateralLimit(runs, side));
    }

    /** The scans of one side (see the class comment). */
    private static List<Run> runs(LevelAnalysis level, int side) {
        VertebraSegmentation.CanalExtent canal = level.canalExtent();
        List<Run> runs = new ArrayList<>();
        if (canal == null) {
            return runs;
        }
        double y0 = canal.minY() + 1, y1 = canal.minY() + 0.6 * canal.depthMm();
        double step = 0.25;
        double[] profile = new double[121];
        for (double z = level.bodyBottomZ(); z <= level.bodyTopZ(); z += 1) {
            for (double y = y0; y <= y1; y += 1) {
                if (level.labelAt(new Vec3(0, y, z)) != VertebraSegmentation.CANAL) {
                    continue;
                }
                double wall = Double.NaN;
                for (double x = 0; x <= 30; x += step) {
                    Vec3 p = new Vec3(side * x, y, z);
                    if (level.ctAt(p) >= WALL_HU) {
                        boolean atCanal = level.labelAt(new Vec3(side * Math.max(0, x - 1.5), y, z))
                            == VertebraSegmentation.CANAL;
                        wall = atCanal ? x : Double.NaN;
                        break;
                    }
                }
                if (Double.isNaN(wall)) {
                    continue;
                }
                for (int k = 0; k < profile.length; k++) {
                    profile[k] = level.ctAt(new Vec3(side * (wall + k * step), y, z));
                }
                double end = Profiles.firstBelow(profile, level.boneEdgeHu(), 4);
                if (!Double.isNaN(end) && end * step >= 1) {
                    runs.add(new Run(y, z, side * wall, side * (wall + end * step)));
                }
            }
        }
        return runs;
    }

    private static Pedicle pedicle(List<Run> runs, int side, double limit) {
        List<Run> usual = runs.stream().filter(r -> side * r.lateralX <= side * limit).toList();
        double[] widths = usual.stream().mapToDouble(Run::width).sorted().toArray();
        double sx = 0, sy = 0, sz = 0;
        for (Run r : usual) {
            sx += (r.medialX + r.lateralX) / 2;
            sy += r.y;
            sz += r.z;
        }
        int n = usual.size();
        if (n < 3) {
            return null;
        }
        return new Pedicle(side, List.copyOf(runs), limit, widths[widths.length / 2],
            new Vec3(sx / n, sy / n, sz / n));
    }

    /**
     * The lateral limit of the pedicle proper: where the runs' lateral ends fall into two groups more than
     * {@value #FUSED_GAP_MM} mm apart (the pedicle's own cortex, and a rib head fused to it), the far
     * end of the nearer group; otherwise the farthest end.
     */
    static double lateralLimit(List<Run> runs, int side) {
        double[] ends = runs.stream().mapToDouble(r -> side * r.lateralX).sorted().toArray();
        double bestGap = 0;
        int split = -1;
        for (int i = 0; i + 1 < ends.length; i++) {
            double gap = ends[i + 1] - ends[i];
            // both groups must be real: at least a fifth of the runs each
            if (gap > bestGap && i + 1 >= ends.length / 5 && ends.length - i - 1 >= ends.length / 5) {
                bestGap = gap;
                split = i;
            }
        }
        double far = bestGap > FUSED_GAP_MM ? ends[split] : ends[ends.length - 1];
        return side * far;
    }

    /** A gap between lateral ends wider than this separates the pedicle from a fused rib head. */
    static final double FUSED_GAP_MM = 3;

    /** The median of some values (used for robust widths). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
