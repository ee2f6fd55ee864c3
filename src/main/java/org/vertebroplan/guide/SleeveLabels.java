package org.vertebroplan.guide;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Side;

/**
 * The short label of each needle's sleeve, engraved on the sleeve, beside its socket and printed on the
 * sheet: its level and side, "L2-L", "L2-R", "T11-L", ... (a plan without a level label: "L", "R"). Two
 * needles on one side of one level get "-L", "-L2", ... so labels are unique. Only characters the
 * engraving font has ({@link StrokeFont}) are kept.
 */
final class SleeveLabels {

    private SleeveLabels() {
    }

    static Map<String, String> of(List<Needle> needles) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Needle n : needles) {
            String level = n.level() == null ? "" : n.level().toUpperCase(java.util.Locale.ROOT);
            StringBuilder b = new StringBuilder();
            for (char c : level.toCharArray()) {
                if (StrokeFont.supports(c) && c != ' ') {
                    b.append(c);
                }
            }
            String base = (b.length() == 0 ? "" : b + "-") + (n.side() == Side.LEFT ? "L" : "R");
            String label = base;
            for (int k = 2; !used.add(label); k++) {
                label = base + k;
            }
            out.put(n.id(), label);
        }
        return out;
    }
}
