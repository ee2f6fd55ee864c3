package org.vertebroplan.plan;

import java.util.Locale;

/**
 * How a needle reaches the vertebral body: through the pedicle (transpedicular, the default) or
 * along its lateral side, between the pedicle and the rib head (extrapedicular or parapedicular,
 * for thoracic pedicles too narrow for the needle).
 */
public enum Route {
    TRANSPEDICULAR, EXTRAPEDICULAR;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "transpedicular"/"extrapedicular" ("parapedicular" is taken as extrapedicular); null otherwise. */
    public static Route parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "transpedicular" -> TRANSPEDICULAR;
            case "extrapedicular", "parapedicular" -> EXTRAPEDICULAR;
            default -> null;
        };
    }
}
