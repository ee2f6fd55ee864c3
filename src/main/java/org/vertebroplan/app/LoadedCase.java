package org.vertebroplan.app;

import java.util.List;

import javafx.scene.shape.TriangleMesh;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.volume.Volume;

/**
 * Everything the views show of one case, built by {@link CaseLoadTask} off the FX thread: the
 * volume, the displayed bone and skin surfaces (decimated core meshes and their prepared JavaFX
 * meshes) and the plan as it was read from disk.
 *
 * @param location where the case was read from
 * @param volume   the CT (HU, LPS)
 * @param bone     bone iso-surface as displayed (LPS mm)
 * @param skin     skin iso-surface as displayed (LPS mm)
 * @param boneFx   {@code bone} in scene coordinates
 * @param skinFx   {@code skin} in scene coordinates
 * @param plan     the plan read from {@code plan.json}, or an empty plan (no markers, no needles)
 * @param millis   wall time of the load
 */
public record LoadedCase(CaseLocation location, Volume volume, Mesh bone, Mesh skin, TriangleMesh boneFx,
                         TriangleMesh skinFx, Plan plan, long millis, List<String> warnings) {

    public LoadedCase {
        warnings = List.copyOf(warnings);
    }

    /** A case without import warnings. */
    public LoadedCase(CaseLocation location, Volume volume, Mesh bone, Mesh skin, TriangleMesh boneFx,
                      TriangleMesh skinFx, Plan plan, long millis) {
        this(location, volume, bone, skin, boneFx, skinFx, plan, millis, List.of());
    }
}
