package org.vertebroplan.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.TurnedPhantom;
import org.vertebroplan.plan.VertebraFrame;
import org.vertebroplan.volume.Volume;

/**
 * A case on the phantom turned in memory ({@link TurnedPhantom}: axial rotation 20°, coronal tilt
 * -10°, sagittal tilt 12°), planned with the bundled sample's true needles (the same phantom) turned
 * with it and shortened to 70 mm: a case folder (a placeholder dicom/ and plan.json, level L2) and
 * loader services that hand out the turned volume and extract its surfaces with the core.
 */
final class TurnedCase {

    static final VertebraFrame TRUTH = TurnedPhantom.frame(20, -10, 12);

    private static Volume volume;

    private TurnedCase() {
    }

    static synchronized Volume volume() {
        if (volume == null) {
            volume = TurnedPhantom.volume(TRUTH, 12, 5);
        }
        return volume;
    }

    /** Where a point of the unturned phantom is in the turned one. */
    static Vec3 turn(Vec3 p) {
        return TRUTH.toLps(p.minus(TurnedPhantom.C));
    }

    /** Writes the case folder. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("dicom"));
        Files.writeString(dir.resolve("dicom").resolve("placeholder.dcm"), "not read: the volume is made in memory");
        Plan sample = PlanJson.load(Path.of("sample-dicom", "plan.json")); // the same phantom, not turned
        List<Needle> turned = sample.needles().stream().map(n -> {
            Vec3 t = turn(n.targetLps());
            return n.withPoints(t.plusScaled(turn(n.entryLps()).minus(t).normalized(), 70), t);
        }).toList();
        PlanJson.save(new Plan("turned", "L2", null, List.of(), turned), dir.resolve("plan.json"));
        return dir;
    }

    /** Loader services: the turned volume, surfaces by the core. */
    static CaseServices services() {
        return new CaseServices() {
            @Override
            public Volume loadVolume(Path dicomDir, ProgressListener progress) {
                return volume();
            }

            @Override
            public Mesh extractSurface(Volume v, double isoHu, SurfaceOptions options, ProgressListener progress) {
                return CaseServices.CORE.extractSurface(v, isoHu, options, progress);
            }
        };
    }
}
