package org.vertebroplan.app;

import java.util.List;
import javafx.concurrent.Task;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Loads a case in the background: the plan ({@code io.PlanJson}, first, so that a bad plan fails
 * fast), the DICOM volume (0-60 % of the progress), the bone surface at {@link Tissue#BONE_HU}
 * (60-80 %), the skin surface at {@link Tissue#SKIN_HU} (80-97 %), then the JavaFX meshes (so the FX
 * thread only attaches them). Progress and messages flow through the Task's properties; failures
 * through its exception (the view model turns them into a dialog and an exit code). Never run on
 * the FX thread.
 *
 * <p>Display resolution first ({@link DisplaySurfaces}): the bone and the skin are extracted from
 * coarse copies of the CT (1.5 and 2 mm voxels), which takes a fraction of a second even on a
 * 512 x 512 x 300 CT, with no decimation; the skin is the body's outer boundary only. The planned
 * level's bone at full resolution follows in the background once the level is measured
 * ({@link LevelSurfaces}). A plan that names no series gets the loaded one's UID, so that the plan
 * file can find its series again.
 */
public final class CaseLoadTask extends Task<LoadedCase> {

    private static final System.Logger LOG = System.getLogger(CaseLoadTask.class.getName());

    private final CaseLocation location;
    private final CaseServices services;
    private final String seriesUid;

    public CaseLoadTask(CaseLocation location, CaseServices services) {
        this(location, services, null);
    }

    /**
     * @param seriesUid the series the user chose, or null: then the plan's series, which must be in the
     *                  folder ({@link CaseServices#loadPlanned}); a plan without one takes the default series
     *                  (the largest axial CT) and records it
     */
    public CaseLoadTask(CaseLocation location, CaseServices services, String seriesUid) {
        this.location = location;
        this.services = services;
        this.seriesUid = seriesUid;
        updateTitle("Loading " + location.label());
    }

    @Override
    protected LoadedCase call() throws Exception {
        long start = System.nanoTime();
        updateMessage("Reading plan");
        Plan plan = location.planFile().isPresent() ? PlanJson.load(location.planFile().get())
            : emptyPlan(location.label());
        updateMessage("Reading DICOM from " + location.dicomDir());
        CaseServices.Imported imported = services.loadPlanned(location.dicomDir(), plan.seriesInstanceUid(),
            plan.frameOfReferenceUid(), seriesUid, stage(0.0, 0.6, "Reading DICOM"));
        if (plan.seriesInstanceUid() == null && imported.seriesInstanceUid() != null) {
            // a new plan records the CT it is made on, so that a guide is only ever made from this series
            plan = plan.withSeries(imported.seriesInstanceUid(), imported.frameOfReferenceUid());
        }
        Volume volume = imported.volume();
        long read = System.nanoTime();
        checkCancelled();
        Volume coarse = DisplaySurfaces.coarse(volume);
        DisplaySurfaces.Body body = DisplaySurfaces.body(coarse, services, stage(0.6, 0.15, "Extracting skin surface"));
        Mesh skin = body.skin();
        long skinDone = System.nanoTime();
        checkCancelled();
        Mesh bone = DisplaySurfaces.contextBone(coarse, body, services, stage(0.75, 0.22, "Extracting bone surface"));
        long boneDone = System.nanoTime();
        checkCancelled();
        updateMessage("Preparing 3D meshes");
        LoadedCase result = new LoadedCase(location, volume, bone, skin, FxMeshMapper.toTriangleMesh(bone),
            FxMeshMapper.toTriangleMesh(skin), plan, (System.nanoTime() - start) / 1_000_000, imported.warnings());
        LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
            "%s: plan and DICOM %d ms, skin %d ms (%d triangles), bone %d ms (%d triangles), meshes %d ms",
            location.label(), (read - start) / 1_000_000, (skinDone - read) / 1_000_000, skin.triangleCount(),
            (boneDone - skinDone) / 1_000_000, bone.triangleCount(), (System.nanoTime() - boneDone) / 1_000_000));
        updateProgress(1, 1);
        return result;
    }

    /** A plan with nothing in it, labelled with the case folder's name. */
    public static Plan emptyPlan(String caseId) {
        return new Plan(caseId, null, null, List.of(), List.of());
    }

    /** The midpoint of the needles' targets, or null without needles. */
    static Vec3 targetMidpoint(Plan plan) {
        if (plan.needles().isEmpty()) {
            return null;
        }
        Vec3 sum = Vec3.ZERO;
        for (Needle n : plan.needles()) {
            sum = sum.plus(n.targetLps());
        }
        return sum.times(1.0 / plan.needles().size());
    }

    private void checkCancelled() throws InterruptedException {
        if (isCancelled()) {
            throw new InterruptedException("loading cancelled");
        }
    }

    private ProgressListener stage(double base, double span, String label) {
        return (fraction, message) -> {
            updateProgress(base + span * Math.max(0, Math.min(1, fraction)), 1);
            updateMessage(message == null || message.isBlank() ? label : label + ": " + message);
        };
    }
}
