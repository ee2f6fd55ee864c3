package org.vertebroplan.plan;

import java.util.Map;
import java.util.Objects;
import org.vertebroplan.geom.Vec3;

/**
 * A planned needle: the straight segment from {@code entryLps} (on the skin) to {@code targetLps} (in
 * the vertebral body), in LPS mm, with the needle's outer diameter and working length (mm), the label
 * of the level it treats ({@code level}, null when the plan has a single level or none yet) and its
 * {@link Route}. Entry and target are the truth; depth and angles are derived by
 * {@link NeedleGeometry}. {@code extras} keeps unknown plan-file keys for a lossless round trip.
 */
public record Needle(String id, Side side, Vec3 entryLps, Vec3 targetLps, double diameterMm,
                     double workingLengthMm, String level, Route route, Map<String, Object> extras) {

    /** 11 gauge: 3.05 mm outer diameter. */
    public static final double GAUGE_11_MM = 3.05;
    /** 13 gauge: 2.41 mm outer diameter. */
    public static final double GAUGE_13_MM = 2.41;

    public Needle {
        Objects.requireNonNull(id, "needle id");
        Objects.requireNonNull(side, "needle side");
        Objects.requireNonNull(entryLps, "needle entry");
        Objects.requireNonNull(targetLps, "needle target");
        if (!finite(entryLps) || !finite(targetLps)) {
            throw new IllegalArgumentException("needle " + id + ": entry and target must be finite numbers");
        }
        if (!(entryLps.distance(targetLps) > 1e-9)) {
            throw new IllegalArgumentException("needle " + id + ": entry and target are the same point");
        }
        if (!(diameterMm > 0) || !(workingLengthMm > 0) || !Double.isFinite(diameterMm + workingLengthMm)) {
            throw new IllegalArgumentException("needle " + id + ": diameter and working length must be positive");
        }
        if (level != null && level.isBlank()) {
            level = null;
        }
        if (route == null) {
            route = Route.TRANSPEDICULAR;
        }
        extras = PlanMaps.freeze(extras);
    }

    public Needle(String id, Side side, Vec3 entryLps, Vec3 targetLps, double diameterMm, double workingLengthMm,
                  Map<String, Object> extras) {
        this(id, side, entryLps, targetLps, diameterMm, workingLengthMm, null, Route.TRANSPEDICULAR, extras);
    }

    public Needle(String id, Side side, Vec3 entryLps, Vec3 targetLps, double diameterMm, double workingLengthMm) {
        this(id, side, entryLps, targetLps, diameterMm, workingLengthMm, Map.of());
    }

    /** The same needle between other points. */
    public Needle withPoints(Vec3 entry, Vec3 target) {
        return new Needle(id, side, entry, target, diameterMm, workingLengthMm, level, route, extras);
    }

    /** The same needle at another level. */
    public Needle withLevel(String l) {
        return new Needle(id, side, entryLps, targetLps, diameterMm, workingLengthMm, l, route, extras);
    }

    /** The same needle by another route. */
    public Needle withRoute(Route r) {
        return new Needle(id, side, entryLps, targetLps, diameterMm, workingLengthMm, level, r, extras);
    }

    static boolean finite(Vec3 v) {
        return Double.isFinite(v.x()) && Double.isFinite(v.y()) && Double.isFinite(v.z());
    }

    /** Unit direction from entry to target. */
    public Vec3 direction() {
        return targetLps.minus(entryLps).normalized();
    }

    /** Depth, angles: see {@link NeedleGeometry#of(Needle)}. */
    public NeedleGeometry geometry() {
        return NeedleGeometry.of(this);
    }
}
