package org.vertebroplan.guide;

import java.util.List;
import java.util.Map;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshReport;

/**
 * A generated guide template: the base and one sleeve per needle (closed meshes in LPS mm, all in
 * the CT frame so they register), their designs and mesh reports, the error budget per needle, the fit
 * coupon (in its own print frame), the base's print direction (up on the printer, into the body) and
 * warnings for the user.
 */
public record GuideDesign(GuideSpec spec, Mesh base, MeshReport baseReport, Map<String, Mesh> sleeves,
                          Map<String, MeshReport> sleeveReports, Map<String, SleeveDesign> sleeveDesigns,
                          Map<String, ErrorBudget> errorBudgets, Mesh coupon, MeshReport couponReport,
                          org.vertebroplan.geom.Vec3 printUp, List<EngravedLabel> engraved, List<String> warnings,
                          long millis) {

    /**
     * A label engraved into the base's outer surface: its text, its centre on the marker plane (LPS; the
     * outer surface lies above it along the marker frame's "above"), letter height and width (mm).
     */
    public record EngravedLabel(String text, org.vertebroplan.geom.Vec3 centreLps, double heightMm, double widthMm) {
    }
}
