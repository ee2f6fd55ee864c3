package org.vertebroplan.mesh;

import java.util.Arrays;

/**
 * Vertex neighbours of an indexed mesh in compressed rows: the neighbours of v are
 * {@code neighbours[start[v] .. start[v + 1])}, sorted, without duplicates. Int arrays only.
 */
final class MeshAdjacency {

    final int[] start;
    final int[] neighbours;

    MeshAdjacency(Mesh mesh) {
        int nv = mesh.vertexCount();
        int[] t = mesh.triangles();
        int[] count = new int[nv + 1];
        for (int c = 0; c < t.length; c++) {
            count[t[c] + 1] += 2;
        }
        for (int v = 0; v < nv; v++) {
            count[v + 1] += count[v];
        }
        int[] raw = new int[count[nv]];
        int[] fill = Arrays.copyOf(count, nv);
        for (int f = 0; f < t.length / 3; f++) {
            for (int k = 0; k < 3; k++) {
                int a = t[3 * f + k], b = t[3 * f + (k + 1) % 3], c = t[3 * f + (k + 2) % 3];
                raw[fill[a]++] = b;
                raw[fill[a]++] = c;
            }
        }
        start = new int[nv + 1];
        int n = 0;
        for (int v = 0; v < nv; v++) {
            Arrays.sort(raw, count[v], count[v + 1]);
            start[v] = n;
            for (int x = count[v]; x < count[v + 1]; x++) {
                if (x == count[v] || raw[x] != raw[x - 1]) {
                    raw[n++] = raw[x];
                }
            }
        }
        start[nv] = n;
        neighbours = Arrays.copyOf(raw, n);
    }
}
