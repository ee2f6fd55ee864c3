package org.vertebroplan.mesh;

/**
 * Vertex normals for shading: the area-weighted sum of the normals of the triangles around each
 * vertex (the cross products, whose length is twice the area), normalised. They point outwards
 * because triangles are counter-clockwise seen from outside. A vertex without triangles, or whose
 * triangles cancel, gets (0, 0, 0).
 */
public final class MeshNormals {

    private MeshNormals() {
    }

    /** Three floats per vertex, unit length (or zero). */
    public static float[] vertexNormals(Mesh mesh) {
        float[] p = mesh.xyz();
        int[] t = mesh.triangles();
        double[] acc = new double[p.length];
        for (int f = 0; f < mesh.triangleCount(); f++) {
            int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int v : new int[] {a, b, c}) {
                acc[v] += nx;
                acc[v + 1] += ny;
                acc[v + 2] += nz;
            }
        }
        float[] n = new float[p.length];
        for (int v = 0; v < p.length; v += 3) {
            double len = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2]);
            if (len > 0) {
                n[v] = (float) (acc[v] / len);
                n[v + 1] = (float) (acc[v + 1] / len);
                n[v + 2] = (float) (acc[v + 2] / len);
            }
        }
        return n;
    }
}
