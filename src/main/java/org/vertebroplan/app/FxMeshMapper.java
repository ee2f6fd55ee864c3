package org.vertebroplan.app;

import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;
import org.vertebroplan.mesh.Mesh;

/**
 * Maps a core {@link Mesh} (LPS mm, CCW from outside) to a JavaFX {@link TriangleMesh} in scene
 * coordinates through {@link SceneAxes}: point (x, y, z) becomes (x, -z, y). Since that map is a
 * proper rotation the winding, and so the outward side JavaFX lights and culls, is kept. One dummy
 * texture coordinate; normals are left to JavaFX (one smoothing group: smooth shading).
 *
 * <p>Pure array work with no scene-graph access, so it may run on a background thread (the loading
 * task prepares the meshes there). Limits: JavaFX needs less than 2^31 / 6 triangles.
 */
public final class FxMeshMapper {

    private FxMeshMapper() {
    }

    /** The scene-frame points of a mesh: 3 floats per vertex. */
    public static float[] scenePoints(Mesh mesh) {
        float[] xyz = mesh.xyz();
        float[] points = new float[xyz.length];
        for (int v = 0; v < xyz.length; v += 3) {
            points[v] = xyz[v];
            points[v + 1] = -xyz[v + 2];
            points[v + 2] = xyz[v + 1];
        }
        return points;
    }

    /** The face array (point, texcoord) x 3 per triangle, all texcoords 0. */
    public static int[] faces(Mesh mesh) {
        int[] tri = mesh.triangles();
        int[] faces = new int[tri.length * 2];
        for (int t = 0; t < tri.length; t++) {
            faces[2 * t] = tri[t];
        }
        return faces;
    }

    /** A new JavaFX mesh for a core mesh. */
    public static TriangleMesh toTriangleMesh(Mesh mesh) {
        TriangleMesh fx = new TriangleMesh(VertexFormat.POINT_TEXCOORD);
        fx.getPoints().setAll(scenePoints(mesh));
        fx.getTexCoords().setAll(0f, 0f);
        fx.getFaces().setAll(faces(mesh));
        return fx;
    }
}
