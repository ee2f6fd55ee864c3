package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Finds the radiopaque skin markers (metal beads) of a planning CT.
 *
 * <p>How: voxels at or above {@code thresholdHu} are grouped into 26-connected blobs by an iterative
 * flood fill over a bit set (no recursion, no per-voxel objects). Each blob gets an HU-weighted
 * sub-voxel centroid, an equivalent-sphere diameter and a bounding-box extent. A blob is accepted as a
 * marker when its size fits a bead, it is not elongated (rods, wires, box markers, couch rails), air is
 * found within {@code maxSkinDistanceMm} of it (it sits on the skin), and it is not surrounded by bone
 * (implants, dense cortex). Accepted markers are ordered cranial to caudal (descending LPS z), which is
 * the M1, M2, M3 order of the plan.
 *
 * <p>Limits: beads must reach the threshold (very small beads blurred by partial volume may not);
 * streak artefacts are not modelled beyond the size checks. When the number of accepted markers is not
 * three the result says so and the user places or corrects them by hand.
 */
public final class FiducialDetector {

    /** The outcome: accepted markers cranial to caudal, rejected blobs with reasons, warnings. */
    public record Detection(List<MarkerCandidate> markers, List<MarkerCandidate> rejected, List<String> warnings) {
    }

    private FiducialDetector() {
    }

    public static Detection detect(Volume volume, FiducialOptions options) {
        List<MarkerCandidate> all = findBlobs(volume, options);
        List<MarkerCandidate> markers = new ArrayList<>();
        List<MarkerCandidate> rejected = new ArrayList<>();
        for (MarkerCandidate c : all) {
            (c.accepted() ? markers : rejected).add(c);
        }
        markers.sort(Comparator.comparingDouble((MarkerCandidate c) -> c.lps().z()).reversed());
        List<String> warnings = new ArrayList<>();
        if (markers.size() != 3) {
            warnings.add("found " + markers.size() + " skin marker" + (markers.size() == 1 ? "" : "s")
                + " where 3 are expected" + (rejected.isEmpty() ? "" : " (" + rejected.size()
                + " dense blob(s) rejected)") + ": place or correct the markers by hand");
        }
        return new Detection(List.copyOf(markers), List.copyOf(rejected), List.copyOf(warnings));
    }

    private static List<MarkerCandidate> findBlobs(Volume v, FiducialOptions o) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        short[] hu = v.voxels();
        long[] visited = new long[(hu.length + 63) / 64];
        List<MarkerCandidate> out = new ArrayList<>();
        IntStack stack = new IntStack();
        double[] sp = v.spacingMm();
        double voxelVolume = sp[0] * sp[1] * sp[2];
        for (int idx = 0; idx < hu.length; idx++) {
            if (hu[idx] < o.thresholdHu() || isSet(visited, idx)) {
                continue;
            }
            Blob b = new Blob();
            set(visited, idx);
            stack.push(idx);
            while (stack.size() > 0) {
                int cur = stack.pop();
                int i = cur % nx, j = (cur / nx) % ny, k = cur / (nx * ny);
                b.add(i, j, k, hu[cur], o.thresholdHu());
                for (int dk = -1; dk <= 1; dk++) {
                    int kk = k + dk;
                    if (kk < 0 || kk >= nz) {
                        continue;
                    }
                    for (int dj = -1; dj <= 1; dj++) {
                        int jj = j + dj;
                        if (jj < 0 || jj >= ny) {
                            continue;
                        }
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            if (ii < 0 || ii >= nx) {
                                continue;
                            }
                            int n = ii + nx * (jj + ny * kk);
                            if (hu[n] >= o.thresholdHu() && !isSet(visited, n)) {
                                set(visited, n);
                                stack.push(n);
                            }
                        }
                    }
                }
            }
            out.add(judge(v, o, b, sp, voxelVolume));
        }
        return out;
    }

    private static MarkerCandidate judge(Volume v, FiducialOptions o, Blob b, double[] sp, double voxelVolume) {
        Vec3 centroid = v.lpsOf(b.si / b.sw, b.sj / b.sw, b.sk / b.sw);
        double diameter = Math.cbrt(6 * b.count * voxelVolume / Math.PI);
        double extent = Math.max((b.maxI - b.minI + 1) * sp[0],
            Math.max((b.maxJ - b.minJ + 1) * sp[1], (b.maxK - b.minK + 1) * sp[2]));
        String why = null;
        double skin = Double.POSITIVE_INFINITY;
        if (diameter < o.minDiameterMm()) {
            why = String.format("too small for a marker (%.1f mm)", diameter);
        } else if (diameter > o.maxDiameterMm()) {
            why = String.format("too large for a marker (%.1f mm): implant, couch or contrast", diameter);
        } else if (extent > o.maxExtentMm()) {
            why = String.format("elongated (%.1f mm long): a rod, wire or box marker, not a bead", extent);
        } else {
            NeighbourhoodStats s = NeighbourhoodStats.around(v, centroid, diameter / 2,
                diameter / 2 + o.maxSkinDistanceMm(), o.airHu(), o.boneHu());
            skin = s.nearestAirMm();
            if (skin > diameter / 2 + o.maxSkinDistanceMm()) {
                why = "not on the skin (no air within " + o.maxSkinDistanceMm() + " mm)";
            } else if (s.boneFraction() > 0.5) {
                why = String.format("surrounded by bone (%.0f %%): implant or dense cortex", 100 * s.boneFraction());
            }
        }
        return new MarkerCandidate(centroid, b.peak, diameter, b.count, extent, skin, why);
    }

    private static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << (i & 63);
    }

    /** Running statistics of one blob. */
    private static final class Blob {
        int count;
        int peak = Integer.MIN_VALUE;
        double si, sj, sk, sw;
        int minI = Integer.MAX_VALUE, minJ = Integer.MAX_VALUE, minK = Integer.MAX_VALUE;
        int maxI = Integer.MIN_VALUE, maxJ = Integer.MIN_VALUE, maxK = Integer.MIN_VALUE;

        void add(int i, int j, int k, int value, int threshold) {
            count++;
            peak = Math.max(peak, value);
            double w = value - threshold + 1.0;
            si += w * i;
            sj += w * j;
            sk += w * k;
            sw += w;
            minI = Math.min(minI, i);
            minJ = Math.min(minJ, j);
            minK = Math.min(minK, k);
            maxI = Math.max(maxI, i);
            maxJ = Math.max(maxJ, j);
            maxK = Math.max(maxK, k);
        }
    }

    /** A growable stack of ints. */
    private static final class IntStack {
        private int[] a = new int[1024];
        private int n;

        void push(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int pop() {
            return a[--n];
        }

        int size() {
            return n;
        }
    }
}
