package org.vertebroplan.mesh;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * The marching-cubes engine behind {@link SurfaceExtractor}: a box of voxels to an indexed, closed,
 * manifold triangle mesh in LPS.
 *
 * <p>How: the box is padded by one layer of "outside" samples so that the surface is capped at the
 * box faces and watertight. Samples are classified inside (HU &ge; iso) into one bit each, 64 per
 * word, two slices at a time; the cells that need work are found 64 at a time with word operations
 * (xor of neighbouring rows, slices and shifted words), so uniform regions cost almost nothing. A
 * vertex is created once per crossing grid edge and its index stored in per-slice edge index arrays
 * (x and y edges of the lower and upper slice, z edges between them); cells look their vertices up
 * there and emit triangles from {@link McTables}.
 *
 * <p>Threads: cell layers are cut into chunks of {@value #CHUNK} layers whose boundaries do not depend
 * on the thread count. A chunk owns the x/y-edge vertices of its sample slices and the z-edge
 * vertices above them; vertices of the slice above its last layer belong to the next chunk, which
 * creates them first, in the same raster order. The chunk refers to them as "foreign" indices
 * {@code -(1 + n)} and the merge maps them to the next chunk's block. The result is identical for
 * every thread count and every schedule.
 *
 * <p>Interpolation parameters are kept in [{@value #EPS}, 1 - {@value #EPS}]: a sample equal to the
 * iso value (integer CT, integer iso) puts the vertex just beside the voxel corner, never on it, so
 * vertices of different edges never coincide once rounded to float, and no zero-area triangle or
 * pinched vertex appears when the mesh is welded by position. Cap vertices lie at that fraction of a
 * voxel outside the box.
 */
final class MarchingCubes {

    static final int CHUNK = 8;
    static final double EPS = 1.0 / 256;

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
    private final double iso;
    private final int threshold; // inside iff value >= threshold
    private final double[] m; // ijkToLps, row-major 3x4

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
        this.iso = isoHu;
        this.threshold = (int) Math.max(-100_000, Math.min(100_000, Math.ceil(isoHu)));
        this.m = v.ijkToLps().toArray();
    }

    /** Extracts the surface; the winding is flipped when ijkToLps mirrors (negative determinant). */
    Mesh run(int threads, ProgressListener progress) {
        int layers = mz + 1; // cell layers -1 .. mz-1
        int chunks = (layers + CHUNK - 1) / CHUNK;
        ChunkResult[] results = new ChunkResult[chunks];
        AtomicInteger nextChunk = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                Chunk chunk = new Chunk();
                for (int c = nextChunk.getAndIncrement(); c < chunks && failure.get() == null;
                     c = nextChunk.getAndIncrement()) {
                    int first = c * CHUNK - 1;
                    results[c] = chunk.run(first, Math.min(first + CHUNK, mz));
                    progress.progress(0.9 * done.incrementAndGet() / chunks, "extracting surface");
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        Parallel.run(Math.max(1, Math.min(threads, chunks)), worker);
        if (failure.get() != null) {
            Parallel.rethrow(failure.get());
        }
        Mesh mesh = merge(results, new Affine3Sign(m).negative());
        progress.progress(1.0, "surface extracted");
        return mesh;
    }

    private record Affine3Sign(double[] m) {
        boolean negative() {
            double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
            return det < 0;
        }
    }

    private static Mesh merge(ChunkResult[] results, boolean flip) {
        int chunks = results.length;
        int[] vertexOffset = new int[chunks + 1];
        long triIndices = 0;
        for (int c = 0; c < chunks; c++) {
            long nv = (long) vertexOffset[c] + results[c].vertices.size() / 3;
            if (nv > Integer.MAX_VALUE / 3) {
                throw new IllegalStateException("surface too large: more than " + Integer.MAX_VALUE / 3 + " vertices");
            }
            vertexOffset[c + 1] = (int) nv;
            triIndices += results[c].triangles.size();
        }
        if (triIndices > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("surface too large: " + triIndices / 3 + " triangles");
        }
        float[] xyz = new float[3 * vertexOffset[chunks]];
        int[] tris = new int[(int) triIndices];
        int t = 0;
        for (int c = 0; c < chunks; c++) {
            ChunkResult r = results[c];
            System.arraycopy(r.vertices.array(), 0, xyz, 3 * vertexOffset[c], r.vertices.size());
            int own = vertexOffset[c];
            int foreign = c + 1 < chunks ? vertexOffset[c + 1] : -1;
            int[] src = r.triangles.array();
            int n = r.triangles.size();
            for (int s = 0; s < n; s += 3) {
                int a = src[s], b = src[s + 1], d = src[s + 2];
                a = a >= 0 ? a + own : foreign - 1 - a;
                b = b >= 0 ? b + own : foreign - 1 - b;
                d = d >= 0 ? d + own : foreign - 1 - d;
                tris[t] = a;
                tris[t + 1] = flip ? d : b;
                tris[t + 2] = flip ? b : d;
                t += 3;
            }
            results[c] = null;
        }
        return new Mesh(xyz, tris);
    }

    private record ChunkResult(FloatList vertices, IntList triangles) {
    }

    /**
     * A worker's buffers, reused chunk after chunk; {@link #run} does one chunk of cell layers
     * [first, end): cell layer c lies between sample slices c and c + 1.
     */
    private final class Chunk {
        private long[] bitsLo = new long[h * ww];
        private long[] bitsHi = new long[h * ww];
        private int[] xLo = new int[w * h];
        private int[] yLo = new int[w * h];
        private int[] xHi = new int[w * h];
        private int[] yHi = new int[w * h];
        private final int[] zs = new int[w * h];
        private FloatList vertices;
        private IntList triangles;
        private int foreignCount;

        ChunkResult run(int first, int end) {
            vertices = new FloatList(1 << 12);
            triangles = new IntList(1 << 13);
            foreignCount = 0;
            classify(first, bitsLo);
            xyVertices(first, bitsLo, xLo, yLo, false);
            for (int c = first; c < end; c++) {
                classify(c + 1, bitsHi);
                zVertices(c);
                xyVertices(c + 1, bitsHi, xHi, yHi, c + 1 >= end);
                cells();
                long[] b = bitsLo;
                bitsLo = bitsHi;
                bitsHi = b;
                int[] x = xLo;
                xLo = xHi;
                xHi = x;
                int[] y = yLo;
                yLo = yHi;
                yHi = y;
            }
            return new ChunkResult(vertices, triangles);
        }

        /** Inside bits of sample slice s (box coordinates; -1 and mz are padding). */
        private void classify(int s, long[] bits) {
            java.util.Arrays.fill(bits, 0L);
            if (s < 0 || s >= mz) {
                return;
            }
            int below = threshold - 1;
            for (int j = 0; j < my; j++) {
                int base = bi0 - 1 + nx * (bj0 + j + ny * (bk0 + s)); // + a: sample of padded column a
                int row = (j + 1) * ww;
                for (int q = 0, a0 = 0; a0 <= mx; q++, a0 += 64) {
                    int from = Math.max(a0, 1), to = Math.min(a0 + 64, mx + 1);
                    long word = 0;
                    for (int a = from; a < to; a++) {
                        word |= (long) ((below - hu[base + a]) >>> 31) << a;
                    }
                    bits[row + q] = word;
                }
            }
        }

        private int newVertex(double i, double j, double k) {
            int n = vertices.size() / 3;
            double gi = i + bi0, gj = j + bj0, gk = k + bk0;
            vertices.add((float) (m[0] * gi + m[1] * gj + m[2] * gk + m[3]),
                (float) (m[4] * gi + m[5] * gj + m[6] * gk + m[7]),
                (float) (m[8] * gi + m[9] * gj + m[10] * gk + m[11]));
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

        /** Vertices of the crossing x and y edges of slice s, in raster order (row by row). */
        private void xyVertices(int s, long[] bits, int[] xs, int[] ys, boolean foreign) {
            if (s < 0 || s >= mz) {
                return; // padding slices are uniform: no crossing inside them
            }
            for (int r = 0; r < h - 1; r++) {
                int row = r * ww;
                for (int q = 0; q < ww; q++) {
                    long a = bits[row + q];
                    long an = (a >>> 1) | (q + 1 < ww ? bits[row + q + 1] << 63 : 0L);
                    for (long mask = a ^ an; mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        int from = sampleIndex(col, r, s);
                        double t = param(from, from + 1, col == 0, col + 1 == w - 1);
                        xs[col + w * r] = foreign ? -1 - foreignCount++ : newVertex(col - 1 + t, r - 1, s);
                    }
                }
                int rowUp = row + ww;
                for (int q = 0; q < ww; q++) {
                    for (long mask = bits[row + q] ^ bits[rowUp + q]; mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        int from = sampleIndex(col, r, s);
                        double t = param(from, from + nx, r == 0, r + 1 == h - 1);
                        ys[col + w * r] = foreign ? -1 - foreignCount++ : newVertex(col - 1, r - 1 + t, s);
                    }
                }
            }
        }

        private void zVertices(int s) {
            for (int r = 1; r < h - 1; r++) {
                int row = r * ww;
                for (int q = 0; q < ww; q++) {
                    for (long mask = bitsLo[row + q] ^ bitsHi[row + q]; mask != 0; mask &= mask - 1) {
                        int col = (q << 6) + Long.numberOfTrailingZeros(mask);
                        int from = s < 0 ? 0 : sampleIndex(col, r, s);
                        double t = param(from, from + nx * ny, s < 0, s + 1 >= mz);
                        zs[col + w * r] = newVertex(col - 1, r - 1, s + t);
                    }
                }
            }
        }

        private void cells() {
            int[][] arrays = {xLo, xHi, yLo, yHi, zs};
            for (int r = 0; r < h - 1; r++) {
                int row = r * ww, up = row + ww;
                for (int q = 0; q < ww; q++) {
                    long a = bitsLo[row + q], b = bitsLo[up + q], c = bitsHi[row + q], d = bitsHi[up + q];
                    boolean last = q + 1 == ww;
                    long an = (a >>> 1) | (last ? 0L : bitsLo[row + q + 1] << 63);
                    long bn = (b >>> 1) | (last ? 0L : bitsLo[up + q + 1] << 63);
                    long cn = (c >>> 1) | (last ? 0L : bitsHi[row + q + 1] << 63);
                    long dn = (d >>> 1) | (last ? 0L : bitsHi[up + q + 1] << 63);
                    long mixed = (a ^ b) | (a ^ c) | (a ^ d) | (a ^ an) | (an ^ bn) | (an ^ cn) | (an ^ dn);
                    for (; mixed != 0; mixed &= mixed - 1) {
                        int bit = Long.numberOfTrailingZeros(mixed);
                        int cube = (int) ((a >>> bit) & 1 | ((an >>> bit) & 1) << 1 | ((b >>> bit) & 1) << 2
                            | ((bn >>> bit) & 1) << 3 | ((c >>> bit) & 1) << 4 | ((cn >>> bit) & 1) << 5
                            | ((d >>> bit) & 1) << 6 | ((dn >>> bit) & 1) << 7);
                        int p = (q << 6) + bit + w * r;
                        int[] edges = McTables.TRIANGLES[cube];
                        for (int e : edges) {
                            triangles.add(arrays[SELECT[e]][p + offset(e)]);
                        }
                    }
                }
            }
        }

        private int offset(int e) {
            return OFF_X[e] + w * OFF_Y[e];
        }
    }

    // edge id -> which index array (0 xLo, 1 xHi, 2 yLo, 3 yHi, 4 z) and the cell-relative (dx, dy)
    private static final int[] SELECT = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4};
    private static final int[] OFF_X = {0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1};
    private static final int[] OFF_Y = {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1};
}
