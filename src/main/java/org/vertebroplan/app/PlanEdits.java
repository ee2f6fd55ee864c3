package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGauge;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
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
     * The proposed needles in place of the plan's needles of the same side ids ("left", "right"),
     * keeping their diameter, working length and other keys; new ones get 11 G and
     * {@code workingLengthMm}.
     */
    static Plan withProposals(Plan plan, List<TrajectoryProposer.Proposal> proposals, double workingLengthMm) {
        Plan next = plan;
        for (TrajectoryProposer.Proposal pr : proposals) {
            Side side = pr.side();
            Needle old = plan.needle(side.jsonName());
            next = replace(next, old == null
                ? new Needle(side.jsonName(), side, pr.entryLps(), pr.targetLps(), pr.gauge().diameterMm(),
                    workingLengthMm, null, pr.route(), java.util.Map.of())
                : old.withPoints(pr.entryLps(), pr.targetLps()).withRoute(pr.route()));
        }
        return next;
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

    /** Entry + cranial angle + abduction angle + depth, angles per DESIGN.md in the plan's frame. */
    static Plan setByAngles(Plan plan, String id, Vec3 entryLps, double cranialDeg, double abductionDeg,
                            double depthMm) {
        if (!(depthMm > 0)) {
            throw new IllegalArgumentException("depth must be positive, got " + fmt(depthMm) + " mm");
        }
        if (Math.abs(cranialDeg) >= 90 || Math.abs(abductionDeg) >= 90) {
            throw new IllegalArgumentException("angles must lie between -90 and 90 degrees");
        }
        Needle n = needle(plan, id);
        Vec3 target = NeedleGeometry.targetFrom(n.side(), entryLps, cranialDeg, abductionDeg, depthMm,
            plan.angleFrameOf(n));
        return replace(plan, n.withPoints(entryLps, target));
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
        String base = side.jsonName();
        String id = base;
        for (int k = 2; plan.needle(id) != null; k++) {
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

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
