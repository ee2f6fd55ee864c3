package org.vertebroplan.plan;

import org.vertebroplan.geom.Vec3;

/**
 * The patient side a needle enters on. Its medial direction (towards the mid-sagittal plane) in the
 * patient frame is -x (towards patient right) for a LEFT needle and +x for a RIGHT one (LPS: +x is
 * patient left), see docs/architecture.md "Coordinates, units, angles".
 */
public enum Side {
    LEFT, RIGHT;

    /** The medial unit direction in LPS for a needle on this side. */
    public Vec3 medialLps() {
        return this == LEFT ? new Vec3(-1, 0, 0) : new Vec3(1, 0, 0);
    }

    /** "left" / "right", as in the plan file. */
    public String jsonName() {
        return this == LEFT ? "left" : "right";
    }

    /** Parses "left"/"right" (any case); null when it is neither. */
    public static Side parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "left", "l" -> LEFT;
            case "right", "r" -> RIGHT;
            default -> null;
        };
    }
}
