package org.vertebroplan.app;

import java.util.List;
import javafx.concurrent.Task;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.SurfaceOptions;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * Loads a case in the background: the plan ({@code io.PlanJson}, first, so that a bad plan fails
 * fast), the DICOM volume (0-50 % of the progress), the bone surface at {@link #BONE_ISO_HU}
 * (50-80 %), the skin surface at {@link #SKIN_ISO_HU} (80-97 %), then the JavaFX meshes (so the FX
 * thread only attaches them). Progress and messages flow through the Task's properties; failures
 * through its exception (the view model turns them into a dialog and an exit code). Never run on
 * the FX thread.
 *
 * <p>Displayed surfaces only: the bone is the connected piece around the midpoint of the plan's
 * targets (the planned vertebra; without needles, the largest piece), so the CT table and distant
 * bones are left out; the skin is the largest piece (the body), extracted from a coarser copy of the
 * CT ({@link #SKIN_SPACING_MM}; decimating a full-resolution skin takes minutes) after removing thin
 * structures such as a couch plate touching the back ({@link DisplayVolume#open}). Both are decimated
 * to about {@link #DISPLAY_TRIANGLES} triangles when they have more, so that rotating stays fluid on a
 * software renderer. The full-resolution meshes are not kept.
 */
public final class CaseLoadTask extends Task<LoadedCase> {

    /** Iso-value of the bone surface (cortical and dense cancellous bone). */
    public static final double BONE_ISO_HU = 250;
    /** Iso-value of the skin surface (air/skin boundary). */
    public static final double SKIN_ISO_HU = -300;
    /** The skin is extracted from a copy of the CT with voxels at least this large (see {@link DisplayVolume}). */
    public static final double SKIN_SPACING_MM = 1.5;
    /** Triangle budget of each displayed surface. */
    public static final int DISPLAY_TRIANGLES = 250_000;

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
            plan.frameOfReferenceUid(), seriesUid, stage(0.0, 0.5, "Reading DICOM"));
        if (plan.seriesInstanceUid() == null && imported.seriesInstanceUid() != null) {
            // a new plan records the CT it is made on, so that a guide is only ever made from this series
            plan = plan.withSeries(imported.seriesInstanceUid(), imported.frameOfReferenceUid());
        }
        Volume volume = imported.volume();
        checkCancelled();
        Mesh bone = services.extractSurface(volume, BONE_ISO_HU, boneOptions(plan),
            stage(0.5, 0.3, "Extracting bone surface"));
        checkCancelled();
        Volume coarse = DisplayVolume.open(DisplayVolume.downsample(volume, SKIN_SPACING_MM));
        Mesh skin = services.extractSurface(coarse, SKIN_ISO_HU, displayOptions().withKeepLargest(true),
            stage(0.8, 0.17, "Extracting skin surface"));
        checkCancelled();
        updateMessage("Preparing 3D meshes");
        LoadedCase result = new LoadedCase(location, volume, bone, skin, FxMeshMapper.toTriangleMesh(bone),
            FxMeshMapper.toTriangleMesh(skin), plan, (System.nanoTime() - start) / 1_000_000, imported.warnings());
        updateProgress(1, 1);
        return result;
    }

    /** A plan with nothing in it, labelled with the case folder's name. */
    public static Plan emptyPlan(String caseId) {
        return new Plan(caseId, null, null, List.of(), List.of());
    }

    /** Bone: the piece around the targets' midpoint when the plan has needles, else the largest piece. */
    static SurfaceOptions boneOptions(Plan plan) {
        Vec3 seed = targetMidpoint(plan);
        return seed == null ? displayOptions().withKeepLargest(true) : displayOptions().withSeed(seed);
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

    private static SurfaceOptions displayOptions() {
        return SurfaceOptions.defaults().withTargetTriangles(DISPLAY_TRIANGLES);
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
