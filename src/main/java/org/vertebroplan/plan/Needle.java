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
        requireId("needle", id);
        if (!inPatientSpace(entryLps) || !inPatientSpace(targetLps)) {
            throw new IllegalArgumentException("needle " + id + ": entry and target must be finite numbers within "
                + (int) (MAX_COORDINATE_MM / 1000) + " m of the scanner's origin");
        }
        if (!(entryLps.distance(targetLps) > 1e-9)) {
            throw new IllegalArgumentException("needle " + id + ": entry and target are the same point");
        }
        if (!(entryLps.distance(targetLps) <= MAX_LENGTH_MM)) {
            throw new IllegalArgumentException("needle " + id + ": entry and target lie more than "
                + (int) MAX_LENGTH_MM + " mm apart");
        }
        if (!(diameterMm > 0) || !(workingLengthMm > 0) || !Double.isFinite(diameterMm + workingLengthMm)) {
            throw new IllegalArgumentException("needle " + id + ": diameter and working length must be positive");
        }
        if (!(diameterMm <= MAX_DIAMETER_MM) || !(workingLengthMm <= MAX_LENGTH_MM)) {
            throw new IllegalArgumentException("needle " + id + ": a diameter up to " + (int) MAX_DIAMETER_MM
                + " mm and a working length up to " + (int) MAX_LENGTH_MM + " mm are possible");
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

    /** Plan coordinates beyond 100 m from the scanner's origin are in no patient (and would overflow grids). */
    public static final double MAX_COORDINATE_MM = 100_000;
    /** The longest needle (working length, or entry to target). */
    public static final double MAX_LENGTH_MM = 1000;
    /** The thickest needle (outer diameter). */
    public static final double MAX_DIAMETER_MM = 20;
    /** The longest id of a needle or marker. */
    public static final int MAX_ID_LENGTH = 64;

    static boolean finite(Vec3 v) {
        return Double.isFinite(v.x()) && Double.isFinite(v.y()) && Double.isFinite(v.z());
    }

    /** Finite and within {@link #MAX_COORDINATE_MM} on every axis. */
    static boolean inPatientSpace(Vec3 v) {
        return Math.abs(v.x()) <= MAX_COORDINATE_MM && Math.abs(v.y()) <= MAX_COORDINATE_MM
            && Math.abs(v.z()) <= MAX_COORDINATE_MM;
    }

    /**
     * The id as file names carry it (the guide's {@code sleeve-<id>.stl}): letters, digits, '.', '_' and
     * '-' kept, anything else '_'. A plan refuses two needles whose ids give the same name.
     */
    public static String fileSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** An id is a short label without control characters (it names files and is written into XML). */
    static void requireId(String what, String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " id \"" + id.replaceAll("\\p{Cntrl}", "?")
                + "\" must be 1 to " + MAX_ID_LENGTH + " characters without control characters");
        }
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
