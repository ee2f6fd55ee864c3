package org.vertebroplan.fluoro;

import java.util.Locale;

/**
 * The two named C-arm positions of vertebroplasty, as shortcuts for the orbital angle of a
 * {@link CArm}: AP (orbital 0: the beam from the patient's front to back, the patient's left on the
 * image's right) and lateral (orbital 90: the source on the patient's left, posterior on the image's
 * right); superior is up in both.
 */
public enum DrrView {
    AP(0), LATERAL(90);

    private final double orbitalDeg;

    DrrView(double orbitalDeg) {
        this.orbitalDeg = orbitalDeg;
    }

    public double orbitalDeg() {
        return orbitalDeg;
    }

    /** "ap" or "lateral", as on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DrrView parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "ap" -> AP;
            case "lateral", "lat" -> LATERAL;
            default -> throw new IllegalArgumentException("unknown view '" + s + "' (ap or lateral)");
        };
    }
}
