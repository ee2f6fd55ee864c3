package org.vertebroplan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshComponents;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.plan.LevelAnalysis;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SegmentationOptions;
import org.vertebroplan.volume.Volume;

/**
 * The 3D view's surfaces (no toolkit): the skin is the body's outer boundary only (no lung surface, no
 * couch, open where the scan ends), the context bone leaves out speckle and a couch's dense rail, and a
 * level's bone at full resolution is its vertebra alone, which the context then leaves out.
 */
class AppDisplaySurfacesTest {

    @TempDir
    Path tmp;

    /**
     * A body (an elliptic cylinder along z, 40 HU) with a lung (air, reaching the cranial face of the scan),
     * a vertebra (bone), a speck of bone, and below the body, apart from it, a couch: a 6 mm plate with a
     * dense rail.
     */
    private static Volume torso() {
        int nx = 120, ny = 100, nz = 60;
        short[] hu = new short[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double x = i - 60, y = j - 45, z = k;
                    double v = -1000;
                    if ((x / 50) * (x / 50) + (y / 35) * (y / 35) <= 1) {
                        v = 40;
                        if ((x + 20) * (x + 20) / 225 + (y + 5) * (y + 5) / 225 + (z - 60) * (z - 60) / 1600 <= 1) {
                            v = -850; // lung, open to the top of the scan
                        }
                        if (Math.hypot(x - 5, y - 18) <= 8 && z >= 10 && z < 50) {
                            v = 600; // vertebra
                        }
                        if (Math.abs(x - 30) <= 1 && Math.abs(y) <= 1 && Math.abs(z - 30) <= 1) {
                            v = 600; // a speck
                        }
                    }
                    if (y >= 42 && y < 48) {
                        v = -100; // couch plate, 2 mm below the body's back at x = 0
                        if (Math.abs(x) <= 3 && y >= 43 && y < 47) {
                            v = 900; // its rail
                        }
                    }
                    hu[i + nx * (j + ny * k)] = (short) v;
                }
            }
        }
        return Volume.axisAligned(nx, ny, nz, hu, Vec3.ZERO, 1, 1, 1);
    }

    @Test
    void theSkinIsTheBodysOuterBoundaryOnly() {
        Volume ct = torso();
        DisplaySurfaces.Body body = DisplaySurfaces.body(DisplaySurfaces.coarse(ct), CaseServices.CORE,
            ProgressListener.NONE);
        Mesh skin = body.skin();
        assertTrue(skin.triangleCount() > 500, "a surface: " + skin.triangleCount());
        float[] p = skin.xyz();
        for (int v = 0; v < skin.vertexCount(); v++) {
            double x = p[3 * v] - 60, y = p[3 * v + 1] - 45;
            double r = Math.sqrt((x / 50) * (x / 50) + (y / 35) * (y / 35));
            assertTrue(r > 0.85 && r < 1.15, "on the body's outline, not the lung or the couch: " + x + ", " + y + ", " + p[3 * v + 2]);
        }
        // open where the scan ends: no triangle lies flat in the first or last plane of the surface
        double[] bounds = skin.bounds();
        int[] t = skin.triangles();
        for (int f = 0; f < skin.triangleCount(); f++) {
            double z0 = p[3 * t[3 * f] + 2], z1 = p[3 * t[3 * f + 1] + 2], z2 = p[3 * t[3 * f + 2] + 2];
            for (double end : new double[] {bounds[2], bounds[5]}) {
                boolean cap = Math.abs(z0 - end) < 1e-3 && Math.abs(z1 - end) < 1e-3 && Math.abs(z2 - end) < 1e-3;
                assertTrue(!cap, "a cap triangle at z " + end);
            }
        }
        assertTrue(body.contains(new Vec3(40, 40, 30)), "the lung is in the body");
        assertTrue(!body.contains(new Vec3(60, 90, 30)), "the couch is not");
    }

    @Test
    void theContextBoneLeavesOutSpeckleAndTheCouch() {
        Volume ct = torso();
        Volume coarse = DisplaySurfaces.coarse(ct);
        DisplaySurfaces.Body body = DisplaySurfaces.body(coarse, CaseServices.CORE, ProgressListener.NONE);
        Mesh bone = DisplaySurfaces.contextBone(coarse, body, CaseServices.CORE, ProgressListener.NONE);
        int[] labels = MeshComponents.triangleLabels(bone);
        assertEquals(1, java.util.Arrays.stream(labels).max().orElse(-1) + 1, "one piece: the vertebra");
        double[] b = bone.bounds();
        assertEquals(65, (b[0] + b[3]) / 2, 1.5, "centred on the vertebra (x)");
        assertEquals(63, (b[1] + b[4]) / 2, 1.5, "(y)");
    }

    @Test
    void aLevelsBoneIsItsVertebraAloneAndTheContextMakesRoomForIt() throws Exception {
        PhantomCase.Result r = PhantomCase.write(tmp.resolve("phantom"), PhantomOptions.of(3, PhantomPosition.HFP));
        Volume ct = DicomImport.loadVolume(r.dicomDir(), ProgressListener.NONE);
        Plan plan = PlanJson.load(r.planFile());
        Vec3 seed = CaseLoadTask.targetMidpoint(plan);
        LevelAnalysis level = LevelAnalysis.around(ct, seed, SegmentationOptions.defaults());
        Mesh mine = DisplaySurfaces.levelBone(ct, level);
        assertTrue(mine.triangleCount() > 5000, "at full resolution: " + mine.triangleCount());
        float[] p = mine.xyz();
        int near = 0;
        for (int v = 0; v < mine.vertexCount(); v++) {
            Vec3 local = level.toLocal(new Vec3(p[3 * v], p[3 * v + 1], p[3 * v + 2]));
            assertTrue(local.z() > level.bodyBottomZ() - DisplaySurfaces.BOX_Z_MARGIN - 1
                && local.z() < level.bodyTopZ() + DisplaySurfaces.BOX_Z_MARGIN + 1, "no neighbour: z " + local.z());
            for (Vec3 o : new Vec3[] {Vec3.ZERO, new Vec3(1.5, 0, 0), new Vec3(-1.5, 0, 0), new Vec3(0, 1.5, 0),
                new Vec3(0, -1.5, 0), new Vec3(0, 0, 1.5), new Vec3(0, 0, -1.5)}) {
                if (level.inVertebra(local.plus(o))) {
                    near++;
                    break;
                }
            }
        }
        assertTrue(near > 0.97 * mine.vertexCount(), "on the segmented vertebra: " + near + " of " + mine.vertexCount());

        Volume coarse = DisplaySurfaces.coarse(ct);
        DisplaySurfaces.Body body = DisplaySurfaces.body(coarse, CaseServices.CORE, ProgressListener.NONE);
        Mesh context = DisplaySurfaces.contextBone(coarse, body, CaseServices.CORE, ProgressListener.NONE);
        Mesh rest = DisplaySurfaces.without(context, level);
        assertTrue(rest.triangleCount() < context.triangleCount() && rest.triangleCount() > 0, "the neighbours stay");
        float[] q = rest.xyz();
        int inside = 0;
        for (int v = 0; v < rest.vertexCount(); v++) {
            inside += level.inVertebra(level.toLocal(new Vec3(q[3 * v], q[3 * v + 1], q[3 * v + 2]))) ? 1 : 0;
        }
        assertTrue(inside <= 0.005 * rest.vertexCount(), inside + " context vertices inside the level's vertebra");
    }
}
