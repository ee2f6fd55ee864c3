package org.vertebroplan.plan;

import org.vertebroplan.volume.Parallel;
import org.vertebroplan.volume.Volume;

/**
 * Where the air outside the patient is, on a coarse grid of cells of about {@code cellMm}: the skin of
 * the {@link FiducialDetector}. A cell is air when any of its voxels is below the air level; the outside
 * is the air cells 6-connected to the volume's side faces. The side faces are those of the two voxel
 * axes that are not the cranio-caudal one (the axis closest to LPS z, whatever the slice orientation),
 * because lungs and bowel gas reach the cranial and caudal faces of a scan but never its sides.
 *
 * <p>How: one pass over the voxels (a cell stops being read at its first air voxel), then a flood fill
 * over the cells. Cells of 2 mm keep the air gap under a patient lying on the table open, and let air
 * leak into lung or bowel only through a body wall thinner than a cell.
 *
 * <p>Limits: a reconstruction circle that cuts through the lungs joins them to the outside (its padding
 * counts as air); air in the clothes or between skin folds that is closed off from the sides is not outside.
 */
final class OutsideAir {

    private final int bi, bj, bk;
    private final int ci, cj, ck;
    private final byte[] outside;

    private OutsideAir(int bi, int bj, int bk, int ci, int cj, int ck, byte[] outside) {
        this.bi = bi;
        this.bj = bj;
        this.bk = bk;
        this.ci = ci;
        this.cj = cj;
        this.ck = ck;
        this.outside = outside;
    }

    static OutsideAir of(Volume v, int airHu, double cellMm) {
        double[] sp = v.spacingMm();
        int bi = Math.max(1, (int) Math.round(cellMm / sp[0]));
        int bj = Math.max(1, (int) Math.round(cellMm / sp[1]));
        int bk = Math.max(1, (int) Math.round(cellMm / sp[2]));
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int ci = (nx + bi - 1) / bi, cj = (ny + bj - 1) / bj, ck = (nz + bk - 1) / bk;
        byte[] cell = new byte[Math.multiplyExact(Math.multiplyExact(ci, cj), ck)];
        short[] hu = v.voxels();
        // one job a slab of cells along k: the jobs write disjoint cells
        Parallel.forEach(Runtime.getRuntime().availableProcessors(), ck, slab -> {
            for (int k = slab * bk, kEnd = Math.min(nz, k + bk); k < kEnd; k++) {
                int cellK = ci * cj * slab;
                for (int j = 0; j < ny; j++) {
                    int cellRow = cellK + ci * (j / bj);
                    int base = nx * (j + ny * k);
                    for (int c = 0; c < ci; c++) {
                        if (cell[cellRow + c] != 0) {
                            continue;
                        }
                        for (int i = c * bi, end = Math.min(nx, i + bi); i < end; i++) {
                            if (hu[base + i] < airHu) {
                                cell[cellRow + c] = AIR;
                                break;
                            }
                        }
                    }
                }
            }
        });
        OutsideAir a = new OutsideAir(bi, bj, bk, ci, cj, ck, cell);
        a.flood(longitudinalAxis(v));
        return a;
    }

    private static final byte AIR = 1;
    private static final byte OUTSIDE = 2;

    /** The voxel axis closest to the patient's cranio-caudal (LPS z) axis. */
    static int longitudinalAxis(Volume v) {
        int best = 0;
        double bestZ = -1;
        for (int a = 0; a < 3; a++) {
            double z = Math.abs(v.ijkToLps().column(a).normalized().z());
            if (z > bestZ) {
                bestZ = z;
                best = a;
            }
        }
        return best;
    }

    private void flood(int longitudinal) {
        FiducialDetector.IntStack stack = new FiducialDetector.IntStack();
        int[] dims = {ci, cj, ck};
        int[] step = {1, ci, ci * cj};
        for (int a = 0; a < 3; a++) {
            if (a == longitudinal) {
                continue;
            }
            int b = (a + 1) % 3, c = (a + 2) % 3;
            for (int face : new int[] {0, dims[a] - 1}) {
                for (int y = 0; y < dims[b]; y++) {
                    for (int z = 0; z < dims[c]; z++) {
                        int cell = face * step[a] + y * step[b] + z * step[c];
                        if (outside[cell] == AIR) {
                            outside[cell] = OUTSIDE;
                            stack.push(cell);
                        }
                    }
                }
            }
        }
        while (stack.size() > 0) {
            int cell = stack.pop();
            int rest = cell;
            for (int a = 0; a < 3; a++) {
                int x = rest % dims[a];
                rest /= dims[a];
                if (x > 0 && outside[cell - step[a]] == AIR) {
                    outside[cell - step[a]] = OUTSIDE;
                    stack.push(cell - step[a]);
                }
                if (x < dims[a] - 1 && outside[cell + step[a]] == AIR) {
                    outside[cell + step[a]] = OUTSIDE;
                    stack.push(cell + step[a]);
                }
            }
        }
    }

    /** Whether voxel (i, j, k) lies in a cell of outside air (the voxel itself may be tissue). */
    boolean outsideCell(int i, int j, int k) {
        return outside[i / bi + ci * (j / bj + cj * (k / bk))] == OUTSIDE;
    }

    /**
     * The cells within about {@code radiusMm} of the skin (a cell of outside air next to one that is not):
     * the band along the skin in which faint beads are looked for.
     */
    SkinBand band(double radiusMm, double[] spacingMm) {
        int[] r = {(int) Math.ceil(radiusMm / (bi * spacingMm[0])), (int) Math.ceil(radiusMm / (bj * spacingMm[1])),
            (int) Math.ceil(radiusMm / (bk * spacingMm[2]))};
        int[] dims = {ci, cj, ck};
        int[] step = {1, ci, ci * cj};
        boolean[] near = new boolean[outside.length];
        for (int c = 0; c < outside.length; c++) {
            if (outside[c] != OUTSIDE) {
                continue;
            }
            int rest = c;
            for (int a = 0; a < 3 && !near[c]; a++) {
                int x = rest % dims[a];
                rest /= dims[a];
                near[c] = x > 0 && outside[c - step[a]] != OUTSIDE
                    || x < dims[a] - 1 && outside[c + step[a]] != OUTSIDE;
            }
        }
        for (int a = 0; a < 3; a++) {
            near = dilate(near, dims, step, a, r[a]);
        }
        return new SkinBand(near);
    }

    /** A box dilation along one axis: a cell is set when a set cell lies within {@code r} cells along it. */
    private static boolean[] dilate(boolean[] in, int[] dims, int[] step, int axis, int r) {
        boolean[] out = new boolean[in.length];
        int n = dims[axis], s = step[axis];
        for (int block = 0; block < in.length; block += n * s) {
            for (int c = block; c < block + s; c++) {
                dilateLine(in, out, c, n, s, r);
            }
        }
        return out;
    }

    /** Dilates the line of {@code n} cells from {@code c} in steps of {@code s}: a sliding count of set cells. */
    private static void dilateLine(boolean[] in, boolean[] out, int c, int n, int s, int r) {
        int count = 0;
        for (int x = 0; x < Math.min(r, n); x++) {
            count += in[c + x * s] ? 1 : 0;
        }
        for (int x = 0; x < n; x++) {
            if (x + r < n && in[c + (x + r) * s]) {
                count++;
            }
            if (x - r - 1 >= 0 && in[c + (x - r - 1) * s]) {
                count--;
            }
            out[c + x * s] = count > 0;
        }
    }

    /** Cells near outside air. */
    final class SkinBand {
        private final boolean[] in;

        private SkinBand(boolean[] in) {
            this.in = in;
        }

        boolean contains(int i, int j, int k) {
            return in[i / bi + ci * (j / bj + cj * (k / bk))];
        }

        /** Calls {@code voxelRange} with the first voxel index and length of every row piece in the band. */
        void forEachRun(Volume v, RunConsumer voxelRange) {
            int nx = v.nx(), ny = v.ny(), nz = v.nz();
            int cell = 0;
            for (int z = 0; z < ck; z++) {
                for (int y = 0; y < cj; y++) {
                    for (int x = 0; x < ci; x++, cell++) {
                        if (!in[cell]) {
                            continue;
                        }
                        int i0 = x * bi, length = Math.min(nx, i0 + bi) - i0;
                        for (int k = z * bk, kEnd = Math.min(nz, k + bk); k < kEnd; k++) {
                            for (int j = y * bj, jEnd = Math.min(ny, j + bj); j < jEnd; j++) {
                                voxelRange.accept(i0 + nx * (j + ny * k), length);
                            }
                        }
                    }
                }
            }
        }
    }

    interface RunConsumer {
        void accept(int start, int length);
    }
}
