package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.Side;
import org.vertebroplan.plan.TrajectoryProposer;

/**
 * The plan edits of the planning panel as pure functions from one immutable {@link Plan} to the
 * next (no JavaFX, so they are tested directly): moving a needle's entry or target, setting it by
 * entry + angles + depth ({@link NeedleGeometry#targetFrom}, in the plan's {@link AngleFrame}),
 * changing its diameter or working length, and placing, moving and deleting skin markers. Markers
 * are always renamed M1, M2, ... from cranial to caudal (highest LPS z first), the order the
 * marker frame and the guide expect; their other keys are kept. Needle edits keep the needle's
 * other keys too. Invalid edits (entry on the target, non-positive sizes) throw
 * {@link IllegalArgumentException} with a message for the user.
 */
final class PlanEdits {

    private PlanEdits() {
    }

    static Needle needle(Plan plan, String id) {
        Needle n = plan.needle(id);
        if (n == null) {
            throw new IllegalArgumentException("the plan has no needle \"" + id + "\"");
        }
        return n;
    }

    /** Replaces a needle keeping the plan's needle order. */
    static Plan replace(Plan plan, Needle needle) {
        List<Needle> list = new ArrayList<>(plan.needles());
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(needle.id())) {
                at = i;
            }
        }
        if (at < 0) {
            list.add(needle);
        } else {
            list.set(at, needle);
        }
        return withLists(plan, plan.fiducials(), list);
    }

    /**
     * The proposed needles for one level: those of level {@code levelIndex} (an index into
     * {@link Plan#levels()}), or of a new level labelled {@code newLabel} when the index is negative
     * (null or blank leaves it unnamed, which only a plan's only level may be). A needle of that level on
     * the proposal's side is moved onto it (keeping its id, diameter, working length and other keys,
     * taking the proposed route); else a new one is added with the suggested gauge and
     * {@code workingLengthMm}. Ids are unique per level: "left"/"right" while the plan has one level,
     * "T11-left" when it has several (the other levels' plain side ids get their level's prefix then).
     */
    static Plan withProposals(Plan plan, List<TrajectoryProposer.Proposal> proposals, double workingLengthMm,
                              int levelIndex, String newLabel) {
        List<PlanLevel> levels = new ArrayList<>(plan.levels());
        PlanLevel level;
        if (levelIndex >= 0) {
            level = levels.get(levelIndex);
        } else {
            String label = newLabel == null || newLabel.isBlank() ? null : newLabel.strip();
            if (label == null && !levels.isEmpty()) {
                throw new IllegalArgumentException("the plan has other levels: the new level needs a label");
            }
            checkNewLabel(plan, label, -1);
            level = new PlanLevel(label);
            levels.add(level);
        }
        boolean several = levels.size() > 1;
        List<Needle> needles = new ArrayList<>();
        for (Needle n : plan.needles()) {
            needles.add(several ? prefixed(n, plan.levelOf(n)) : n);
        }
        for (TrajectoryProposer.Proposal pr : proposals) {
            int at = -1;
            for (int i = 0; i < needles.size() && at < 0; i++) {
                Needle n = needles.get(i);
                boolean mine = Objects.equals(n.level(), level.label()) || (n.level() == null && levels.size() == 1);
                at = mine && n.side() == pr.side() ? i : -1;
            }
            if (at >= 0) {
                needles.set(at, needles.get(at).withPoints(pr.entryLps(), pr.targetLps()).withRoute(pr.route()));
            } else {
                List<String> taken = needles.stream().map(Needle::id).toList();
                needles.add(new Needle(freeId(taken, pr.side(), several ? level.label() : null), pr.side(),
                    pr.entryLps(), pr.targetLps(), pr.gauge().diameterMm(), workingLengthMm, level.label(), pr.route(),
                    Map.of()));
            }
        }
        return with(plan, levels, needles);
    }

    /** A needle with a plain side id ("left", "right-2") gets its level's prefix ("T11-left"). */
    private static Needle prefixed(Needle n, PlanLevel level) {
        if (level == null || level.label() == null || !n.id().matches("(left|right)(-\\d+)?")) {
            return n;
        }
        return renamed(n, level.label() + "-" + n.id()).withLevel(level.label());
    }

    private static Needle renamed(Needle n, String id) {
        return new Needle(id, n.side(), n.entryLps(), n.targetLps(), n.diameterMm(), n.workingLengthMm(), n.level(),
            n.route(), n.extras());
    }

    // ---- levels ----------------------------------------------------------------------------

    /** The needles of level {@code index}. */
    static List<Needle> needlesOf(Plan plan, int index) {
        PlanLevel l = plan.levels().get(index);
        return plan.needles().stream().filter(n -> l.equals(plan.levelOf(n))).toList();
    }

    /** The index of a needle's level in {@link Plan#levels()}, or -1. */
    static int levelIndexOf(Plan plan, Needle n) {
        PlanLevel l = plan.levelOf(n);
        return l == null ? -1 : plan.levels().indexOf(l);
    }

    /** A level's name for the user: its label, or "(unnamed)". */
    static String levelName(PlanLevel l) {
        return l == null || l.label() == null ? "(unnamed)" : l.label();
    }

    /**
     * The level whose vertebra is at {@code centreLps}: the nearest level within {@value #SAME_LEVEL_MM}
     * mm, by its needles' measured vertebra centre ({@code measuredCentre}, null when not measured) or
     * else the mean of their targets; -1 when none (levels without needles have no position).
     */
    static int levelAt(Plan plan, Vec3 centreLps, Function<Needle, Vec3> measuredCentre) {
        int best = -1;
        double bestD = SAME_LEVEL_MM;
        for (int i = 0; i < plan.levels().size(); i++) {
            Vec3 c = levelCentre(plan, i, measuredCentre);
            if (c != null && c.distance(centreLps) <= bestD) {
                bestD = c.distance(centreLps);
                best = i;
            }
        }
        return best;
    }

    /** Where level {@code index} is: its measured vertebra centre, else its needles' mean target, else null. */
    static Vec3 levelCentre(Plan plan, int index, Function<Needle, Vec3> measuredCentre) {
        List<Needle> mine = needlesOf(plan, index);
        Vec3 sum = Vec3.ZERO;
        for (Needle n : mine) {
            Vec3 c = measuredCentre.apply(n);
            if (c != null) {
                return c;
            }
            sum = sum.plus(n.targetLps());
        }
        return mine.isEmpty() ? null : sum.times(1.0 / mine.size());
    }

    /** A new level's centre closer than this to a level's centre is taken to be that level. */
    static final double SAME_LEVEL_MM = 15;

    /** A new, empty level with this label. */
    static Plan addLevel(Plan plan, String label) {
        String l = requiredLabel(label);
        if (plan.levels().size() == 1 && plan.levels().get(0).label() == null) {
            throw new IllegalArgumentException("name the current level first (a plan of several levels needs a"
                + " label on each)");
        }
        checkNewLabel(plan, l, -1);
        List<PlanLevel> levels = new ArrayList<>(plan.levels());
        levels.add(new PlanLevel(l));
        return with(plan, levels, plan.needles());
    }

    /** Level {@code index} renamed; its needles follow, and their ids with the old label's prefix too. */
    static Plan renameLevel(Plan plan, int index, String label) {
        String l = requiredLabel(label);
        checkNewLabel(plan, l, index);
        PlanLevel old = plan.levels().get(index);
        List<PlanLevel> levels = new ArrayList<>(plan.levels());
        levels.set(index, old.withLabel(l));
        List<Needle> needles = new ArrayList<>();
        for (Needle n : plan.needles()) {
            if (!old.equals(plan.levelOf(n))) {
                needles.add(n);
            } else if (old.label() != null && n.id().startsWith(old.label() + "-")) {
                needles.add(renamed(n, l + n.id().substring(old.label().length())).withLevel(l));
            } else {
                needles.add(n.withLevel(l));
            }
        }
        return with(plan, levels, needles);
    }

    /** Level {@code index} removed with its needles. */
    static Plan removeLevel(Plan plan, int index) {
        PlanLevel old = plan.levels().get(index);
        List<PlanLevel> levels = new ArrayList<>(plan.levels());
        levels.remove(index);
        List<Needle> needles = new ArrayList<>(plan.needles());
        needles.removeIf(n -> old.equals(plan.levelOf(n)));
        return with(plan, levels, needles);
    }

    private static String requiredLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("type the level's label (e.g. L2)");
        }
        return label.strip();
    }

    private static void checkNewLabel(Plan plan, String label, int except) {
        for (int i = 0; i < plan.levels().size(); i++) {
            if (i != except && label != null && label.equals(plan.levels().get(i).label())) {
                throw new IllegalArgumentException("the plan already has a level " + label);
            }
        }
    }

    /** A needle's level with another angle frame (creating the plan's only level when it has none). */
    static Plan withLevelFrame(Plan plan, Needle n, AngleFrame frame) {
        PlanLevel l = plan.levelOf(n);
        if (l == null) {
            if (!plan.levels().isEmpty()) {
                throw new IllegalArgumentException("needle " + n.id() + " belongs to no level");
            }
            return frame.applyTo(plan);
        }
        List<PlanLevel> levels = new ArrayList<>(plan.levels());
        levels.set(levels.indexOf(l), l.withAngleFrame(AngleFrame.PATIENT.equals(frame) ? null : frame));
        return with(plan, levels, plan.needles());
    }

    static Plan removeNeedle(Plan plan, String id) {
        List<Needle> list = new ArrayList<>(plan.needles());
        list.removeIf(n -> n.id().equals(id));
        return withLists(plan, plan.fiducials(), list);
    }

    static Plan moveEntry(Plan plan, String id, Vec3 entryLps) {
        Needle n = needle(plan, id);
        return replace(plan, n.withPoints(entryLps, n.targetLps()));
    }

    static Plan moveTarget(Plan plan, String id, Vec3 targetLps) {
        Needle n = needle(plan, id);
        return replace(plan, n.withPoints(n.entryLps(), targetLps));
    }

    /** Entry + cranial angle + abduction angle + depth, angles as docs/architecture.md "Coordinates, units, angles" defines them, in the plan's frame. */
    static Plan setByAngles(Plan plan, String id, Vec3 entryLps, double cranialDeg, double abductionDeg,
                            double depthMm) {
        return setByAngles(plan, id, entryLps, cranialDeg, abductionDeg, depthMm, plan.angleFrameOf(needle(plan, id)));
    }

    /**
     * Entry + angles typed in {@code frame} + depth. When that is not the frame the plan records for the
     * needle's level, the level records it in the same edit, so the plan file keeps the frame the numbers
     * were typed in.
     */
    static Plan setByAngles(Plan plan, String id, Vec3 entryLps, double cranialDeg, double abductionDeg,
                            double depthMm, AngleFrame frame) {
        if (!(depthMm > 0)) {
            throw new IllegalArgumentException("depth must be positive, got " + fmt(depthMm) + " mm");
        }
        if (Math.abs(cranialDeg) >= 90 || Math.abs(abductionDeg) >= 90) {
            throw new IllegalArgumentException("angles must lie between -90 and 90 degrees");
        }
        Needle n = needle(plan, id);
        Plan framed = frame.equals(plan.angleFrameOf(n)) ? plan : withLevelFrame(plan, n, frame);
        Vec3 target = NeedleGeometry.targetFrom(n.side(), entryLps, cranialDeg, abductionDeg, depthMm, frame);
        return replace(framed, needle(framed, id).withPoints(entryLps, target));
    }

    static Plan setDiameter(Plan plan, String id, double diameterMm) {
        Needle n = needle(plan, id);
        return replace(plan, new Needle(n.id(), n.side(), n.entryLps(), n.targetLps(), diameterMm,
            n.workingLengthMm(), n.level(), n.route(), n.extras()));
    }

    static Plan setWorkingLength(Plan plan, String id, double workingLengthMm) {
        Needle n = needle(plan, id);
        return replace(plan, new Needle(n.id(), n.side(), n.entryLps(), n.targetLps(), n.diameterMm(),
            workingLengthMm, n.level(), n.route(), n.extras()));
    }

    /** Depth and angles of a needle in the plan's angle frame. */
    static NeedleGeometry geometry(Plan plan, Needle n) {
        return NeedleGeometry.of(n.side(), n.entryLps(), n.targetLps(), plan.angleFrameOf(n));
    }

    /** A new needle id for a side: "left"/"right", or "left-2" ... when taken. */
    static String freeId(Plan plan, Side side) {
        return freeId(plan, side, null);
    }

    /** A new needle id for a side with a level prefix ("T11-left"; none when null), "-2" ... when taken. */
    static String freeId(Plan plan, Side side, String levelPrefix) {
        return freeId(plan.needles().stream().map(Needle::id).toList(), side, levelPrefix);
    }

    private static String freeId(List<String> taken, Side side, String levelPrefix) {
        String base = (levelPrefix == null ? "" : levelPrefix + "-") + side.jsonName();
        String id = base;
        for (int k = 2; taken.contains(id); k++) {
            id = base + "-" + k;
        }
        return id;
    }

    static Plan addMarker(Plan plan, Vec3 lps) {
        List<Fiducial> list = new ArrayList<>(plan.fiducials());
        list.add(new Fiducial("new", lps));
        return withMarkers(plan, list);
    }

    static Plan moveMarker(Plan plan, String id, Vec3 lps) {
        List<Fiducial> list = new ArrayList<>();
        boolean found = false;
        for (Fiducial f : plan.fiducials()) {
            if (f.id().equals(id)) {
                list.add(new Fiducial(f.id(), lps, f.extras()));
                found = true;
            } else {
                list.add(f);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("the plan has no marker " + id);
        }
        return withMarkers(plan, list);
    }

    static Plan deleteMarker(Plan plan, String id) {
        List<Fiducial> list = new ArrayList<>(plan.fiducials());
        list.removeIf(f -> f.id().equals(id));
        return withMarkers(plan, list);
    }

    /** Replaces all markers (e.g. by the detected ones), renamed M1.. cranial to caudal. */
    static Plan withMarkers(Plan plan, List<Fiducial> markers) {
        List<Fiducial> sorted = new ArrayList<>(markers);
        sorted.sort(Comparator.comparingDouble((Fiducial f) -> f.lps().z()).reversed());
        List<Fiducial> named = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Fiducial f = sorted.get(i);
            named.add(new Fiducial("M" + (i + 1), f.lps(), f.extras()));
        }
        return withLists(plan, named, plan.needles());
    }

    /** The marker frame, or null unless the plan has exactly three usable markers. */
    static FiducialFrame markerFrame(Plan plan) {
        if (plan.fiducials().size() != 3) {
            return null;
        }
        try {
            return FiducialFrame.ofMarkers(plan.fiducials());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The entry as the surgeon marks it on the skin: mm cranial (or caudal) of M2 along the marker
     * line and mm left (or right) of that line; null without a usable marker frame.
     */
    static String entryFromMarkers(Plan plan, Needle n) {
        FiducialFrame frame = markerFrame(plan);
        if (frame == null) {
            return null;
        }
        FiducialFrame.SkinPoint p = frame.toSkin(n.entryLps());
        return String.format(Locale.ROOT, "%s mm %s of M2, %s mm %s of the marker line", fmt(Math.abs(p.alongMm())),
            p.alongMm() >= 0 ? "cranial" : "caudal", fmt(Math.abs(p.leftMm())), p.leftMm() >= 0 ? "left" : "right");
    }

    private static Plan withLists(Plan plan, List<Fiducial> fiducials, List<Needle> needles) {
        return new Plan(plan.caseId(), plan.levels(), plan.seriesInstanceUid(), fiducials, needles, plan.guide(),
            plan.extras());
    }

    /** The plan with other levels and needles at once (each alone might not make a valid plan). */
    private static Plan with(Plan plan, List<PlanLevel> levels, List<Needle> needles) {
        return new Plan(plan.caseId(), levels, plan.seriesInstanceUid(), plan.fiducials(), needles, plan.guide(),
            plan.extras());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
