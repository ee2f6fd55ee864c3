package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A vertebroplasty plan (immutable): the user's case label, the CT series it was planned on, the
 * vertebral levels it treats ({@link PlanLevel}: label and the frame its typed angles use), the skin
 * markers (M1..M3, cranial to caudal), the needles (each naming its level), the guide parameters (free
 * form; defaults apply to missing keys) and {@code extras}, the plan-file keys this version does not
 * know (kept for a lossless round trip, see {@code io.PlanJson}). A plan never holds the patient's name,
 * ID or birth date: {@code caseId} is a label chosen by the user.
 *
 * <p>Levels: labels are unique; with one level, needles that name none belong to it (and are given its
 * label when it has one); with several, every needle names one of them.
 */
public record Plan(String caseId, List<PlanLevel> levels, String seriesInstanceUid, List<Fiducial> fiducials,
                   List<Needle> needles, Map<String, Object> guide, Map<String, Object> extras) {

    public Plan {
        Objects.requireNonNull(caseId, "caseId");
        levels = List.copyOf(levels == null ? List.of() : levels);
        fiducials = List.copyOf(fiducials == null ? List.of() : fiducials);
        needles = List.copyOf(needles == null ? List.of() : needles);
        guide = PlanMaps.freeze(guide);
        extras = PlanMaps.freeze(extras);
        count("levels", levels.size(), MAX_LEVELS);
        count("needles", needles.size(), MAX_NEEDLES);
        count("markers", fiducials.size(), MAX_FIDUCIALS);
        Set<String> labels = new HashSet<>();
        for (PlanLevel l : levels) {
            if (levels.size() > 1 && l.label() == null) {
                throw new IllegalArgumentException("a plan with several levels needs a label on each");
            }
            if (l.label() != null && !labels.add(l.label())) {
                throw new IllegalArgumentException("two levels have the label " + l.label());
            }
        }
        if (levels.size() == 1 && levels.get(0).label() != null) {
            String only = levels.get(0).label();
            List<Needle> fixed = new ArrayList<>();
            for (Needle n : needles) {
                fixed.add(n.level() == null ? n.withLevel(only) : n);
            }
            needles = List.copyOf(fixed);
        }
        Set<String> ids = new HashSet<>();
        java.util.Map<String, String> fileNames = new java.util.HashMap<>();
        for (Needle n : needles) {
            if (!ids.add("needle:" + n.id())) {
                throw new IllegalArgumentException("two needles have the id " + n.id());
            }
            String other = fileNames.putIfAbsent(Needle.fileSafe(n.id()), n.id());
            if (other != null) {
                throw new IllegalArgumentException("needles \"" + other + "\" and \"" + n.id() + "\" would write the"
                    + " same file (sleeve-" + Needle.fileSafe(n.id()) + ".stl): make their ids differ in letters,"
                    + " digits, '.', '_' or '-'");
            }
            if (n.level() != null && !labels.contains(n.level())) {
                throw new IllegalArgumentException("needle " + n.id() + " is at level " + n.level()
                    + ", which the plan does not list");
            }
            if (n.level() == null && levels.size() > 1) {
                throw new IllegalArgumentException("needle " + n.id() + " names no level in a plan with several");
            }
        }
        for (Fiducial f : fiducials) {
            if (!ids.add("fiducial:" + f.id())) {
                throw new IllegalArgumentException("two fiducials have the id " + f.id());
            }
        }
    }

    /** The most levels a plan holds: a whole spine. */
    public static final int MAX_LEVELS = 30;
    /** The most needles: a few per level of a whole spine. */
    public static final int MAX_NEEDLES = 100;
    /** The most skin markers (a guide uses three). */
    public static final int MAX_FIDUCIALS = 20;

    private static void count(String what, int n, int max) {
        if (n > max) {
            throw new IllegalArgumentException("a plan holds at most " + max + " " + what + ", this one " + n);
        }
    }

    /** A plan of one level (or none, when {@code level} is null). */
    public Plan(String caseId, String level, String seriesInstanceUid, List<Fiducial> fiducials,
                List<Needle> needles) {
        this(caseId, level == null ? List.of() : List.of(new PlanLevel(level)), seriesInstanceUid, fiducials, needles,
            Map.of(), Map.of());
    }

    /**
     * The level label for display and engraving: the only level's label, the labels joined by "-" when
     * there are several, null when no level is named.
     */
    public String level() {
        List<String> labels = levels.stream().map(PlanLevel::label).filter(Objects::nonNull).toList();
        return labels.isEmpty() ? null : String.join("-", labels);
    }

    /** The level a needle belongs to, or null. */
    public PlanLevel levelOf(Needle n) {
        if (n.level() == null) {
            return levels.size() == 1 ? levels.get(0) : null;
        }
        return levels.stream().filter(l -> n.level().equals(l.label())).findFirst().orElse(null);
    }

    /** The frame the typed angles of this needle use (its level's recorded frame, else the patient frame). */
    public AngleFrame angleFrameOf(Needle n) {
        PlanLevel l = levelOf(n);
        return l == null ? AngleFrame.PATIENT : l.angleFrameOrPatient();
    }

    /** The needle with this id, or null. */
    public Needle needle(String id) {
        return needles.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /** A copy with one needle replaced (matched by id) or added. */
    public Plan withNeedle(Needle needle) {
        List<Needle> list = new ArrayList<>(needles);
        list.removeIf(n -> n.id().equals(needle.id()));
        list.add(needle);
        return withNeedles(list);
    }

    public Plan withNeedles(List<Needle> list) {
        return new Plan(caseId, levels, seriesInstanceUid, fiducials, list, guide, extras);
    }

    public Plan withLevels(List<PlanLevel> list) {
        return new Plan(caseId, list, seriesInstanceUid, fiducials, needles, guide, extras);
    }

    public Plan withFiducials(List<Fiducial> list) {
        return new Plan(caseId, levels, seriesInstanceUid, list, needles, guide, extras);
    }

    public Plan withGuide(Map<String, Object> g) {
        return new Plan(caseId, levels, seriesInstanceUid, fiducials, needles, g, extras);
    }

    public Plan withSeries(String uid) {
        return new Plan(caseId, levels, uid, fiducials, needles, guide, extras);
    }
}
