package org.vertebroplan.app;

import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.NeedleGeometry;
import org.vertebroplan.plan.Route;
import org.vertebroplan.plan.Side;

/**
 * A trainee's needle during a rehearsal (immutable): where it went through the skin, how it is held
 * (cranial and abduction angles in the patient frame, as {@link NeedleGeometry} defines them) and how
 * deep its tip is beyond the skin. {@code sleeved}: it runs in the guide's sleeve (template mode), so
 * only its depth may change.
 *
 * @param level         the level label the trainee treats with it (may be null when the plan names none)
 * @param diameterMm    outer diameter
 * @param workingLengthMm the needle's length from hub to tip (how much steel the C-arm sees)
 */
record RehearsalNeedle(Side side, String level, Vec3 entryLps, double cranialDeg, double abductionDeg, double depthMm,
                       boolean sleeved, double diameterMm, double workingLengthMm) {

    /** Unit direction from the entry towards the tip. */
    Vec3 direction() {
        return NeedleGeometry.targetFrom(side, entryLps, cranialDeg, abductionDeg, 1).minus(entryLps).normalized();
    }

    /** The tip: {@code depthMm} beyond the entry along the needle. */
    Vec3 tipLps() {
        return entryLps.plusScaled(direction(), depthMm);
    }

    RehearsalNeedle withAngles(double cranial, double abduction) {
        return new RehearsalNeedle(side, level, entryLps, cranial, abduction, depthMm, sleeved, diameterMm,
            workingLengthMm);
    }

    RehearsalNeedle withDepth(double depth) {
        return new RehearsalNeedle(side, level, entryLps, cranialDeg, abductionDeg, depth, sleeved, diameterMm,
            workingLengthMm);
    }

    /**
     * The whole needle as steel for a C-arm shot: from its hub, a working length behind the tip, to the
     * tip (the part outside the skin shows too).
     */
    Needle rod(String id) {
        Vec3 tip = tipLps();
        return new Needle(id, side, tip.plusScaled(direction(), -workingLengthMm), tip, diameterMm, workingLengthMm);
    }

    /** The needle as a plan holds it: entry on the skin, target at the tip (depth must be positive). */
    Needle planned(String id) {
        return new Needle(id, side, entryLps, tipLps(), diameterMm, workingLengthMm, level, Route.TRANSPEDICULAR,
            java.util.Map.of());
    }
}
