package org.vertebroplan.plan;

import java.util.Map;
import java.util.Objects;
import org.vertebroplan.geom.Vec3;

/**
 * A skin marker position: an id (M1, M2, M3, ordered cranial to caudal) and its centre in LPS mm.
 * {@code extras} holds keys of the plan file this version does not know, so that they survive a
 * load/save round trip (plain JSON values: maps, lists, strings, numbers, booleans, null).
 */
public record Fiducial(String id, Vec3 lps, Map<String, Object> extras) {

    public Fiducial {
        Objects.requireNonNull(id, "fiducial id");
        Objects.requireNonNull(lps, "fiducial position");
        Needle.requireId("marker", id);
        if (!Needle.inPatientSpace(lps)) {
            throw new IllegalArgumentException("marker " + id + ": position must be finite numbers within "
                + (int) (Needle.MAX_COORDINATE_MM / 1000) + " m of the scanner's origin");
        }
        extras = PlanMaps.freeze(extras);
    }

    public Fiducial(String id, Vec3 lps) {
        this(id, lps, Map.of());
    }
}
