package org.vertebroplan.io;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan file (docs/plan-file.md) as Jackson binds it: the top level and its parts (series, level,
 * fiducial, needle), each a class whose fields are the keys this version knows, in the order they are
 * written, and whose {@link Part#unknown() unknown} map holds every other key, in the file's order
 * (Jackson's any-setter reading, its any-getter writing). {@link PlanJson} maps these to the plan's
 * records and back, checking every value on the way in.
 *
 * <p>The fields are {@code Object}: read, they hold the file's values as Jackson reads JSON (maps, lists,
 * strings, numbers, booleans; null when the key is missing or null), so that a wrong value gets
 * PlanJson's own message ("needle "L": "diameterMm" must be a number") instead of failing inside
 * Jackson, and in the order PlanJson checks them; the nested parts ("series", the entries of
 * "levels", "fiducials" and "needles") are bound once their container is known to be an object or a
 * list of at most so many objects. Written, they hold the part objects, strings, numbers and lists.
 *
 * <p>Classes, not records: a record's {@code @JsonAnySetter} map component also binds the key of its own
 * name (Jackson 2.20.1): a file's {@code "extras": {...}} would replace the other unknown keys and
 * {@code "extras": 1} would fail. Here the map is no property, so every key is kept.
 */
final class PlanFile {

    private PlanFile() {
    }

    /** The top level. */
    @JsonPropertyOrder({"format", "version", "software", "caseId", "level", "levels", "series", "fiducials", "needles",
        "guide"})
    static final class Top extends Part {

        public Object format;
        public Object version;
        /** The program that wrote the file: written, never read back (a plan saved again names its writer). */
        public Object software;
        public Object caseId;
        /** Version 1's one level label; never written. */
        @JsonInclude(Include.NON_NULL)
        public Object level;
        @JsonInclude(Include.NON_NULL)
        public Object levels;
        @JsonInclude(Include.NON_NULL)
        public Object series;
        public Object fiducials;
        public Object needles;
        /** The guide's parameters (free form: a map of the file's values, see docs/cli.md "guide"). */
        @JsonInclude(Include.NON_NULL)
        public Object guide;
    }

    /** The "series" object: the CT the plan was made on. */
    @JsonPropertyOrder({"seriesInstanceUid"})
    static final class Series extends Part {
        @JsonInclude(Include.NON_NULL)
        public Object seriesInstanceUid;
    }

    /** One entry of "levels". */
    @JsonPropertyOrder({"label", "angleFrame"})
    static final class Level extends Part {
        @JsonInclude(Include.NON_NULL)
        public Object label;
        /** The frame the level's angles were typed in ({@code AngleFrame.toJsonMap}). */
        @JsonInclude(Include.NON_NULL)
        public Object angleFrame;
    }

    /** One entry of "fiducials". */
    @JsonPropertyOrder({"id", "lps"})
    static final class Fiducial extends Part {
        public Object id;
        public Object lps;
    }

    /** One entry of "needles". */
    @JsonPropertyOrder({"id", "side", "entryLps", "targetLps", "diameterMm", "workingLengthMm", "level", "route"})
    static final class Needle extends Part {
        public Object id;
        public Object side;
        public Object entryLps;
        public Object targetLps;
        public Object diameterMm;
        public Object workingLengthMm;
        @JsonInclude(Include.NON_NULL)
        public Object level;
        public Object route;
    }

    /** The keys a part knows (its fields): the others are its {@link #unknown()} keys. */
    abstract static class Part {

        private final Map<String, Object> unknown = new LinkedHashMap<>();

        @JsonAnySetter
        void putUnknown(String key, Object value) {
            unknown.put(key, value);
        }

        /** The keys this version does not know, in the file's order (written after the known ones). */
        @JsonAnyGetter
        Map<String, Object> unknown() {
            return unknown;
        }

        /** The keys of the part's own fields. */
        Set<String> knownKeys() {
            return knownKeys(getClass());
        }

        static Set<String> knownKeys(Class<? extends Part> type) {
            return Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName)
                .collect(Collectors.toUnmodifiableSet());
        }
    }
}
