package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Finds the radiopaque skin markers (three metal beads taped on the back) of a planning CT, the way a
 * surgeon picks them: small, round, very dense things sitting on the skin, three of them in a line.
 *
 * <p>How:
 * <ol>
 * <li>Candidates. One pass over the voxels on all cores finds the seeds. Metal: every 26-connected blob of
 * voxels at or above {@code thresholdHu}, found by an iterative flood fill over a bit set. Faint: voxels
 * from {@code minPeakHu} up to the threshold that are local maxima, stand out of the skin along two voxel
 * axes and lie near air outside the patient ({@link OutsideAir}: air connected to the sides of the volume,
 * so not lung or bowel gas): a small bead that partial volume has blurred (a 1.5 mm bead on 3 mm slices
 * peaks far below its true HU). A faint blob is grown only within a bead-sized box, so the couch and bone
 * are never flooded whole.</li>
 * <li>Each candidate is measured against its own surroundings ({@link BeadMeasure}): what each voxel would
 * be without it (the CT beside it at the same height over the skin), hence its metal occupancy; metal
 * volume (an HU integral, which partial volume does not change), occupancy-weighted centre (with a fit of
 * how the metal divides between thick slices), principal spreads, what a shell around it is made of. It is
 * rejected, with the first reason that applies, when its blob is longer than {@code maxExtentMm} or far too
 * big, an isolated noise voxel or pair (nothing spills into the neighbours of its two brightest voxels, which
 * a bead wider than a voxel always does), too small or too large (diameter of the ball of its metal volume),
 * elongated, inside bone or on the couch, not on the skin (no outside air within {@code maxSkinDistanceMm},
 * or no soft tissue next to it), or not dense enough for metal (its brightest voxel much emptier than a ball
 * of that metal volume would leave it: plastic, bone chips). A faint candidate must also stand
 * {@code minContrastHu} above what lies beside it; a faint blob that fails any rule is skin, couch or bone
 * and is not reported.</li>
 * <li>Set selection. When more than three candidates pass, the three that best fit the pattern
 * ({@link MarkerPattern}: near-collinear, similar spacings in a plausible range, facing the same way,
 * preferably the back) are the markers and the others are rejected as not fitting it. When no three
 * fit, none is accepted (a guess could be wrong). Three that pass but do not fit are kept with a
 * warning, as are fewer than three. Markers are never invented.</li>
 * </ol>
 * Accepted markers are ordered cranial to caudal (descending LPS z), the M1, M2, M3 order of the plan.
 * Everything is in LPS millimetres and voxel sizes enter only as "the voxel size along this direction", so
 * thin or thick slices and axial, sagittal or coronal storage give the same result.
 *
 * <p>Limits: along the normal of thick slices a bead lying wholly inside one slice can be anywhere in the
 * middle (slice - diameter) of it, so it is placed up to half of that off; a 1.5 mm bead of only 3000 HU
 * that straddles two 3 mm slices can drop below {@code minPeakHu} and is missed (steel beads are far
 * denser); markers of other shapes (rings, crosses) are not beads; a reconstruction circle cutting through
 * the lungs joins them to the outside air.
 */
public final class FiducialDetector {

    /** At most this many bead-like candidates are tried in threes (about 10000 sets). */
    static final int MAX_PATTERN_CANDIDATES = 40;

    /** Size of the cells of the outside-air map, mm. */
    static final double AIR_CELL_MM = 2.0;

    /**
     * The outcome: accepted markers cranial to caudal, rejected candidates with reasons, warnings, and the
     * fit of the accepted three to the marker pattern (null unless three were accepted).
     */
    public record Detection(List<MarkerCandidate> markers, List<MarkerCandidate> rejected, List<String> warnings,
                            MarkerPattern pattern) {
    }

    private FiducialDetector() {
    }

    public static Detection detect(Volume volume, FiducialOptions options) {
        return select(search(volume, options).judged, options);
    }

    /** The candidate search and the judgement of every candidate (before set selection). */
    static Candidates search(Volume volume, FiducialOptions options) {
        Candidates found = new Candidates(volume, options);
        found.scan();
        found.findMetal();
        found.findFaint();
        return found;
    }

    /** Set selection over the judged candidates (see the class comment). */
    static Detection select(List<MarkerCandidate> judged, FiducialOptions o) {
        List<MarkerCandidate> plausible = new ArrayList<>();
        List<MarkerCandidate> rejected = new ArrayList<>();
        for (MarkerCandidate c : judged) {
            (c.accepted() ? plausible : rejected).add(c);
        }
        List<String> warnings = new ArrayList<>();
        List<MarkerCandidate> markers = new ArrayList<>();
        MarkerPattern fit = null;
        if (plausible.size() > MAX_PATTERN_CANDIDATES) {
            // more bead-like things than any scan has: try the clearest ones (most metal spilling around)
            plausible.sort(Comparator.comparingDouble(MarkerCandidate::spread).reversed());
            for (MarkerCandidate c : plausible.subList(MAX_PATTERN_CANDIDATES, plausible.size())) {
                rejected.add(c.rejected("does not fit the three-marker pattern: one of too many bead-like candidates"));
            }
            plausible = new ArrayList<>(plausible.subList(0, MAX_PATTERN_CANDIDATES));
        }
        if (plausible.size() < 3) {
            markers.addAll(plausible);
        } else {
            List<Vec3> lps = plausible.stream().map(MarkerCandidate::lps).toList();
            List<Vec3> outward = plausible.stream().map(MarkerCandidate::outward).toList();
            MarkerPattern best = null;
            MarkerPattern second = null;
            int n = plausible.size();
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    for (int c = b + 1; c < n; c++) {
                        MarkerPattern p = MarkerPattern.of(a, b, c, lps, outward, o.pattern());
                        if (n > 3 && !p.fits()) {
                            continue;
                        }
                        if (best == null || p.cost() < best.cost()) {
                            second = best;
                            best = p;
                        } else if (second == null || p.cost() < second.cost()) {
                            second = p;
                        }
                    }
                }
            }
            if (best == null) {
                warnings.add(n + " bead-like candidates on the skin but no three of them lie in a line with similar "
                    + "spacings: place the markers by hand");
                for (MarkerCandidate c : plausible) {
                    rejected.add(c.rejected("ambiguous: no three candidates fit the three-marker pattern"));
                }
            } else {
                fit = best;
                for (int i = 0; i < n; i++) {
                    if (best.contains(i)) {
                        markers.add(plausible.get(i));
                    } else {
                        rejected.add(plausible.get(i).rejected("does not fit the three-marker pattern (a line with "
                            + "similar spacings) as well as the markers"));
                    }
                }
                if (!best.fits()) {
                    warnings.add("the three skin markers do not form the expected pattern (" + String.join(", ",
                        best.misfits()) + "): check them");
                }
                if (second != null && second.cost() < best.cost() + 0.1) {
                    warnings.add("another set of three candidates fits the marker pattern almost as well: check the "
                        + "markers");
                }
            }
        }
        markers.sort(Comparator.comparingDouble((MarkerCandidate c) -> c.lps().z()).reversed());
        if (markers.size() != 3) {
            warnings.add(0, "found " + markers.size() + " skin marker" + (markers.size() == 1 ? "" : "s")
                + " where 3 are expected" + (rejected.isEmpty() ? "" : " (" + rejected.size()
                + " candidate(s) rejected)") + ": place or correct the markers by hand");
            fit = null;
        }
        return new Detection(List.copyOf(markers), List.copyOf(rejected), List.copyOf(warnings), fit);
    }

    /** The candidate search: metal blobs everywhere, faint blobs along the skin, each judged. */
    static final class Candidates {
        final Volume v;
        final FiducialOptions o;
        final short[] hu;
        final int nx, ny, nz;
        final double[] sp;
        final double voxelMm3;
        final long[] metal;
        /** A bead's radius plus a voxel, in voxels along each axis: where {@link #standsOut} looks. */
        final int[] reach;
        /** Every metal blob and every faint blob worth reporting, judged. */
        final List<MarkerCandidate> judged = new ArrayList<>();
        /** Faint blobs that are ordinary anatomy or noise, with the reason (not reported). */
        final List<MarkerCandidate> ignored = new ArrayList<>();
        OutsideAir air;

        Candidates(Volume v, FiducialOptions o) {
            this.v = v;
            this.o = o;
            this.hu = v.voxels();
            this.nx = v.nx();
            this.ny = v.ny();
            this.nz = v.nz();
            this.sp = v.spacingMm();
            this.voxelMm3 = sp[0] * sp[1] * sp[2];
            this.metal = new long[(hu.length + 63) / 64];
            this.reach = new int[3];
            for (int a = 0; a < 3; a++) {
                reach[a] = (int) Math.ceil(o.maxDiameterMm() / 2 / sp[a]) + 1;
            }
        }

        OutsideAir air() {
            if (air == null) {
                air = OutsideAir.of(v, o.airHu(), AIR_CELL_MM);
            }
            return air;
        }

        /** Metal seeds: every voxel at or above the metal threshold, slice by slice. */
        private int[][] metalSeeds;
        /** Faint seeds: local maxima from {@code minPeakHu} to the threshold that stand out of the skin. */
        private int[][] faintSeeds;

        /** One pass over the voxels on all cores, slice by slice, for the seeds of both kinds. */
        void scan() {
            int threshold = o.thresholdHu(), low = o.minPeakHu();
            int plane = nx * ny;
            metalSeeds = new int[nz][];
            faintSeeds = new int[nz][];
            Parallel.forEach(Runtime.getRuntime().availableProcessors(), nz, k -> {
                IntStack metalFound = new IntStack();
                IntStack faintFound = new IntStack();
                for (int j = 0, idx = k * plane; j < ny; j++) {
                    for (int i = 0; i < nx; i++, idx++) {
                        int value = hu[idx];
                        if (value >= threshold) {
                            metalFound.push(idx);
                        } else if (value >= low && i > 0 && i < nx - 1 && value >= hu[idx - 1] && value >= hu[idx + 1]
                            && standsOut(idx, i, j, k) && localMaximum(idx)) {
                            faintFound.push(idx);
                        }
                    }
                }
                metalSeeds[k] = metalFound.toArray();
                faintSeeds[k] = faintFound.toArray();
            });
        }

        void findMetal() {
            IntStack stack = new IntStack();
            for (int[] slice : metalSeeds) {
                for (int idx : slice) {
                    if (!isSet(metal, idx)) {
                        judge(flood(idx, o.thresholdHu(), metal, null, stack), true);
                    }
                }
            }
        }

        /**
         * Faint candidates: voxels from {@code minPeakHu} up to the metal threshold that stand out of the
         * skin ({@link #standsOut}), are local maxima and lie near outside air, brightest first; each grows
         * into its blob within a box of {@code maxExtentMm} (a blob that reaches the box's side is too long
         * for a bead, as are the couch and bone, which are never flooded whole).
         */
        void findFaint() {
            int low = o.minPeakHu(), high = o.thresholdHu();
            if (low >= high) {
                return;
            }
            OutsideAir outside = air();
            double nearMm = o.maxDiameterMm() / 2 + o.maxSkinDistanceMm();
            List<Integer> seeds = new ArrayList<>();
            for (int[] slice : faintSeeds) {
                for (int idx : slice) {
                    if (outside.near(idx % nx, (idx / nx) % ny, idx / (nx * ny), nearMm, sp)) {
                        seeds.add(idx);
                    }
                }
            }
            seeds.sort((x, y) -> Integer.compare(hu[y], hu[x]));
            long[] seen = new long[metal.length];
            IntStack stack = new IntStack();
            int[] half = {(int) Math.ceil(o.maxExtentMm() / 2 / sp[0]), (int) Math.ceil(o.maxExtentMm() / 2 / sp[1]),
                (int) Math.ceil(o.maxExtentMm() / 2 / sp[2])};
            for (int idx : seeds) {
                if (isSet(seen, idx)) {
                    continue;
                }
                Blob b = flood(idx, low, seen, half, stack);
                if (b.peak >= high) {
                    continue;
                }
                if (b.clipped) {
                    ignored.add(new MarkerCandidate(v.lpsOf(b.si / b.sw, b.sj / b.sw, b.sk / b.sw), b.peak, Double.NaN,
                        b.count, o.maxExtentMm(), Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, null, "longer than a bead: skin, couch or bone"));
                } else {
                    judge(b, false);
                }
            }
        }

        /** Whether voxel {@code idx} is at least as bright as its 26 neighbours. */
        private boolean localMaximum(int idx) {
            int i = idx % nx, j = (idx / nx) % ny, k = idx / (nx * ny);
            int value = hu[idx];
            for (int kk = Math.max(0, k - 1); kk <= Math.min(nz - 1, k + 1); kk++) {
                for (int jj = Math.max(0, j - 1); jj <= Math.min(ny - 1, j + 1); jj++) {
                    for (int ii = Math.max(0, i - 1); ii <= Math.min(nx - 1, i + 1); ii++) {
                        if (hu[ii + nx * (jj + ny * kk)] > value) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        /**
         * The 26-connected blob of voxels at or above {@code level} around {@code seed}; with {@code half}, only
         * within that many voxels of the seed along each axis (the blob is marked clipped if it goes on).
         */
        private Blob flood(int seed, int level, long[] visited, int[] half, IntStack stack) {
            Blob b = new Blob();
            b.level = level;
            int si = seed % nx, sj = (seed / nx) % ny, sk = seed / (nx * ny);
            int i0 = 0, i1 = nx - 1, j0 = 0, j1 = ny - 1, k0 = 0, k1 = nz - 1;
            if (half != null) {
                i0 = Math.max(0, si - half[0]);
                i1 = Math.min(nx - 1, si + half[0]);
                j0 = Math.max(0, sj - half[1]);
                j1 = Math.min(ny - 1, sj + half[1]);
                k0 = Math.max(0, sk - half[2]);
                k1 = Math.min(nz - 1, sk + half[2]);
            }
            set(visited, seed);
            stack.push(seed);
            while (stack.size() > 0) {
                int cur = stack.pop();
                int i = cur % nx, j = (cur / nx) % ny, k = cur / (nx * ny);
                b.add(cur, i, j, k, hu[cur], level);
                for (int kk = Math.max(0, k - 1); kk <= Math.min(nz - 1, k + 1); kk++) {
                    for (int jj = Math.max(0, j - 1); jj <= Math.min(ny - 1, j + 1); jj++) {
                        for (int ii = Math.max(0, i - 1); ii <= Math.min(nx - 1, i + 1); ii++) {
                            int n = ii + nx * (jj + ny * kk);
                            if (hu[n] < level || isSet(visited, n)) {
                                continue;
                            }
                            if (ii < i0 || ii > i1 || jj < j0 || jj > j1 || kk < k0 || kk > k1) {
                                // too long for a bead: no need to know how long
                                b.clipped = true;
                                stack.clear();
                                return b;
                            }
                            set(visited, n);
                            stack.push(n);
                        }
                    }
                }
            }
            return b;
        }

        /**
         * Judges a blob: metal blobs are always reported (in {@link #judged}); a faint blob only when it is
         * bead-sized, not noise, and stands out of its surroundings (else it is ordinary anatomy, kept in
         * {@link #ignored}).
         */
        private void judge(Blob b, boolean isMetal) {
            Vec3 start = new Vec3(b.si / b.sw, b.sj / b.sw, b.sk / b.sw);
            Vec3 startLps = v.lpsOf(start.x(), start.y(), start.z());
            double extent = Math.max((b.maxI - b.minI + 1) * sp[0],
                Math.max((b.maxJ - b.minJ + 1) * sp[1], (b.maxK - b.minK + 1) * sp[2]));
            double blobDiameter = Math.cbrt(6 * b.count * voxelMm3 / Math.PI);
            String why = null;
            if (extent > o.maxExtentMm()) {
                why = String.format(Locale.ROOT, "elongated (%.1f mm long): a rod, wire or streak, not a bead", extent);
            } else if (blobDiameter > 2 * o.maxDiameterMm()) {
                why = String.format(Locale.ROOT, "too large for a marker (%.1f mm): implant, couch or contrast", blobDiameter);
            }
            if (why == null && !isMetal && !standsOut(b.peakIndex, b.peakIndex % nx, (b.peakIndex / nx) % ny,
                b.peakIndex / (nx * ny))) {
                why = "faint: does not stand out of the skin around it";
            }
            BeadMeasure.Peak peak = why == null ? BeadMeasure.peak(v, b.peakIndex % nx, (b.peakIndex / nx) % ny,
                b.peakIndex / (nx * ny), Math.max(0.75, blobDiameter / 2), o) : null;
            double contrast = peak == null ? Double.NaN : peak.excessHu();
            double spread = peak == null ? Double.NaN : peak.spread();
            if (why == null && isMetal && spread < o.minSpread()) {
                why = b.count == 1 ? "isolated noise voxel" : String.format(Locale.ROOT,
                    "isolated noise voxels (%d): nothing around them, unlike a bead's partial-volume edge", b.count);
            }
            if (why == null && !isMetal && contrast < o.minContrastHu()) {
                why = String.format(Locale.ROOT, "faint: only %.0f HU above what lies beside it", contrast);
            }
            if (why != null) {
                MarkerCandidate c = new MarkerCandidate(startLps, b.peak, blobDiameter, b.count, extent,
                    Double.POSITIVE_INFINITY, contrast, spread, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                    why);
                (isMetal ? judged : ignored).add(c);
                return;
            }
            BeadMeasure m = BeadMeasure.of(v, start, Math.max(0.75, blobDiameter / 2), b.peak, o);
            why = size(m);
            double skin = Double.POSITIVE_INFINITY;
            if (why == null) {
                skin = nearestOutsideAir(m.centreLps(), m.radiusMm() + o.maxSkinDistanceMm());
                why = shapeOrPlace(m, skin);
            }
            boolean anatomy = !isMetal && why != null;
            MarkerCandidate c = new MarkerCandidate(m.centreLps(), b.peak, m.diameterMm(), b.count, extent, skin,
                contrast, spread, m.elongation(), m.density(), m.bodyFraction(), m.boneFraction(), m.outward(), why);
            (anatomy ? ignored : judged).add(c);
        }

        /**
         * The quick look at a faint blob's peak voxel: along at least two of the three voxel axes, it stands
         * {@code minContrastHu / 2} above both voxels a bead's radius plus a voxel away. A bead on the skin
         * does (along the axes across the skin's normal, and usually along the normal too); the skin itself,
         * a sheet, does only across the sheet. A cheap filter before the measurement.
         */
        private boolean standsOut(int idx, int i, int j, int k) {
            int level = hu[idx] - o.minContrastHu() / 2;
            int count = 0;
            // in-plane axes first: their neighbours are near in memory
            for (int a = 0; a < 3; a++) {
                int at = a == 0 ? i : a == 1 ? j : k, n = a == 0 ? nx : a == 1 ? ny : nz;
                int d = reach[a], step = a == 0 ? 1 : a == 1 ? nx : nx * ny;
                if (at - d >= 0 && at + d < n && hu[idx - d * step] <= level && hu[idx + d * step] <= level) {
                    count++;
                } else if (a - count >= 1) {
                    return false;
                }
            }
            return count >= 2;
        }

        /** Size rules, or null when the candidate passes them. */
        private String size(BeadMeasure m) {
            double d = m.diameterMm();
            if (d < o.minDiameterMm()) {
                return String.format(Locale.ROOT, "too small for a marker (%.1f mm of metal)", d);
            } else if (d > o.maxDiameterMm()) {
                return String.format(Locale.ROOT, "too large for a marker (%.1f mm): implant, couch or contrast", d);
            }
            return null;
        }

        /** Shape, placement and density rules, or null when the candidate passes them. */
        private String shapeOrPlace(BeadMeasure m, double skinDistanceMm) {
            if (m.elongation() > o.maxElongation()) {
                return String.format(Locale.ROOT, "elongated (%.1f times longer than wide): a rod, wire or streak, not a bead",
                    m.elongation());
            } else if (m.boneFraction() > o.maxBoneFraction()) {
                return String.format(Locale.ROOT, "inside bone or on the couch (%.0f %% as dense as bone around it)",
                    100 * m.boneFraction());
            } else if (skinDistanceMm > m.radiusMm() + o.maxSkinDistanceMm()) {
                return String.format(Locale.ROOT, "not on the skin (no outside air within %.0f mm)", o.maxSkinDistanceMm());
            } else if (m.bodyFraction() < o.minBodyFraction()) {
                return "not on the skin (no soft tissue next to it: in the air, on the couch, a blanket or clothing)";
            } else if (m.density() < o.minDensity()) {
                return String.format(Locale.ROOT, "not dense enough for metal (its brightest voxel %.0f %% as full as a bead's)",
                    100 * m.density());
            }
            return null;
        }

        /** Distance from {@code centre} to the nearest outside-air voxel within {@code radiusMm}, else +infinity. */
        private double nearestOutsideAir(Vec3 centre, double radiusMm) {
            Vec3 c = v.lpsToIjk().apply(centre);
            int ri = (int) Math.ceil(radiusMm / sp[0]), rj = (int) Math.ceil(radiusMm / sp[1]);
            int rk = (int) Math.ceil(radiusMm / sp[2]);
            int ci = (int) Math.round(c.x()), cj = (int) Math.round(c.y()), ck = (int) Math.round(c.z());
            double nearest = Double.POSITIVE_INFINITY;
            OutsideAir outside = air();
            for (int k = Math.max(0, ck - rk); k <= Math.min(nz - 1, ck + rk); k++) {
                for (int j = Math.max(0, cj - rj); j <= Math.min(ny - 1, cj + rj); j++) {
                    for (int i = Math.max(0, ci - ri); i <= Math.min(nx - 1, ci + ri); i++) {
                        if (hu[i + nx * (j + ny * k)] < o.airHu() && outside.outsideCell(i, j, k)) {
                            double d = v.lpsOf(i, j, k).distance(centre);
                            nearest = Math.min(nearest, d);
                        }
                    }
                }
            }
            return nearest <= radiusMm ? nearest : Double.POSITIVE_INFINITY;
        }
    }

    static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << (i & 63);
    }

    /** Running statistics of one blob, and its first {@link #KEEP} voxel indices. */
    private static final class Blob {
        static final int KEEP = 4096;
        int[] voxels = new int[16];
        int count;
        int level;
        boolean clipped;
        int peak = Integer.MIN_VALUE;
        int peakIndex;
        double si, sj, sk, sw;
        int minI = Integer.MAX_VALUE, minJ = Integer.MAX_VALUE, minK = Integer.MAX_VALUE;
        int maxI = Integer.MIN_VALUE, maxJ = Integer.MIN_VALUE, maxK = Integer.MIN_VALUE;

        void add(int idx, int i, int j, int k, int value, int level) {
            if (count < KEEP) {
                if (count == voxels.length) {
                    voxels = java.util.Arrays.copyOf(voxels, 2 * count);
                }
                voxels[count] = idx;
            }
            count++;
            if (value > peak) {
                peak = value;
                peakIndex = idx;
            }
            double w = value - level + 1.0;
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
    static final class IntStack {
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

        void clear() {
            n = 0;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
