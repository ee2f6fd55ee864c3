package org.vertebroplan.rehearsal;

import java.util.Objects;
import org.vertebroplan.geom.Vec3;

/**
 * One simulated C-arm shot of a rehearsal: when it was taken (seconds from the start), the C-arm's
 * angles and isocentre (see {@code fluoro.CArm}) and its dose.
 */
public record Shot(double atSeconds, double orbitalDeg, double angularDeg, Vec3 isoLps, double doseMGy) {

    public Shot {
        Objects.requireNonNull(isoLps, "shot isocentre");
        if (!(atSeconds >= 0) || !Double.isFinite(atSeconds)) {
            throw new IllegalArgumentException("a shot's time must be a finite number of seconds >= 0");
        }
        if (!Double.isFinite(orbitalDeg) || !Double.isFinite(angularDeg)) {
            throw new IllegalArgumentException("a shot's angles must be finite");
        }
        if (!(doseMGy >= 0) || !Double.isFinite(doseMGy)) {
            throw new IllegalArgumentException("a shot's dose must be a finite number of mGy >= 0");
        }
    }
}
