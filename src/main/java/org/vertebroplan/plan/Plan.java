package org.vertebroplan.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A vertebroplasty plan (immutable): the user's case label, the vertebral level, the CT series it was
 * planned on, the skin markers (M1..M3, cranial to caudal), the needles, the guide parameters (free
 * form; defaults apply to missing keys) and {@code extras}, the plan-file keys this version does not
 * know (kept for a lossless round trip, see {@code io.PlanJson}). A plan never holds the patient's name,
 * ID or birth date: {@code caseId} is a label chosen by the user.
 */
public record Plan(String caseId, String level, String seriesInstanceUid, List<Fiducial> fiducials,
                   List<Needle> needles, Map<String, Object> guide, Map<String, Object> extras) {

    public Plan {
        Objects.requireNonNull(caseId, "caseId");
        fiducials = List.copyOf(fiducials == null ? List.of() : fiducials);
        needles = List.copyOf(needles == null ? List.of() : needles);
        guide = PlanMaps.freeze(guide);
        extras = PlanMaps.freeze(extras);
        Set<String> ids = new HashSet<>();
        for (Needle n : needles) {
            if (!ids.add("needle:" + n.id())) {
                throw new IllegalArgumentException("two needles have the id " + n.id());
            }
        }
        for (Fiducial f : fiducials) {
            if (!ids.add("fiducial:" + f.id())) {
                throw new IllegalArgumentException("two fiducials have the id " + f.id());
            }
        }
    }

    public Plan(String caseId, String level, String seriesInstanceUid, List<Fiducial> fiducials,
                List<Needle> needles) {
        this(caseId, level, seriesInstanceUid, fiducials, needles, Map.of(), Map.of());
    }

    /** The needle with this id, or null. */
    public Needle needle(String id) {
        return needles.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /** A copy with one needle replaced (matched by id) or added. */
    public Plan withNeedle(Needle needle) {
        List<Needle> list = new java.util.ArrayList<>(needles);
        list.removeIf(n -> n.id().equals(needle.id()));
        list.add(needle);
        return new Plan(caseId, level, seriesInstanceUid, fiducials, list, guide, extras);
    }
}
