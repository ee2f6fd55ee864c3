package org.vertebroplan.mesh;

import org.vertebroplan.base.Parallel;
/**
 * Shrink-free mesh smoothing (Taubin 1995, "A signal processing approach to fair surface design"):
 * each iteration is a Laplacian step with factor lambda followed by one with negative factor mu
 * (|mu| slightly above lambda), a low-pass filter that removes the staircase of marching cubes
 * without the shrinkage of plain Laplacian smoothing. Uniform (umbrella) weights; connectivity is
 * unchanged, so a closed manifold stays closed and manifold.
 *
 * <p>Defaults lambda 0.5, mu -0.53 (pass-band k_PB about 0.1). Limits: vertices move, so very thin
 * structures may touch themselves after many iterations (not detected).
 */
public final class TaubinSmoothing {

    public static final double LAMBDA = 0.5;
    public static final double MU = -0.53;

    private TaubinSmoothing() {
    }

    public static Mesh smooth(Mesh mesh, int iterations) {
        return smooth(mesh, iterations, LAMBDA, MU);
    }

    public static Mesh smooth(Mesh mesh, int iterations, double lambda, double mu) {
        if (iterations <= 0 || mesh.triangleCount() == 0) {
            return mesh;
        }
        MeshAdjacency adj = new MeshAdjacency(mesh);
        float[] a = mesh.xyz().clone();
        float[] b = new float[a.length];
        for (int it = 0; it < iterations; it++) {
            Parallel.checkCancelled(Thread.currentThread());
            step(adj, a, b, lambda);
            step(adj, b, a, mu);
        }
        return new Mesh(a, mesh.triangles());
    }

    private static void step(MeshAdjacency adj, float[] in, float[] out, double factor) {
        int nv = in.length / 3;
        for (int v = 0; v < nv; v++) {
            int s = adj.start[v], e = adj.start[v + 1];
            if (e == s) {
                out[3 * v] = in[3 * v];
                out[3 * v + 1] = in[3 * v + 1];
                out[3 * v + 2] = in[3 * v + 2];
                continue;
            }
            double x = 0, y = 0, z = 0;
            for (int n = s; n < e; n++) {
                int u = 3 * adj.neighbours[n];
                x += in[u];
                y += in[u + 1];
                z += in[u + 2];
            }
            double inv = 1.0 / (e - s);
            out[3 * v] = (float) (in[3 * v] + factor * (x * inv - in[3 * v]));
            out[3 * v + 1] = (float) (in[3 * v + 1] + factor * (y * inv - in[3 * v + 1]));
            out[3 * v + 2] = (float) (in[3 * v + 2] + factor * (z * inv - in[3 * v + 2]));
        }
    }
}
