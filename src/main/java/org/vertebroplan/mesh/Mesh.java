package org.vertebroplan.mesh;

import org.vertebroplan.geom.Vec3;

/**
 * An indexed triangle mesh in LPS millimetres: {@code xyz} holds 3 floats per vertex,
 * {@code triangles} 3 vertex indices per triangle, counter-clockwise seen from outside (so normals
 * point out of a closed surface). Compact arrays, no per-vertex objects; immutable by contract (the
 * arrays are handed over, not copied).
 */
public final class Mesh {

    private final float[] xyz;
    private final int[] triangles;

    public Mesh(float[] xyz, int[] triangles) {
        if (xyz.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("mesh arrays must hold triples");
        }
        int n = xyz.length / 3;
        for (int t : triangles) {
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("triangle index " + t + " outside 0.." + (n - 1));
            }
        }
        this.xyz = xyz;
        this.triangles = triangles;
    }

    public static Mesh empty() {
        return new Mesh(new float[0], new int[0]);
    }

    public int vertexCount() {
        return xyz.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** The live vertex array (read-only by contract). */
    public float[] xyz() {
        return xyz;
    }

    /** The live index array (read-only by contract). */
    public int[] triangles() {
        return triangles;
    }

    public Vec3 vertex(int v) {
        return new Vec3(xyz[3 * v], xyz[3 * v + 1], xyz[3 * v + 2]);
    }

    /** Axis-aligned bounds as {minX, minY, minZ, maxX, maxY, maxZ}; NaNs for an empty mesh. */
    public double[] bounds() {
        double[] b = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (int v = 0; v < vertexCount(); v++) {
            for (int a = 0; a < 3; a++) {
                double c = xyz[3 * v + a];
                if (v == 0 || c < b[a]) {
                    b[a] = c;
                }
                if (v == 0 || c > b[a + 3]) {
                    b[a + 3] = c;
                }
            }
        }
        return b;
    }
}
