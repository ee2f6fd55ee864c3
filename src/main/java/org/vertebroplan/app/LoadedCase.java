package org.vertebroplan.app;

import javafx.scene.shape.TriangleMesh;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.volume.Volume;

/**
 * Everything the views show of one case, built by {@link CaseLoadTask} off the FX thread: the
 * volume, the bone and skin surfaces (core meshes and their prepared JavaFX meshes) and the plan.
 *
 * @param location where the case was read from
 * @param volume   the CT (HU, LPS)
 * @param bone     bone iso-surface (LPS mm)
 * @param skin     skin iso-surface (LPS mm)
 * @param boneFx   {@code bone} in scene coordinates
 * @param skinFx   {@code skin} in scene coordinates
 * @param plan     markers and needles ({@link CasePlan#empty()} without a plan file)
 * @param millis   wall time of the load
 */
public record LoadedCase(CaseLocation location, Volume volume, Mesh bone, Mesh skin, TriangleMesh boneFx,
                         TriangleMesh skinFx, CasePlan plan, long millis) {
}
