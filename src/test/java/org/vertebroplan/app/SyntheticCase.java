package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.Side;
import org.vertebroplan.volume.Volume;

/**
 * A small synthetic prone case built in test code: a soft-tissue body, a vertebra (body sphere +
 * spinous process) in bone HU, three skin markers on the back, and hand-made surfaces that match it.
 * {@link #services()} stands in for the DICOM importer and the surface extractor.
 */
final class SyntheticCase {

    static final Vec3 ORIGIN = new Vec3(-48, -40, -30);
    static final int NX = 120;
    static final int NY = 100;
    static final int NZ = 60;
    static final double SXY = 0.8;
    static final double SZ = 1.0;
    static final Vec3 BODY_CENTER = new Vec3(0, -8, 0);
    /** Skin markers, cranial (M1, +z) to caudal (M3). */
    static final List<Fiducial> MARKERS = List.of(new Fiducial("M1", new Vec3(0, 30, 12)),
        new Fiducial("M2", new Vec3(0, 30, 0)), new Fiducial("M3", new Vec3(0, 30, -12)));

    private SyntheticCase() {
    }

    static Volume volume() {
        short[] hu = new short[NX * NY * NZ];
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double x = ORIGIN.x() + i * SXY;
                    double y = ORIGIN.y() + j * SXY;
                    double z = ORIGIN.z() + k * SZ;
                    double v = -1000;
                    if ((x / 44) * (x / 44) + (y / 30) * (y / 30) <= 1) {
                        v = 40;
                    }
                    if (new Vec3(x, y, z).distance(BODY_CENTER) <= 13 || (Math.abs(x) <= 3 && y >= 4 && y <= 22
                        && Math.abs(z) <= 8)) {
                        v = 500;
                    }
                    for (Fiducial m : MARKERS) {
                        if (new Vec3(x, y, z).distance(m.lps()) <= 1.6) {
                            v = 3000;
                        }
                    }
                    hu[i + NX * (j + NY * k)] = (short) v;
                }
            }
        }
        return Volume.axisAligned(NX, NY, NZ, hu, ORIGIN, SXY, SXY, SZ);
    }

    static Mesh bone() {
        return TestMeshes.union(TestMeshes.ellipsoid(BODY_CENTER, new Vec3(13, 13, 13), 3),
            TestMeshes.box(new Vec3(-3, 4, -8), new Vec3(3, 22, 8)));
    }

    static Mesh skin() {
        return TestMeshes.ellipsoid(new Vec3(0, 0, 0), new Vec3(44, 30, 29), 3);
    }

    static Plan plan() {
        return new Plan("synthetic", "L1", null, MARKERS, List.of(
            new Needle("left", Side.LEFT, new Vec3(28, 26, 2), new Vec3(4, -12, 0), 3.05, 100),
            new Needle("right", Side.RIGHT, new Vec3(-28, 26, 2), new Vec3(-4, -12, 0), 3.05, 100)));
    }

    /** The case as the loader would produce it, without files. */
    static LoadedCase loaded() {
        Mesh bone = bone();
        Mesh skin = skin();
        return new LoadedCase(new CaseLocation(Path.of("synthetic"), Path.of("synthetic"), Optional.empty()),
            volume(), bone, skin, FxMeshMapper.toTriangleMesh(bone), FxMeshMapper.toTriangleMesh(skin), plan(), 1);
    }

    /** Writes a case folder: dicom/ (one placeholder file) and plan.json. */
    static Path writeCaseFolder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dicom"));
        Files.writeString(dir.resolve("dicom").resolve("placeholder.dcm"), "not read: the test services build the volume");
        Files.writeString(dir.resolve("plan.json"), """
            {"format": "vertebroplan-plan", "version": 1, "caseId": "synthetic", "level": "L1",
             "fiducials": [{"id": "M1", "lps": [0, 30, 12]}, {"id": "M2", "lps": [0, 30, 0]},
                           {"id": "M3", "lps": [0, 30, -12]}],
             "needles": [{"id": "left", "side": "left", "entryLps": [28, 26, 2], "targetLps": [4, -12, 0],
                          "diameterMm": 3.05, "workingLengthMm": 100},
                         {"id": "right", "side": "right", "entryLps": [-28, 26, 2], "targetLps": [-4, -12, 0],
                          "diameterMm": 3.05, "workingLengthMm": 100}],
             "futureKey": {"kept": true}}
            """);
        return dir;
    }

    /** Loader services that build this case (and check that they were handed the case's dicom/ folder). */
    static CaseServices services() {
        return new CaseServices() {
            @Override
            public Volume loadVolume(Path dicomDir, ProgressListener progress) throws IOException {
                if (!dicomDir.getFileName().toString().equals("dicom")) {
                    throw new IOException("expected the case's dicom/ folder, got " + dicomDir);
                }
                progress.progress(0.5, "slice 30/60");
                return volume();
            }

            @Override
            public Mesh extractSurface(Volume volume, double isoHu, SurfaceOptions options, ProgressListener progress) {
                return isoHu > 0 ? bone() : skin();
            }
        };
    }
}
