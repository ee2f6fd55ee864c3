package org.vertebroplan.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.Side;
import org.vertebroplan.rehearsal.Attempt;
import org.vertebroplan.rehearsal.AttemptMode;
import org.vertebroplan.rehearsal.Shot;

/**
 * The rules of a rehearsal, without the toolkit: the reference plan (kept, never handed to a view),
 * the mode, the level and needle the trainee works on, each needle's entry, angles and depth, the
 * C-arm's pose, the shots taken and the clock. Every action returns null when done, else a sentence
 * for the trainee saying why not (nothing changes then).
 *
 * <p>Freehand: the trainee marks the entry on the skin, turns the needle in steps about its entry
 * (patient-frame cranial and abduction angles, starting straight anterior) and advances or withdraws
 * it; marking a new entry withdraws the needle to the skin (a new puncture). Template: once the guide
 * is seated, every needle of the reference plan has its sleeve, the needle runs on the sleeve's axis
 * (the reference needle's line, from its entry) and only its depth may change.
 *
 * <p>The C-arm starts in AP centred on the level (the mean of the reference plan's targets there, as
 * a radiographer centres it on the level named in the request); the table moves it cranially or
 * caudally. Every shot is recorded with {@link Attempt#DOSE_PER_SHOT_MGY}. Not thread-safe: the FX
 * thread owns it.
 */
final class RehearsalSession {

    /** One angle step, degrees (the fine step is a quarter of it). */
    static final double ANGLE_STEP_DEG = 1;
    /** One advance step, mm (the long step is five). */
    static final double ADVANCE_STEP_MM = 1;
    /** Below this depth a needle counts as not placed (it is at the skin). */
    static final double MIN_PLACED_MM = 1;
    /** The oblique view's orbital angle, towards the needle's side ("down the pedicle"). */
    static final double OBLIQUE_DEG = 20;
    /** The C-arm's reach: orbital within +-this, degrees. */
    static final double MAX_ORBITAL_DEG = 120;
    /** The C-arm's reach: angular within +-this, degrees. */
    static final double MAX_ANGULAR_DEG = 45;

    private final Plan reference;
    private final AttemptMode mode;
    private final DoubleSupplier clock;
    private final Map<String, RehearsalNeedle> needles = new LinkedHashMap<>();
    private final List<Shot> shots = new ArrayList<>();
    private String level;
    private Side side = Side.LEFT;
    private CArm carm;
    private boolean guideSeated;
    private double lastNeedleSeconds = -1;
    private int shotsBeforeEntry = -1;

    /**
     * @param reference the surgeon's plan (at least one needle)
     * @param clock     seconds since the rehearsal started
     */
    RehearsalSession(Plan reference, AttemptMode mode, DoubleSupplier clock) {
        this.reference = Objects.requireNonNull(reference);
        this.mode = Objects.requireNonNull(mode);
        this.clock = Objects.requireNonNull(clock);
        if (reference.needles().isEmpty()) {
            throw new IllegalArgumentException("the reference plan has no needles to rehearse");
        }
        List<String> labels = levels();
        level = labels.isEmpty() ? null : labels.get(0);
        carm = CArm.ap(levelCentre(level));
    }

    /** The levels the trainee may pick: the reference plan's level labels (empty when it names none). */
    List<String> levels() {
        Set<String> out = new LinkedHashSet<>();
        for (PlanLevel l : reference.levels()) {
            if (l.label() != null) {
                out.add(l.label());
            }
        }
        for (Needle n : reference.needles()) {
            if (n.level() != null) {
                out.add(n.level());
            }
        }
        return List.copyOf(out);
    }

    AttemptMode mode() {
        return mode;
    }

    String level() {
        return level;
    }

    Side side() {
        return side;
    }

    /** Works on another level: the C-arm is centred on it. */
    String selectLevel(String label) {
        if (!levels().contains(label)) {
            return "The case treats " + String.join(", ", levels()) + ", not " + label;
        }
        level = label;
        carm = carm.withIso(levelCentre(label));
        return null;
    }

    /** Works on the needle of this side. */
    void selectSide(Side s) {
        side = Objects.requireNonNull(s);
    }

    /** The needle being worked on (null before its entry is marked or its sleeve is used). */
    RehearsalNeedle current() {
        return needles.get(key(level, side));
    }

    /** Every needle with an entry, in the order they were started. */
    List<RehearsalNeedle> needles() {
        return List.copyOf(needles.values());
    }

    boolean guideSeated() {
        return guideSeated;
    }

    /** Freehand: the entry of the current needle on the skin (a new puncture: the tip back at the skin). */
    String markEntry(Vec3 skinLps) {
        String refused = entryRefusal();
        if (refused != null) {
            return refused;
        }
        RehearsalNeedle old = current();
        double[] size = needleSize(level, side);
        RehearsalNeedle n = old == null
            ? new RehearsalNeedle(side, level, skinLps, 0, 0, 0, false, size[0], size[1])
            : new RehearsalNeedle(side, level, skinLps, old.cranialDeg(), old.abductionDeg(), 0, false, size[0], size[1]);
        put(n);
        if (shotsBeforeEntry < 0) {
            shotsBeforeEntry = shots.size();
        }
        return null;
    }

    /** Why no entry can be marked in this mode (null: it can). */
    String entryRefusal() {
        return mode == AttemptMode.TEMPLATE ? "With the template the sleeve gives the entry" + (guideSeated ? ""
            : ": seat the guide") : null;
    }

    /** Freehand: turns the current needle about its entry (degrees; positive: cranially, medially). */
    String tilt(double cranialDeg, double medialDeg) {
        RehearsalNeedle n = current();
        if (n == null) {
            return mode == AttemptMode.TEMPLATE ? "Seat the guide first" : "Mark the entry on the skin first";
        }
        if (n.sleeved()) {
            return "The sleeve holds the needle's direction: only its depth can change";
        }
        double cranial = Math.max(-89, Math.min(89, n.cranialDeg() + cranialDeg));
        double abduction = Math.max(-89, Math.min(89, n.abductionDeg() + medialDeg));
        put(n.withAngles(cranial, abduction));
        return null;
    }

    /** Advances (positive) or withdraws the current needle, mm; the depth stays within 0..working length. */
    String advance(double mm) {
        RehearsalNeedle n = current();
        if (n == null) {
            if (mode == AttemptMode.TEMPLATE) {
                return guideSeated ? "The guide has no sleeve for the " + side.jsonName() + " needle"
                    + (level == null ? "" : " at " + level) : "Seat the guide first";
            }
            return "Mark the entry on the skin first";
        }
        put(n.withDepth(Math.max(0, Math.min(n.workingLengthMm(), n.depthMm() + mm))));
        return null;
    }

    /**
     * Template: seats the guide on the skin; every reference needle's sleeve then holds a needle at the
     * skin on the sleeve's axis (the reference needle's line).
     */
    String seatGuide() {
        if (mode != AttemptMode.TEMPLATE) {
            return "Freehand: there is no guide to seat";
        }
        if (guideSeated) {
            return "The guide is already seated";
        }
        for (Needle r : reference.needles()) {
            NeedleGeometry g = NeedleGeometry.of(r);
            String l = r.level() != null ? r.level() : level;
            needles.putIfAbsent(key(l, r.side()), new RehearsalNeedle(r.side(), l, r.entryLps(), g.cranialDeg(),
                g.abductionDeg(), 0, true, r.diameterMm(), r.workingLengthMm()));
        }
        guideSeated = true;
        lastNeedleSeconds = clock.getAsDouble();
        if (shotsBeforeEntry < 0) {
            shotsBeforeEntry = shots.size();
        }
        return null;
    }

    CArm carm() {
        return carm;
    }

    /** Turns the C-arm (degrees, clamped to its reach). */
    void setAngles(double orbitalDeg, double angularDeg) {
        carm = carm.withAngles(Math.max(-MAX_ORBITAL_DEG, Math.min(MAX_ORBITAL_DEG, orbitalDeg)),
            Math.max(-MAX_ANGULAR_DEG, Math.min(MAX_ANGULAR_DEG, angularDeg)));
    }

    /** AP, lateral (source on the patient's left) or the oblique towards the current needle's side. */
    void preset(String view) {
        switch (view) {
            case "ap" -> setAngles(0, carm.angularDeg());
            case "lateral" -> setAngles(90, carm.angularDeg());
            case "oblique" -> setAngles(side == Side.LEFT ? -OBLIQUE_DEG : OBLIQUE_DEG, carm.angularDeg());
            default -> throw new IllegalArgumentException("view: ap, lateral or oblique");
        }
    }

    /** Moves the table so that the C-arm's centre goes cranially (positive) or caudally, mm. */
    void moveTable(double cranialMm) {
        carm = carm.withIso(carm.isoLps().plus(new Vec3(0, 0, cranialMm)));
    }

    /** Takes a shot with the C-arm as it stands: counted, dosed, timed. */
    Shot takeShot() {
        Shot s = new Shot(Math.max(0, clock.getAsDouble()), carm.orbitalDeg(), carm.angularDeg(), carm.isoLps(),
            Attempt.DOSE_PER_SHOT_MGY);
        shots.add(s);
        return s;
    }

    List<Shot> shots() {
        return List.copyOf(shots);
    }

    double doseMGy() {
        return shots.stream().mapToDouble(Shot::doseMGy).sum();
    }

    /** Shots taken before the first entry was marked or the guide seated (the paper's "to find the puncture point"). */
    int shotsBeforeEntry() {
        return shotsBeforeEntry < 0 ? shots.size() : shotsBeforeEntry;
    }

    /** The steel the C-arm sees: every needle from its hub to its tip. */
    List<Needle> rods() {
        List<Needle> out = new ArrayList<>();
        for (RehearsalNeedle n : needles.values()) {
            out.add(n.rod(idOf(n)));
        }
        return out;
    }

    /** The trainee's needles that went in (at least {@link #MIN_PLACED_MM}) as a plan on the reference's CT. */
    Plan attemptPlan() {
        List<Needle> placed = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (RehearsalNeedle n : needles.values()) {
            if (n.depthMm() >= MIN_PLACED_MM) {
                placed.add(n.planned(idOf(n)));
                if (n.level() != null) {
                    labels.add(n.level());
                }
            }
        }
        List<PlanLevel> levels = labels.stream().map(PlanLevel::new).toList();
        return new Plan(reference.caseId(), levels, reference.seriesInstanceUid(), List.of(), placed, Map.of(),
            Map.of());
    }

    /** The plan id of a trainee's needle: its side, prefixed by its level when the plan treats several. */
    String idOf(RehearsalNeedle n) {
        return levels().size() > 1 && n.level() != null ? n.level() + "-" + n.side().jsonName() : n.side().jsonName();
    }

    /** Seconds from the start to the last needle action (or now, when no needle moved yet). */
    double durationSeconds() {
        return lastNeedleSeconds >= 0 ? lastNeedleSeconds : Math.max(0, clock.getAsDouble());
    }

    /** The attempt as it stands. */
    Attempt attempt(String trainee, String startedAt, String referenceFileName) {
        return Attempt.of(attemptPlan(), mode, shots, durationSeconds()).withTrainee(trainee).withStartedAt(startedAt)
            .withReferencePlan(referenceFileName);
    }

    private void put(RehearsalNeedle n) {
        needles.put(key(n.level(), n.side()), n);
        lastNeedleSeconds = Math.max(0, clock.getAsDouble());
    }

    private static String key(String level, Side side) {
        return level + "|" + side;
    }

    /** Diameter and working length of the reference needle of this side and level (else the first one). */
    private double[] needleSize(String l, Side s) {
        Needle like = null;
        for (Needle r : reference.needles()) {
            if (r.side() == s && (l == null || r.level() == null || l.equals(r.level()))) {
                like = r;
                break;
            }
        }
        if (like == null) {
            like = reference.needles().get(0);
        }
        return new double[] {like.diameterMm(), like.workingLengthMm()};
    }

    /** The mean of the reference targets at the level (all of them when none is named there). */
    Vec3 levelCentre(String l) {
        Vec3 sum = Vec3.ZERO;
        int count = 0;
        for (Needle r : reference.needles()) {
            if (l == null || r.level() == null || l.equals(r.level())) {
                sum = sum.plus(r.targetLps());
                count++;
            }
        }
        if (count == 0) {
            for (Needle r : reference.needles()) {
                sum = sum.plus(r.targetLps());
                count++;
            }
        }
        return sum.times(1.0 / count);
    }
}
