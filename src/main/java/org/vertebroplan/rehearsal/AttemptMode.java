package org.vertebroplan.rehearsal;

import java.util.Locale;

/**
 * How the trainee placed the needles: freehand (guided by C-arm shots alone, the conventional
 * technique) or through the designed guide template's sleeves.
 */
public enum AttemptMode {
    FREEHAND, TEMPLATE;

    /** "freehand" / "template", as in the attempt file. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "freehand" / "template" (any case); null when it is neither. */
    public static AttemptMode parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "freehand" -> FREEHAND;
            case "template" -> TEMPLATE;
            default -> null;
        };
    }
}
