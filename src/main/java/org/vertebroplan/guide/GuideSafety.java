package org.vertebroplan.guide;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.plan.FiducialFrame;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleSafety;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.SafetyAnalyzer;

/**
 * What the safety check said about the plan a guide is made for, carried into the package: every
 * needle's verdict and reasons, its entry relative to the skin markers, and, when the user chose to
 * print a plan with an unsafe needle anyway (a teaching model, a deliberate choice), the reason given.
 *
 * @param needles              one per needle, in plan order
 * @param acceptedUnsafeReason why unsafe needles were accepted, or null (then none is unsafe)
 */
public record GuideSafety(List<NeedleVerdict> needles, String acceptedUnsafeReason) {

    /** One needle's verdict as the package states it. */
    public record NeedleVerdict(String id, String level, NeedleSafety.Verdict verdict, List<String> reasons,
                                double canalDistanceMm, String breachWall, FiducialFrame.SkinPoint entryFromMarkers) {
        public NeedleVerdict {
            reasons = List.copyOf(reasons);
        }
    }

    public GuideSafety {
        needles = List.copyOf(needles);
        if (acceptedUnsafeReason != null && acceptedUnsafeReason.isBlank()) {
            acceptedUnsafeReason = null;
        }
    }

    /**
     * The verdicts of a check of this plan ({@link SafetyAnalyzer#checkAll} on the plan's needles, in
     * order). Refuses, with every unsafe needle and its reasons, a plan with an unsafe needle unless
     * {@code acceptedUnsafeReason} says why it is printed anyway.
     */
    public static GuideSafety of(Plan plan, SafetyAnalyzer.Result check, String acceptedUnsafeReason)
        throws BadInputException {
        FiducialFrame frame = null;
        if (plan.fiducials().size() == 3) {
            try {
                frame = FiducialFrame.ofMarkers(plan.fiducials());
            } catch (IllegalArgumentException e) {
                frame = null; // the generator refuses such markers with its own reason
            }
        }
        List<NeedleVerdict> out = new ArrayList<>();
        List<String> unsafe = new ArrayList<>();
        for (int i = 0; i < plan.needles().size(); i++) {
            Needle n = plan.needles().get(i);
            NeedleSafety s = check.needles().get(i);
            if (!s.id().equals(n.id())) {
                throw new IllegalArgumentException("the check's needles are not the plan's");
            }
            out.add(new NeedleVerdict(n.id(), n.level(), s.verdict(), s.reasons(), s.canalDistanceMm(),
                s.breachWall() == null ? null : s.breachWall().jsonName(),
                frame == null ? null : frame.toSkin(n.entryLps())));
            if (s.verdict() == NeedleSafety.Verdict.UNSAFE) {
                unsafe.add(n.id() + " (" + String.join("; ", s.reasons()) + ")");
            }
        }
        boolean accepted = acceptedUnsafeReason != null && !acceptedUnsafeReason.isBlank();
        if (!unsafe.isEmpty() && !accepted) {
            throw new BadInputException("the plan has " + (unsafe.size() == 1 ? "an unsafe needle: " : unsafe.size()
                + " unsafe needles: ") + String.join(", ", unsafe) + "; no guide is made for it (to print it anyway,"
                + " e.g. for a teaching model, give the reason with --accept-unsafe \"REASON\")");
        }
        return new GuideSafety(out, unsafe.isEmpty() ? null : acceptedUnsafeReason);
    }

    /** True when a needle is unsafe (then {@link #acceptedUnsafeReason} is set). */
    public boolean anyUnsafe() {
        return needles.stream().anyMatch(n -> n.verdict() == NeedleSafety.Verdict.UNSAFE);
    }

    /** The verdict of one needle, or null. */
    public NeedleVerdict of(String id) {
        return needles.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }
}
