package org.vertebroplan.app;

import javafx.concurrent.Task;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

/**
 * Loads a case in the background: DICOM volume (0-50 % of the progress), bone surface at
 * {@link #BONE_ISO_HU} (50-80 %), skin surface at {@link #SKIN_ISO_HU} (80-97 %), plan, then the
 * JavaFX meshes (so the FX thread only attaches them). Progress and messages flow through the Task's
 * properties; failures through its exception (the view model turns them into a dialog and an exit
 * code). Never run on the FX thread.
 */
public final class CaseLoadTask extends Task<LoadedCase> {

    /** Iso-value of the bone surface (cortical and dense cancellous bone). */
    public static final double BONE_ISO_HU = 250;
    /** Iso-value of the skin surface (air/skin boundary). */
    public static final double SKIN_ISO_HU = -300;

    private final CaseLocation location;
    private final CaseServices services;

    public CaseLoadTask(CaseLocation location, CaseServices services) {
        this.location = location;
        this.services = services;
        updateTitle("Loading " + location.label());
    }

    @Override
    protected LoadedCase call() throws Exception {
        long start = System.nanoTime();
        updateMessage("Reading DICOM from " + location.dicomDir());
        Volume volume = services.loadVolume(location.dicomDir(), stage(0.0, 0.5, "Reading DICOM"));
        checkCancelled();
        Mesh bone = services.extractSurface(volume, BONE_ISO_HU, stage(0.5, 0.3, "Extracting bone surface"));
        checkCancelled();
        Mesh skin = services.extractSurface(volume, SKIN_ISO_HU, stage(0.8, 0.17, "Extracting skin surface"));
        checkCancelled();
        updateMessage("Reading plan");
        CasePlan plan = location.planFile().isPresent() ? PlanFileReader.read(location.planFile().get())
            : CasePlan.empty();
        updateMessage("Preparing 3D meshes");
        LoadedCase result = new LoadedCase(location, volume, bone, skin, FxMeshMapper.toTriangleMesh(bone),
            FxMeshMapper.toTriangleMesh(skin), plan, (System.nanoTime() - start) / 1_000_000);
        updateProgress(1, 1);
        return result;
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
