package org.vertebroplan.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the free-form maps of plan records ({@code extras}, {@code guide}): an immutable deep
 * copy that keeps key order and JSON nulls (plain JSON values: maps, lists, strings, numbers, booleans).
 */
final class PlanMaps {

    private PlanMaps() {
    }

    static Map<String, Object> freeze(Map<String, ?> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, freezeValue(v)));
        return Collections.unmodifiableMap(r);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> map) {
            return freeze((Map<String, ?>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> r = new ArrayList<>(list.size());
            for (Object o : list) {
                r.add(freezeValue(o));
            }
            return Collections.unmodifiableList(r);
        }
        return v;
    }
}
