package org.vertebroplan.plan;

import java.util.Map;

/**
 * One vertebral level of a plan: its label ("L2", "T8"; null until the user names it; a guide needs
 * it), the angle frame the plan's typed angles for this level were given in (the vertebra's frame as
 * measured when they were typed, or null for the patient frame), and the plan-file keys this version
 * does not know ({@code extras}).
 */
public record PlanLevel(String label, AngleFrame angleFrame, Map<String, Object> extras) {

    public PlanLevel {
        if (label != null && label.isBlank()) {
            label = null;
        }
        if (label != null) {
            Needle.requireId("level", label);
        }
        extras = PlanMaps.freeze(extras);
    }

    public PlanLevel(String label) {
        this(label, null, Map.of());
    }

    /** The frame angles are typed in: the recorded one, else the patient frame. */
    public AngleFrame angleFrameOrPatient() {
        return angleFrame == null ? AngleFrame.PATIENT : angleFrame;
    }

    public PlanLevel withLabel(String l) {
        return new PlanLevel(l, angleFrame, extras);
    }

    public PlanLevel withAngleFrame(AngleFrame f) {
        return new PlanLevel(label, f, extras);
    }
}
