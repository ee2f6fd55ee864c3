package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * A label map of one vertebral level, for the safety check and the trajectory proposal: bone walls,
 * the bone interior they enclose, the spinal canal, and which bone belongs to the target vertebra.
 *
 * <p>How: the body's extent from endplate to endplate is found by {@link LevelFinder}; each slice of a box
 * over that extent is labelled by {@link SliceLabeller} (walls closed,
 * soft tissue flooded from the box border, enclosed regions measured). The target vertebra is the
 * 6-connected component of bone (walls and interior) that contains the centre point (or the bone
 * nearest to it): discs separate it from its neighbours. The canal is the low-HU enclosed region
 * that this vertebra's ring of bone surrounds (most of the bone around it belongs to the vertebra),
 * behind the centre point (which lies in the body), the largest one in each slice. In slices where the arch is open (the foramina) the canal is not
 * enclosed; there the nearest slice's canal cross-section is carried over, within the vertebra's
 * height, so the canal stays a continuous tube through the level. The body is the part of the
 * vertebra in front of the canal.
 *
 * <p>Limits: assumes axial slices (k close to the body axis); bridging osteophytes can join two
 * vertebrae; very osteoporotic cancellous bone near {@code canalMaxHu} enclosed behind the body would
 * be taken for canal (a false "unsafe", never a false "safe").
 */
public final class VertebraSegmentation {

    public static final byte SOFT = 0;
    public static final byte BONE = 1;
    public static final byte CANAL = 2;
    public static final byte INTERIOR = 3;

    private final Volume volume;
    private final int i0, j0, k0, w, h, d;
    private final byte[] labels;
    private final long[] vertebra;
    private final Vec3 bodyCentroidLps;
    private final List<Vec3> canalPointsLps;
    private final CanalExtent canalExtent;
    private final long[] joined;

    private VertebraSegmentation(Volume volume, int[] box, byte[] labels, long[] vertebra, long[] joined,
                                 Vec3 bodyCentroidLps,
                                 List<Vec3> canalPointsLps) {
        this.volume = volume;
        this.i0 = box[0];
        this.j0 = box[1];
        this.k0 = box[2];
        this.w = box[3];
        this.h = box[4];
        this.d = box[5];
        this.labels = labels;
        this.vertebra = vertebra;
        this.bodyCentroidLps = bodyCentroidLps;
        this.canalPointsLps = canalPointsLps;
        this.canalExtent = extentOf(canalPointsLps);
        this.joined = joined;
    }

    /** Segments the level around {@code centreLps} (a point in or near the vertebral body). */
    public static VertebraSegmentation around(Volume v, Vec3 centreLps, SegmentationOptions o) {
        int[] box = box(v, centreLps, o);
        int w = box[3], h = box[4], d = box[5], slice = w * h;
        byte[] labels = new byte[slice * d];
        SliceLabeller labeller = new SliceLabeller(v, box[0], box[1], w, h, o);
        List<SliceLabeller.Region> candidates = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            for (SliceLabeller.Region r : labeller.label(box[2] + k, labels, k * slice)) {
                if (r.canalCandidate()) {
                    candidates.add(r);
                }
            }
        }
        Vec3 c = v.lpsToIjk().apply(centreLps);
        int seed = nearestBone(labels, w, h, d, (int) Math.round(c.x()) - box[0], (int) Math.round(c.y()) - box[1],
            (int) Math.round(c.z()) - box[2], v.spacingMm(), 10);
        long[] vertebra = new long[(labels.length + 63) / 64];
        int[] zRange = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        long[] joined = new long[vertebra.length];
        if (seed >= 0) {
            long[][] both = vertebraOf(v, box, labels, seed, zRange);
            vertebra = both[0];
            joined = both[1];
        }
        // the canal: per slice, the largest candidate that the vertebra's bone encloses
        SliceLabeller.Region[] canalOf = new SliceLabeller.Region[d];
        for (SliceLabeller.Region r : candidates) {
            int k = r.k() - box[2];
            boolean behindCentre = r.centroidLps().y() > centreLps.y() + 3
                && Math.abs(r.centroidLps().x() - centreLps.x()) < 25;
            if (behindCentre && enclosedByVertebra(r, labels, vertebra, w, h, k * slice)
                && (canalOf[k] == null || r.pixels().length > canalOf[k].pixels().length)) {
                canalOf[k] = r;
            }
        }
        boolean[] canalSlice = new boolean[d];
        for (SliceLabeller.Region r : candidates) {
            int k = r.k() - box[2];
            byte value = canalOf[k] == r ? CANAL : INTERIOR;
            for (int p : r.pixels()) {
                labels[k * slice + p] = value;
            }
            canalSlice[k] |= canalOf[k] == r;
        }
        if (seed >= 0) {
            carryCanalOver(labels, canalSlice, slice, zRange[0], zRange[1]);
        }
        List<Vec3> canalPoints = new ArrayList<>();
        double minCanalY = Double.POSITIVE_INFINITY;
        for (int k = 0; k < d; k++) {
            for (int p = 0; p < slice; p++) {
                if (labels[k * slice + p] == CANAL) {
                    Vec3 q = v.lpsOf(box[0] + p % w, box[1] + p / w, box[2] + k);
                    canalPoints.add(q);
                    minCanalY = Math.min(minCanalY, q.y());
                }
            }
        }
        Vec3 body = bodyCentroid(v, box, vertebra, minCanalY, centreLps);
        return new VertebraSegmentation(v, box, labels, vertebra, joined, body, List.copyOf(canalPoints));
    }

    /** The voxel box {i0, j0, k0, w, h, d} covering an LPS box around the level (arch posterior, +y). */
    private static int[] box(Volume v, Vec3 centreLps, SegmentationOptions o) {
        double hw = o.halfWidthMm();
        double[] z = LevelFinder.bodyZRange(v, centreLps, o.halfHeightMm(), 6);
        double[] lo = {centreLps.x() - hw, centreLps.y() - 0.6 * hw, z[0] - 1};
        double[] hi = {centreLps.x() + hw, centreLps.y() + 1.4 * hw, z[1] + 1};
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            double[] a = v.lpsToIjk().apply((corner & 1) == 0 ? lo[0] : hi[0], (corner & 2) == 0 ? lo[1] : hi[1],
                (corner & 4) == 0 ? lo[2] : hi[2]).toArray();
            for (int axis = 0; axis < 3; axis++) {
                min[axis] = Math.min(min[axis], a[axis]);
                max[axis] = Math.max(max[axis], a[axis]);
            }
        }
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] box = new int[6];
        for (int axis = 0; axis < 3; axis++) {
            int from = clamp((int) Math.floor(min[axis]), n[axis]);
            int to = clamp((int) Math.ceil(max[axis]), n[axis]);
            box[axis] = from;
            box[axis + 3] = to - from + 1;
        }
        return box;
    }

    private static boolean isBone(byte label) {
        return label == BONE || label == INTERIOR;
    }

    /** Index of the bone voxel nearest to (ci, cj, ck) within {@code radiusMm}, or -1. */
    private static int nearestBone(byte[] labels, int w, int h, int d, int ci, int cj, int ck, double[] sp,
                                   double radiusMm) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        int ri = (int) Math.ceil(radiusMm / sp[0]), rj = (int) Math.ceil(radiusMm / sp[1]);
        int rk = (int) Math.ceil(radiusMm / sp[2]);
        for (int k = Math.max(0, ck - rk); k <= Math.min(d - 1, ck + rk); k++) {
            for (int j = Math.max(0, cj - rj); j <= Math.min(h - 1, cj + rj); j++) {
                for (int i = Math.max(0, ci - ri); i <= Math.min(w - 1, ci + ri); i++) {
                    int p = i + w * (j + h * k);
                    if (!isBone(labels[p])) {
                        continue;
                    }
                    double dx = (i - ci) * sp[0], dy = (j - cj) * sp[1], dz = (k - ck) * sp[2];
                    double dist = dx * dx + dy * dy + dz * dz;
                    if (dist < bestD && dist <= radiusMm * radiusMm) {
                        bestD = dist;
                        best = p;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The target vertebra's bone, {vertebra, joined}: the 6-connected flood of all bone from {@code seed},
     * and the part of it that is joined to the rest only through walls below {@value #CONNECT_HU} HU on the
     * CT (a joint, such as a rib head's against the body, bridged by the walls' closing): the strict flood
     * through the interior and dense walls, grown by a voxel into the walls (a thin cortex), is the
     * vertebra proper, the rest of the loose flood is joined bone. When the strict flood reaches less than
     * {@value #MIN_STRICT_FRACTION} of the loose one the vertebra is a pale one and nothing is "joined".
     */
    private static long[][] vertebraOf(Volume v, int[] box, byte[] labels, int seed, int[] zRange) {
        int w = box[3], h = box[4], d = box[5];
        long[] loose = new long[(labels.length + 63) / 64];
        int[] looseRange = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        int looseCount = floodBone(labels, w, h, d, seed, loose, looseRange, p -> true);
        long[] strict = new long[loose.length];
        int[] strictRange = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        int strictCount = floodBone(labels, w, h, d, seed, strict, strictRange, p -> labels[p] == INTERIOR
            || v.get(box[0] + p % w, box[1] + (p / w) % h, box[2] + p / (w * h)) >= CONNECT_HU);
        zRange[0] = looseRange[0];
        zRange[1] = looseRange[1];
        long[] joined = new long[loose.length];
        if (strictCount < MIN_STRICT_FRACTION * looseCount) {
            return new long[][] {loose, joined};
        }
        long[] grown = strict.clone();
        int slice = w * h;
        for (int p = nextSet(strict, 0); p >= 0 && p < labels.length; p = nextSet(strict, p + 1)) {
            int k = p / slice, j = (p % slice) / w, i = p % w;
            int[] nb = {i > 0 ? p - 1 : -1, i < w - 1 ? p + 1 : -1, j > 0 ? p - w : -1, j < h - 1 ? p + w : -1,
                k > 0 ? p - slice : -1, k < d - 1 ? p + slice : -1};
            for (int q : nb) {
                if (q >= 0 && labels[q] == BONE) {
                    set(grown, q);
                }
            }
        }
        for (int i = 0; i < joined.length; i++) {
            joined[i] = loose[i] & ~grown[i];
        }
        return new long[][] {loose, joined};
    }

    /** Walls at least this dense connect bone into the target vertebra (see {@link #vertebraOf}). */
    static final int CONNECT_HU = 350;
    static final double MIN_STRICT_FRACTION = 0.5;

    /**
     * 6-connected flood of bone voxels (that also pass {@code through}) from {@code seed}; records the slice
     * range reached; returns the number of voxels.
     */
    private static int floodBone(byte[] labels, int w, int h, int d, int seed, long[] mask, int[] zRange,
                                 java.util.function.IntPredicate through) {
        int count = 1;
        int[] stack = new int[1024];
        int n = 0;
        stack[n++] = seed;
        set(mask, seed);
        int slice = w * h;
        while (n > 0) {
            int p = stack[--n];
            int k = p / slice, j = (p % slice) / w, i = p % w;
            zRange[0] = Math.min(zRange[0], k);
            zRange[1] = Math.max(zRange[1], k);
            int[] nb = {i > 0 ? p - 1 : -1, i < w - 1 ? p + 1 : -1, j > 0 ? p - w : -1, j < h - 1 ? p + w : -1,
                k > 0 ? p - slice : -1, k < d - 1 ? p + slice : -1};
            for (int q : nb) {
                if (q >= 0 && isBone(labels[q]) && !get(mask, q) && through.test(q)) {
                    set(mask, q);
                    count++;
                    if (n == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, n * 2);
                    }
                    stack[n++] = q;
                }
            }
        }
        return count;
    }

    /** True when most of the bone bordering the region belongs to the target vertebra. */
    private static boolean enclosedByVertebra(SliceLabeller.Region r, byte[] labels, long[] vertebra, int w, int h,
                                              int offset) {
        int bone = 0, ours = 0;
        for (int p : r.pixels()) {
            int x = p % w, y = p / w;
            int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
            for (int q : nb) {
                if (q >= 0 && labels[offset + q] == BONE) {
                    bone++;
                    if (get(vertebra, offset + q)) {
                        ours++;
                    }
                }
            }
        }
        return bone > 0 && ours * 2 > bone;
    }

    /** Slices in [zFrom, zTo] without an enclosed canal get the nearest canal cross-section. */
    private static void carryCanalOver(byte[] labels, boolean[] canalSlice, int slice, int zFrom, int zTo) {
        int d = canalSlice.length;
        for (int k = Math.max(0, zFrom); k <= Math.min(d - 1, zTo); k++) {
            if (canalSlice[k]) {
                continue;
            }
            int best = -1;
            for (int off = 1; off < d && best < 0; off++) {
                if (k - off >= 0 && canalSlice[k - off]) {
                    best = k - off;
                } else if (k + off < d && canalSlice[k + off]) {
                    best = k + off;
                }
            }
            if (best < 0) {
                return; // no canal anywhere
            }
            for (int p = 0; p < slice; p++) {
                if (labels[best * slice + p] == CANAL && labels[k * slice + p] != BONE) {
                    labels[k * slice + p] = CANAL;
                }
            }
        }
    }

    private static Vec3 bodyCentroid(Volume v, int[] box, long[] vertebra, double canalFrontY, Vec3 fallback) {
        int w = box[3], h = box[4], d = box[5];
        double sx = 0, sy = 0, sz = 0;
        long n = 0;
        for (int p = nextSet(vertebra, 0); p >= 0 && p < w * h * d; p = nextSet(vertebra, p + 1)) {
            Vec3 q = v.lpsOf(box[0] + p % w, box[1] + (p / w) % h, box[2] + p / (w * h));
            if (q.y() < canalFrontY) {
                sx += q.x();
                sy += q.y();
                sz += q.z();
                n++;
            }
        }
        return n == 0 ? fallback : new Vec3(sx / n, sy / n, sz / n);
    }

    private static CanalExtent extentOf(List<Vec3> points) {
        if (points.isEmpty()) {
            return null;
        }
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY, sx = 0, sy = 0;
        for (Vec3 p : points) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
            sx += p.x();
            sy += p.y();
        }
        return new CanalExtent(minX, maxX, minY, maxY, sx / points.size(), sy / points.size());
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private static int nextSet(long[] bits, int from) {
        int word = from >>> 6;
        if (word >= bits.length) {
            return -1;
        }
        long cur = bits[word] & (-1L << (from & 63));
        while (true) {
            if (cur != 0) {
                return word * 64 + Long.numberOfTrailingZeros(cur);
            }
            if (++word == bits.length) {
                return -1;
            }
            cur = bits[word];
        }
    }

    private int boxIndex(Vec3 lps) {
        Vec3 p = volume.lpsToIjk().apply(lps);
        int i = (int) Math.round(p.x()) - i0, j = (int) Math.round(p.y()) - j0, k = (int) Math.round(p.z()) - k0;
        if (i < 0 || j < 0 || k < 0 || i >= w || j >= h || k >= d) {
            return -1;
        }
        return i + w * (j + h * k);
    }

    /** The label of voxel (i, j, k) of the segmented volume; {@link #SOFT} outside the analysed box. */
    byte label(int i, int j, int k) {
        int a = i - i0, b = j - j0, c = k - k0;
        if (a < 0 || b < 0 || c < 0 || a >= w || b >= h || c >= d) {
            return SOFT;
        }
        return labels[a + w * (b + h * c)];
    }

    /**
     * True when the point lies in bone joined to the target vertebra only through a weak wall (a joint:
     * a rib head against the body or pedicle), see {@link #vertebraOf}.
     */
    public boolean joinedAt(Vec3 lps) {
        int p = boxIndex(lps);
        return p >= 0 && get(joined, p);
    }

    /** True when voxel (i, j, k) of the segmented volume belongs to the target vertebra. */
    boolean inVertebra(int i, int j, int k) {
        int a = i - i0, b = j - j0, c = k - k0;
        return a >= 0 && b >= 0 && c >= 0 && a < w && b < h && c < d && get(vertebra, a + w * (b + h * c));
    }

    /** The label at an LPS point (nearest voxel); {@link #SOFT} outside the analysed box. */
    public byte labelAt(Vec3 lps) {
        int p = boxIndex(lps);
        return p < 0 ? SOFT : labels[p];
    }

    /** True when the point lies in the bone of the target vertebra (walls or interior). */
    public boolean inVertebra(Vec3 lps) {
        int p = boxIndex(lps);
        return p >= 0 && get(vertebra, p);
    }

    /** Receives each voxel of the analysed box with its LPS centre and label. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Vec3 lps, byte label, boolean inVertebra);
    }

    /** Visits every voxel of the analysed box. */
    public void forEach(Visitor visitor) {
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int p = i + w * (j + h * k);
                    visitor.visit(volume.lpsOf(i0 + i, j0 + j, k0 + k), labels[p], get(vertebra, p));
                }
            }
        }
    }

    /** Centroid of the target vertebra's bone in front of the canal (the vertebral body). */
    public Vec3 bodyCentroidLps() {
        return bodyCentroidLps;
    }

    /** Centres of the canal voxels, LPS. */
    public List<Vec3> canalPointsLps() {
        return canalPointsLps;
    }

    public boolean hasCanal() {
        return !canalPointsLps.isEmpty();
    }

    /** The canal's extent in LPS x (left-right) and y (antero-posterior) and its centroid. */
    public record CanalExtent(double minX, double maxX, double minY, double maxY, double centroidX, double centroidY) {

        /** Antero-posterior depth of the canal (mm). */
        public double depthMm() {
            return maxY - minY;
        }
    }

    /** The canal's extent, or null when no canal was found. */
    public CanalExtent canalExtent() {
        return canalExtent;
    }
}
