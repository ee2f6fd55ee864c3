package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point3D;
import javafx.scene.shape.TriangleMesh;
import org.junit.jupiter.api.Test;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/** The core -> JavaFX mesh mapper and the LPS -> scene axis convention (no toolkit needed). */
class AppMeshMapperTest {

    @Test
    void mapsPointsAndFacesOfAKnownMesh() {
        Mesh tri = new Mesh(new float[] {1, 2, 3, 4, 5, 6, -7, 8, -9}, new int[] {0, 1, 2});
        TriangleMesh fx = FxMeshMapper.toTriangleMesh(tri);
        float[] points = fx.getPoints().toArray(null);
        // scene = (x, -z, y)
        assertArrayEquals(new float[] {1, -3, 2, 4, -6, 5, -7, 9, 8}, points);
        assertArrayEquals(new int[] {0, 0, 1, 0, 2, 0}, fx.getFaces().toArray(null));
        assertEquals(2, fx.getTexCoords().size());
        assertEquals(1, fx.getFaces().size() / fx.getFaceElementSize());
    }

    @Test
    void mapsEveryVertexAndTriangleOfABox() {
        Mesh box = TestMeshes.box(new Vec3(-1, -2, -3), new Vec3(1, 2, 3));
        TriangleMesh fx = FxMeshMapper.toTriangleMesh(box);
        assertEquals(8 * 3, fx.getPoints().size());
        assertEquals(12, fx.getFaces().size() / fx.getFaceElementSize());
        for (int v = 0; v < 8; v++) {
            Point3D expected = SceneAxes.toScene(box.vertex(v));
            assertEquals(expected.getX(), fx.getPoints().get(3 * v), 1e-6);
            assertEquals(expected.getY(), fx.getPoints().get(3 * v + 1), 1e-6);
            assertEquals(expected.getZ(), fx.getPoints().get(3 * v + 2), 1e-6);
        }
    }

    @Test
    void patientAxesGoToTheDocumentedSceneAxes() {
        // JavaFX: +X screen right, +Y screen down, +Z away from the default camera.
        assertEquals(new Point3D(1, 0, 0), SceneAxes.toScene(Vec3.X), "patient left -> scene +X (right of a viewer facing the patient)");
        assertEquals(new Point3D(0, 0, 1), SceneAxes.toScene(Vec3.Y), "posterior -> away from the default (anterior) camera");
        assertEquals(new Point3D(0, -1, 0), SceneAxes.toScene(Vec3.Z), "superior -> screen up");
        Vec3 p = new Vec3(12.5, -3.25, 40);
        assertEquals(p, SceneAxes.toLps(SceneAxes.toScene(p)));
    }

    @Test
    void mappingIsARotationSoNothingIsMirrored() {
        Point3D x = SceneAxes.toScene(Vec3.X);
        Point3D y = SceneAxes.toScene(Vec3.Y);
        Point3D z = SceneAxes.toScene(Vec3.Z);
        // determinant of the 3x3 map = x . (y cross z); +1 keeps handedness and triangle winding
        assertEquals(1.0, x.dotProduct(y.crossProduct(z)), 1e-12);
    }

    @Test
    void outwardNormalsStayOutward() {
        Mesh box = TestMeshes.box(new Vec3(10, 20, 30), new Vec3(14, 26, 33));
        float[] s = FxMeshMapper.scenePoints(box);
        int[] t = box.triangles();
        Point3D center = SceneAxes.toScene(new Vec3(12, 23, 31.5));
        for (int f = 0; f < t.length; f += 3) {
            Point3D a = new Point3D(s[3 * t[f]], s[3 * t[f] + 1], s[3 * t[f] + 2]);
            Point3D b = new Point3D(s[3 * t[f + 1]], s[3 * t[f + 1] + 1], s[3 * t[f + 1] + 2]);
            Point3D c = new Point3D(s[3 * t[f + 2]], s[3 * t[f + 2] + 1], s[3 * t[f + 2] + 2]);
            Point3D n = b.subtract(a).crossProduct(c.subtract(a));
            assertTrue(n.dotProduct(a.add(b).add(c).multiply(1 / 3.0).subtract(center)) > 0, "face " + f / 3);
        }
    }
}
