package org.vertebroplan.mesh;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.vertebroplan.base.Parallel;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The marching-cubes engine behind {@link SurfaceExtractor}: a box of voxels to an indexed, closed,
 * manifold triangle mesh in LPS.
 *
 * <p>How: the box is padded by one layer of "outside" samples so that the surface is capped at the
 * box faces and watertight. Samples are classified inside (HU &ge; iso) into one bit each, 64 per
 * word (1/16 of the volume's memory). The cells that need work are then found 64 at a time with word
 * operations (xor of neighbouring rows, slices and shifted words), so uniform regions cost almost
 * nothing. A vertex is created once per crossing grid edge; its index is kept in per-slice edge index
 * arrays (x and y edges of the lower and upper slice, z edges between them) where the cells look
 * their vertices up to emit triangles from {@link McTables}.
 *
 * <p>Passes, in the manner of flying edges (Schroeder et al. 2015): (1) classify all slices, in
 * parallel; (2) count, per chunk of {@value #CHUNK} cell layers, the vertices it owns and the
 * triangles it makes; (3) prefix sums give every chunk its place in the output; (4) each chunk writes
 * its vertices and triangles straight into the final arrays. So the output is allocated once, at its
 * exact size, and the result is identical for every thread count and schedule. A chunk owns the
 * x/y-edge vertices of its sample slices and the z-edge vertices above them; the vertices of the slice
 * above its last layer belong to the next chunk, which numbers them first, in the same raster order.
 *
 * <p>Interpolation parameters are kept in [{@value #EPS}, 1 - {@value #EPS}]: a sample equal to the
 * iso value (integer CT, integer iso) puts the vertex just beside the voxel corner, never on it, so
 * vertices of different edges never coincide once rounded to float, and no zero-area triangle or
 * pinched vertex appears when the mesh is welded by position. Cap vertices lie at that fraction of a
 * voxel outside the box.
 */
final class MarchingCubes {

    static final int CHUNK = 4;
    static final double EPS = 1.0 / 256;

    private static final int[] TRI_INDICES = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            TRI_INDICES[c] = McTables.TRIANGLES[c].length;
        }
    }

    private final short[] hu;
    private final int nx;
    private final int ny;
    private final int bi0;
    private final int bj0;
    private final int bk0;
    private final int mx;
    private final int my;
    private final int mz;
    private final int w; // padded row length mx + 2
    private final int h; // padded rows my + 2
    private final int ww; // words per padded row
    private final int sliceWords;
    private final double iso;
    private final int threshold; // inside iff value >= threshold
    private final double[] m; // ijkToLps, row-major 3x4
    private final boolean flip;
    private long[] bits; // padded slices -1 .. mz, each h rows of ww words
    private boolean[] rowAny; // per padded slice and row: some sample inside (else the row is skipped)

    /** Box in voxel indices: [i0, i1) x [j0, j1) x [k0, k1), inside the volume and non-empty. */
    MarchingCubes(Volume v, double isoHu, int i0, int i1, int j0, int j1, int k0, int k1) {
        this.hu = v.voxels();
        this.nx = v.nx();
        this.ny = v.ny();
        this.bi0 = i0;
        this.bj0 = j0;
        this.bk0 = k0;
        this.mx = i1 - i0;
        this.my = j1 - j0;
        this.mz = k1 - k0;
        this.w = mx + 2;
        this.h = my + 2;
        this.ww = (w >> 6) + 1;
        this.sliceWords = h * ww;
        this.iso = isoHu;
        this.threshold = (int) Math.max(-100_000, Math.min(100_000, Math.ceil(isoHu)));
        this.m = v.ijkToLps().toArray();
        this.flip = v.ijkToLps().determinant() < 0;
    }

    /** Extracts the surface; the winding is flipped when ijkToLps mirrors (negative determinant). */
    Mesh run(int threads, ProgressListener progress) {
        bits = new long[Math.multiplyExact(mz + 2, sliceWords)];
        rowAny = new boolean[(mz + 2) * h];
        int chunks = (mz + 1 + CHUNK - 1) / CHUNK; // cell layers -1 .. mz-1
        int workers = Math.max(1, Math.min(threads, chunks));
        Thread caller = Thread.currentThread();
        AtomicInteger nextSlice = new AtomicInteger();
        runAll(workers, () -> {
            for (int s = nextSlice.getAndIncrement(); s < mz; s = nextSlice.getAndIncrement()) {
                Parallel.checkCancelled(caller);
                classify(s);
            }
        });
        progress.progress(0.4, "classified voxels");
        long[] vertexCount = new long[chunks];
        long[] indexCount = new long[chunks];
        AtomicInteger nextChunk = new AtomicInteger();
        runAll(workers, () -> {
            for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                Parallel.checkCancelled(caller);
                int first = c * CHUNK - 1, end = Math.min(first + CHUNK, mz);
                long nv = 0, ni = 0;
                for (int s = first; s < end; s++) {
                    nv += countXy(s) + countZ(s);
                    ni += countTriangleIndices(s);
                }
                vertexCount[c] = nv;
                indexCount[c] = ni;
            }
        });
        int[] vertexOffset = new int[chunks + 1];
        int[] indexOffset = new int[chunks + 1];
        long nv = 0, ni = 0;
        for (int c = 0; c < chunks; c++) {
            nv += vertexCount[c];
            ni += indexCount[c];
            if (3 * nv > Integer.MAX_VALUE - 8 || ni > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("surface too large for one mesh: " + ni / 3 + " triangles; "
                    + "use a region of interest or smoothing");
            }
            vertexOffset[c + 1] = (int) nv;
            indexOffset[c + 1] = (int) ni;
        }
        float[] xyz = new float[(int) (3 * nv)];
        int[] tris = new int[(int) ni];
        progress.progress(0.5, "counted surface");
        AtomicInteger emitChunk = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        runAll(workers, () -> {
            Emitter e = new Emitter(xyz, tris);
            for (int c = emitChunk.getAndIncrement(); c < chunks; c = emitChunk.getAndIncrement()) {
                Parallel.checkCancelled(caller);
                int first = c * CHUNK - 1;
                e.run(first, Math.min(first + CHUNK, mz), vertexOffset[c], vertexOffset[Math.min(c + 1, chunks)],
                    indexOffset[c]);
                progress.progress(0.5 + 0.5 * done.incrementAndGet() / chunks, "extracting surface");
            }
        });
        bits = null;
        rowAny = null;
        return new Mesh(xyz, tris);
    }

    private static void runAll(int workers, Runnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Parallel.run(workers, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        if (failure.get() != null) {
            Parallel.rethrow(failure.get());
        }
    }

    private int sliceBase(int s) {
        return (s + 1) * sliceWords;
    }

    /** Whether rows r and r + 1 of slice s hold any inside sample. */
    private boolean any2(int s, int r) {
        int x = (s + 1) * h + r;
        return rowAny[x] || rowAny[x + 1];
    }

    /** Inside bits of sample slice s (box coordinates, 0 .. mz-1; -1 and mz stay zero). */
    private void classify(int s) {
        int below = threshold - 1;
        int slice = sliceBase(s);
        for (int j = 0; j < my; j++) {
            int base = bi0 - 1 + nx * (bj0 + j + ny * (bk0 + s)); // + a: sample of padded column a
            int row = slice + (j + 1) * ww;
            long any = 0;
            for (int q = 0, a0 = 0; a0 <= mx; q++, a0 += 64) {
                int from = Math.max(a0, 1), to = Math.min(a0 + 64, mx + 1);
                long word = 0;
                int a = from;
                for (; a < to && ((a - a0) & 7) != 0; a++) {
                    word |= (long) ((below - hu[base + a]) >>> 31) << a;
                }
                for (; a + 8 <= to; a += 8) { // eight samples to one byte of the word, in int arithmetic
                    int p = base + a;
                    int eight = ((below - hu[p]) >>> 31) | (((below - hu[p + 1]) >>> 31) << 1)
                        | (((below - hu[p + 2]) >>> 31) << 2) | (((below - hu[p + 3]) >>> 31) << 3)
                        | (((below - hu[p + 4]) >>> 31) << 4) | (((below - hu[p + 5]) >>> 31) << 5)
                        | (((below - hu[p + 6]) >>> 31) << 6) | (((below - hu[p + 7]) >>> 31) << 7);
                    word |= (long) eight << a;
                }
                for (; a < to; a++) {
                    word |= (long) ((below - hu[base + a]) >>> 31) << a;
                }
                bits[row + q] = word;
                any |= word;
            }
            rowAny[(s + 1) * h + j + 1] = any != 0;
        }
    }

    private long next(int at, int q, long word) {
        return (word >>> 1) | (q + 1 < ww ? bits[at + 1] << 63 : 0L);
    }

    private long countXy(int s) {
        if (s < 0 || s >= mz) {
            return 0;
        }
        long n = 0;
        int slice = sliceBase(s);
        for (int r = 0; r < h - 1; r++) {
            if (!any2(s, r)) {
                continue;
            }
            int row = slice + r * ww;
            for (int q = 0; q < ww; q++) {
                long a = bits[row + q];
                n += Long.bitCount(a ^ next(row + q, q, a)) + Long.bitCount(a ^ bits[row + ww + q]);
            }
        }
        return n;
    }

    private long countZ(int s) {
        long n = 0;
        int lo = sliceBase(s), hi = sliceBase(s + 1);
        for (int r = 1; r < h - 1; r++) {
            if (!rowAny[(s + 1) * h + r] && !rowAny[(s + 2) * h + r]) {
                continue;
            }
            for (int x = r * ww; x < (r + 1) * ww; x++) {
                n += Long.bitCount(bits[lo + x] ^ bits[hi + x]);
            }
        }
        return n;
    }

    /** Mixed cells of layer s, row r, word q (bit b: cell at padded column 64q + b). */
    private long mixed(int lo, int hi, int q) {
        long a = bits[lo + q], b = bits[lo + ww + q], c = bits[hi + q], d = bits[hi + ww + q];
        long an = next(lo + q, q, a), bn = next(lo + ww + q, q, b), cn = next(hi + q, q, c);
        long dn = next(hi + ww + q, q, d);
        return (a ^ b) | (a ^ c) | (a ^ d) | (a ^ an) | (an ^ bn) | (an ^ cn) | (an ^ dn);
    }

    private int cube(int lo, int hi, int q, int bit) {
        int a = q << 6 | bit;
        return bit(lo, a) | bit(lo, a + 1) << 1 | bit(lo + ww, a) << 2 | bit(lo + ww, a + 1) << 3
            | bit(hi, a) << 4 | bit(hi, a + 1) << 5 | bit(hi + ww, a) << 6 | bit(hi + ww, a + 1) << 7;
    }

    private int bit(int row, int col) {
        return (int) (bits[row + (col >> 6)] >>> col) & 1;
    }

    private long countTriangleIndices(int s) {
        long n = 0;
        for (int r = 0; r < h - 1; r++) {
            if (!any2(s, r) && !any2(s + 1, r)) {
                continue;
            }
            int lo = sliceBase(s) + r * ww, hi = sliceBase(s + 1) + r * ww;
            for (int q = 0; q < ww; q++) {
                for (long mix = mixed(lo, hi, q); mix != 0; mix &= mix - 1) {
                    n += TRI_INDICES[cube(lo, hi, q, Long.numberOfTrailingZeros(mix))];
                }
            }
        }
        return n;
    }

    /** A worker's edge index buffers; {@link #run} writes one chunk into the output arrays. */
    private final class Emitter {
        private final float[] xyz;
        private final int[] tris;
        private int[] xLo = new int[w * h];
        private int[] yLo = new int[w * h];
        private int[] xHi = new int[w * h];
        private int[] yHi = new int[w * h];
        private final int[] zs = new int[w * h];
        private int nextVertex;
        private int nextIndex;

        Emitter(float[] xyz, int[] tris) {
            this.xyz = xyz;
            this.tris = tris;
        }

        void run(int first, int end, int ownVertices, int foreignVertices, int indexStart) {
            nextVertex = ownVertices;
            nextIndex = indexStart;
            xyVertices(first, xLo, yLo, -1);
            for (int c = first; c < end; c++) {
                zVertices(c);
                xyVertices(c + 1, xHi, yHi, c + 1 >= end ? foreignVertices : -1);
                cells(c);
                int[] x = xLo;
                xLo = xHi;
                xHi = x;
                int[] y = yLo;
                yLo = yHi;
                yHi = y;
            }
        }

        private int newVertex(double i, double j, double k) {
            int n = nextVertex++;
            double gi = i + bi0, gj = j + bj0, gk = k + bk0;
            xyz[3 * n] = (float) (m[0] * gi + m[1] * gj + m[2] * gk + m[3]);
            xyz[3 * n + 1] = (float) (m[4] * gi + m[5] * gj + m[6] * gk + m[7]);
            xyz[3 * n + 2] = (float) (m[8] * gi + m[9] * gj + m[10] * gk + m[11]);
            return n;
        }

        private double param(int from, int to, boolean padFrom, boolean padTo) {
            if (padFrom) {
                return 1 - EPS;
            }
            if (padTo) {
                return EPS;
            }
            double t = (iso - hu[from]) / (hu[to] - hu[from]);
            return t < EPS ? EPS : (t > 1 - EPS ? 1 - EPS : t);
        }

        private int sampleIndex(int a, int r, int s) {
            return bi0 + a - 1 + nx * (bj0 + r - 1 + ny * (bk0 + s));
        }

        /**
         * Vertices of the crossing x and y edges of slice s in raster order; when {@code foreign >= 0}
         * they belong to the next chunk and are only numbered from there.
         */
        private void xyVertices(int s, int[] xs, int[] ys, int foreign) {
            if (s < 0 || s >= mz) {
                return; // padding slices are uniform: no crossing inside them
            }
            int slice = sliceBase(s);
            int fv = foreign;
            for (int r = 0; r < h - 1; r++) {
                if (!any2(s, r)) {
                    continue;
                }
                int row = slice + r * ww;
                for (int q = 0; q < ww; q++) {
                    long a = bits[row + q];
                    for (long mask = a ^ next(row + q, q, a); mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        if (foreign >= 0) {
                            xs[col + w * r] = fv++;
                            continue;
                        }
                        int from = sampleIndex(col, r, s);
                        double t = param(from, from + 1, col == 0, col + 1 == w - 1);
                        xs[col + w * r] = newVertex(col - 1 + t, r - 1, s);
                    }
                }
                for (int q = 0; q < ww; q++) {
                    for (long mask = bits[row + q] ^ bits[row + ww + q]; mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        if (foreign >= 0) {
                            ys[col + w * r] = fv++;
                            continue;
                        }
                        int from = sampleIndex(col, r, s);
                        double t = param(from, from + nx, r == 0, r + 1 == h - 1);
                        ys[col + w * r] = newVertex(col - 1, r - 1 + t, s);
                    }
                }
            }
        }

        private void zVertices(int s) {
            int lo = sliceBase(s), hi = sliceBase(s + 1);
            for (int r = 1; r < h - 1; r++) {
                if (!rowAny[(s + 1) * h + r] && !rowAny[(s + 2) * h + r]) {
                    continue;
                }
                for (int q = 0; q < ww; q++) {
                    int x = r * ww + q;
                    for (long mask = bits[lo + x] ^ bits[hi + x]; mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        int from = s < 0 ? 0 : sampleIndex(col, r, s);
                        double t = param(from, from + nx * ny, s < 0, s + 1 >= mz);
                        zs[col + w * r] = newVertex(col - 1, r - 1, s + t);
                    }
                }
            }
        }

        private void cells(int s) {
            int[][] arrays = {xLo, xHi, yLo, yHi, zs};
            int n = nextIndex;
            for (int r = 0; r < h - 1; r++) {
                if (!any2(s, r) && !any2(s + 1, r)) {
                    continue;
                }
                int lo = sliceBase(s) + r * ww, hi = sliceBase(s + 1) + r * ww;
                for (int q = 0; q < ww; q++) {
                    for (long mix = mixed(lo, hi, q); mix != 0; mix &= mix - 1) {
                        int bit = Long.numberOfTrailingZeros(mix);
                        int p = (q << 6) + bit + w * r;
                        int[] edges = McTables.TRIANGLES[cube(lo, hi, q, bit)];
                        for (int e = 0; e < edges.length; e += 3) {
                            int a = arrays[SELECT[edges[e]]][p + OFF_X[edges[e]] + w * OFF_Y[edges[e]]];
                            int b = arrays[SELECT[edges[e + 1]]][p + OFF_X[edges[e + 1]] + w * OFF_Y[edges[e + 1]]];
                            int c = arrays[SELECT[edges[e + 2]]][p + OFF_X[edges[e + 2]] + w * OFF_Y[edges[e + 2]]];
                            tris[n] = a;
                            tris[n + 1] = flip ? c : b;
                            tris[n + 2] = flip ? b : c;
                            n += 3;
                        }
                    }
                }
            }
            nextIndex = n;
        }
    }

    // edge id -> which index array (0 xLo, 1 xHi, 2 yLo, 3 yHi, 4 z) and the cell-relative (dx, dy)
    private static final int[] SELECT = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4};
    private static final int[] OFF_X = {0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1};
    private static final int[] OFF_Y = {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1};
}
