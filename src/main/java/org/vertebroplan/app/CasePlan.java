package org.vertebroplan.app;

import java.util.List;
import org.vertebroplan.geom.Vec3;

/**
 * The few plan fields the viewer shows: skin markers and needles (entry and target in LPS mm).
 * A read-only stand-in until the plan package's own model is merged; angles follow DESIGN.md
 * (patient frame: S = +z, A = -y, medial M = -x for a left needle, +x for a right one).
 *
 * @param caseId  the user's case label ("" if absent)
 * @param level   vertebral level ("" if absent)
 * @param markers radiopaque skin markers
 * @param needles planned needles
 */
public record CasePlan(String caseId, String level, List<Marker> markers, List<Needle> needles) {

    public CasePlan {
        markers = List.copyOf(markers);
        needles = List.copyOf(needles);
    }

    /** A plan with nothing in it (a case without plan.json). */
    public static CasePlan empty() {
        return new CasePlan("", "", List.of(), List.of());
    }

    /** A skin marker (fiducial). */
    public record Marker(String id, Vec3 lps) {
    }

    /**
     * A needle from {@code entryLps} (skin) to {@code targetLps} (vertebral body).
     *
     * @param side "left", "right" or "" when unknown
     */
    public record Needle(String id, String side, Vec3 entryLps, Vec3 targetLps, double diameterMm) {

        /** |target - entry| in mm. */
        public double depthMm() {
            return targetLps.distance(entryLps);
        }

        /** asin(u . S) in degrees, positive when the tip heads cranially. */
        public double cranialDeg() {
            Vec3 u = targetLps.minus(entryLps).normalized();
            return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, u.z()))));
        }

        /**
         * atan2(u . M, u . A) in degrees, positive when the tip converges towards the midline; NaN
         * when the side is unknown.
         */
        public double abductionDeg() {
            double medialX;
            if ("left".equalsIgnoreCase(side)) {
                medialX = -1;
            } else if ("right".equalsIgnoreCase(side)) {
                medialX = 1;
            } else {
                return Double.NaN;
            }
            Vec3 u = targetLps.minus(entryLps).normalized();
            return Math.toDegrees(Math.atan2(u.x() * medialX, -u.y()));
        }
    }
}
