package org.vertebroplan.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact EDT against brute force on random grids. */
class DistanceTransformTest {

    @Test
    void matchesBruteForceOnRandomGrids() {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 3 + r.nextInt(9), ny = 3 + r.nextInt(9), nz = 3 + r.nextInt(9);
            boolean[] f = new boolean[nx * ny * nz];
            int features = 1 + r.nextInt(6);
            for (int n = 0; n < features; n++) {
                f[r.nextInt(f.length)] = true;
            }
            float[] d = DistanceTransform.squared(f, nx, ny, nz);
            for (int p = 0; p < f.length; p++) {
                int pi = p % nx, pj = (p / nx) % ny, pk = p / (nx * ny);
                double best = Double.MAX_VALUE;
                for (int q = 0; q < f.length; q++) {
                    if (f[q]) {
                        int qi = q % nx, qj = (q / nx) % ny, qk = q / (nx * ny);
                        best = Math.min(best, (pi - qi) * (pi - qi) + (pj - qj) * (pj - qj) + (pk - qk) * (pk - qk));
                    }
                }
                assertEquals(best, d[p], 1e-3, "trial " + trial + " voxel " + p);
            }
        }
    }
}
