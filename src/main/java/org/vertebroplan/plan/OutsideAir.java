package org.vertebroplan.plan;

import org.vertebroplan.base.Parallel;
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
        a.flood(v.longitudinalAxis());
        return a;
    }

    private static final byte AIR = 1;
    private static final byte OUTSIDE = 2;

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

    private static final java.util.Map<Volume, OutsideAir> CACHE = new java.util.WeakHashMap<>();

    /**
     * The outside air of a volume at the level and cell size the planning uses (air below -500 HU, lung
     * included; cells of 2 mm), computed once per volume and kept while the volume lives.
     */
    static OutsideAir cached(Volume v) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(v, k -> of(k, -500, 2));
        }
    }

    /**
     * Whether the LPS point lies in or next to (within a cell, 2 mm) a cell of outside air, so that the
     * partial-volume skin surface counts as outside; false outside the volume.
     */
    boolean outsideAt(Volume v, org.vertebroplan.geom.Vec3 lps) {
        org.vertebroplan.geom.Vec3 p = v.lpsToIjk().apply(lps);
        int i = (int) Math.round(p.x()), j = (int) Math.round(p.y()), k = (int) Math.round(p.z());
        return v.contains(i, j, k) && (outsideCell(i, j, k) || near(i, j, k, 2.0, v.spacingMm()));
    }

    /** Whether voxel (i, j, k) lies in a cell of outside air (the voxel itself may be tissue). */
    boolean outsideCell(int i, int j, int k) {
        return outside[i / bi + ci * (j / bj + cj * (k / bk))] == OUTSIDE;
    }

    /** Whether a cell of outside air lies within about {@code radiusMm} of voxel (i, j, k). */
    boolean near(int i, int j, int k, double radiusMm, double[] spacingMm) {
        int ri = (int) Math.ceil(radiusMm / (bi * spacingMm[0])), rj = (int) Math.ceil(radiusMm / (bj * spacingMm[1]));
        int rk = (int) Math.ceil(radiusMm / (bk * spacingMm[2]));
        int x = i / bi, y = j / bj, z = k / bk;
        for (int c = Math.max(0, z - rk); c <= Math.min(ck - 1, z + rk); c++) {
            for (int b = Math.max(0, y - rj); b <= Math.min(cj - 1, y + rj); b++) {
                for (int a = Math.max(0, x - ri); a <= Math.min(ci - 1, x + ri); a++) {
                    if (outside[a + ci * (b + cj * c)] == OUTSIDE) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
