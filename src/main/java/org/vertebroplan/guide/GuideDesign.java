package org.vertebroplan.guide;

import java.util.List;
import java.util.Map;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshReport;

/**
 * A generated guide template: the base and one sleeve per needle (closed meshes in LPS mm, all in
 * the CT frame so they register), their designs and mesh reports, the error budget per needle, and
 * warnings for the user.
 */
public record GuideDesign(GuideSpec spec, Mesh base, MeshReport baseReport, Map<String, Mesh> sleeves,
                          Map<String, MeshReport> sleeveReports, Map<String, SleeveDesign> sleeveDesigns,
                          Map<String, ErrorBudget> errorBudgets, List<String> warnings, long millis) {
}
