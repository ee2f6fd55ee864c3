package org.vertebroplan.app;

import java.util.Optional;
import org.vertebroplan.fluoro.CArm;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.SkinSnapper;
import org.vertebroplan.volume.Tissue;
import org.vertebroplan.volume.Volume;

/**
 * Where a trainee's click marks the entry on the patient's back (pure geometry on the CT).
 *
 * <p>On a shot: the ray from the C-arm's source through the clicked pixel, followed from its point
 * nearest the isocentre (inside the body for a click over the spine) towards the patient's back
 * until the CT leaves the body ({@link SkinSnapper}: air outside the patient, the skin at
 * {@link Tissue#SKIN_HU}), like a radiopaque marker moved on the skin until it lies over the
 * chosen point of the image. Only shots whose beam runs mostly front to back (AP and obliques up to
 * 60 degrees) reach the back this way. On the 3D skin: the line from the level's centre through the
 * picked point, to the CT's skin.
 */
final class RehearsalGeometry {

    /** The beam must run at least this much front to back (cosine) for a click to reach the back: 60 degrees. */
    static final double MIN_BEAM_AP = 0.5;

    private RehearsalGeometry() {
    }

    /**
     * The skin point of the patient's back under pixel (column, row) of a shot taken with {@code carm};
     * empty when the shot is too lateral, the pixel's ray misses the body near the isocentre, or the
     * skin lies outside the CT.
     */
    static Optional<Vec3> entryOnShot(Volume ct, CArm carm, double column, double row) {
        Vec3 source = carm.sourceLps();
        Vec3 dir = carm.pixelLps(column, row).minus(source).normalized();
        if (Math.abs(dir.y()) < MIN_BEAM_AP) {
            return Optional.empty();
        }
        Vec3 start = source.plusScaled(dir, carm.isoLps().minus(source).dot(dir));
        Vec3 backwards = dir.y() > 0 ? dir : dir.times(-1); // towards posterior (+y)
        return SkinSnapper.snap(ct, start, start.plus(backwards), Tissue.SKIN_HU);
    }

    /** The CT's skin on the line from {@code centreLps} (inside the body) through a point picked on the skin surface. */
    static Optional<Vec3> entryOnSkin(Volume ct, Vec3 centreLps, Vec3 pickedLps) {
        if (centreLps.distance(pickedLps) < 1) {
            return Optional.empty();
        }
        return SkinSnapper.snap(ct, centreLps, pickedLps, Tissue.SKIN_HU);
    }
}
