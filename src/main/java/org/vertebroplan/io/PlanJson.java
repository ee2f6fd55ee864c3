package org.vertebroplan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.plan.AngleFrame;
import org.vertebroplan.plan.Fiducial;
import org.vertebroplan.plan.Needle;
import org.vertebroplan.plan.Plan;
import org.vertebroplan.plan.PlanLevel;
import org.vertebroplan.plan.Route;
import org.vertebroplan.plan.Side;

/**
 * Reads and writes the plan file ("format": "vertebroplan-plan", "version": 2; version 1 files are
 * read too, see docs/plan-file.md). Saving is atomic ({@link AtomicFiles}), so a crash never leaves a
 * half-written plan.
 *
 * <p>Jackson binds the file to {@link PlanFile} and its parts (the keys this version knows as fields,
 * the others in each part's unknown map); this class maps those to the plan's records, checking every
 * value, and back. Reading fails with a {@link BadInputException} that names the problem (not JSON,
 * another format, a newer version, a missing or malformed field, more entries than a plan holds).
 * Unknown keys are kept in the records' {@code extras} (top level, in "series", in each level,
 * fiducial and needle) and written back. Patient identity keys (name, ID, birth date, in any spelling)
 * are dropped on read and never written: a plan holds no patient identity.
 */
public final class PlanJson {

    public static final String FORMAT = "vertebroplan-plan";
    public static final int VERSION = 2;

    /** Strict reading ({@link Json#STRICT}): no trailing garbage, no key given twice. */
    private static final ObjectMapper MAPPER = Json.STRICT;
    private static final Set<String> IDENTITY_KEYS = Set.of("patientname", "patientid", "patientbirthdate",
        "birthdate", "dateofbirth", "patientsname", "patientsbirthdate", "patient");
    /** Plan files are small; anything bigger is not a plan (and is not read into memory). */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    /** Key in {@code Plan.extras} holding unknown members of the "series" object. */
    static final String SERIES_EXTRAS = Plan.SERIES_EXTRAS;

    private PlanJson() {
    }

    /** Reads a plan file. */
    public static Plan load(Path file) throws IOException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": too large to be a plan file (" + Files.size(file) + " bytes)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("plan file not found: " + file);
        }
        try {
            return fromJson(text);
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSON text that must hold an object, the top of a plan or another VertebroPlan file
     * ({@code what}: "a plan file", ...), refusing anything else with the reason.
     */
    public static JsonNode parseObject(String json, String what) throws BadInputException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException("not valid JSON: " + jsonProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(what + " must be a JSON object");
        }
        return root;
    }

    /** Parses plan JSON text. */
    public static Plan fromJson(String json) throws BadInputException {
        return plan(bind(parseObject(json, "a plan file"), PlanFile.Top.class));
    }

    /** The plan as JSON text (pretty printed). */
    public static String toJson(Plan plan) {
        try {
            return MAPPER.writeValueAsString(file(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode plan", e);
        }
    }

    /** Writes the plan atomically ({@link AtomicFiles}: temporary file in the same folder, fsync, ATOMIC_MOVE over the target). */
    public static void save(Plan plan, Path file) throws IOException {
        AtomicFiles.writeText(file, toJson(plan));
    }

    static boolean isIdentityKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return IDENTITY_KEYS.contains(k);
    }

    /** What is wrong with the JSON text, in words, with where it is. */
    private static String jsonProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = e.getLocation() == null ? ""
            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (m.startsWith("Trailing token")) {
            return "more text follows the plan's closing brace" + where;
        }
        if (m.startsWith("Duplicate field")) {
            int q = m.indexOf('\'');
            String key = q >= 0 && m.lastIndexOf('\'') > q ? m.substring(q + 1, m.lastIndexOf('\'')) : "?";
            return "the key \"" + key + "\" appears twice in one object" + where;
        }
        return m;
    }

    // ---- reading: the file's parts as bound, checked in this order, to the plan's records

    private static Plan plan(PlanFile.Top file) throws BadInputException {
        if (!FORMAT.equals(file.format)) {
            throw new BadInputException("not a VertebroPlan plan file (\"format\" must be \"" + FORMAT + "\")");
        }
        int v = version(file.version);
        if (v > VERSION) {
            throw new BadInputException("plan file version " + v + " was written by a newer VertebroPlan; "
                + "this version reads version " + VERSION + ": please update");
        }
        if (v < 1) {
            throw new BadInputException("plan file version " + v + " is not valid");
        }
        String caseId = requiredText(file.caseId, "caseId", "plan");
        Map<String, Object> extras = unknown(file.unknown(), Set.of());
        List<PlanLevel> levels = levels(file, extras);
        String seriesUid = null;
        if (file.series != null) {
            if (!(file.series instanceof Map)) {
                throw new BadInputException("\"series\" must be an object");
            }
            PlanFile.Series series = bind(file.series, PlanFile.Series.class);
            seriesUid = series.seriesInstanceUid == null ? null : asText(series.seriesInstanceUid);
            Map<String, Object> seriesExtras = unknown(series.unknown(), Set.of());
            if (!seriesExtras.isEmpty()) {
                extras.put(SERIES_EXTRAS, seriesExtras);
            }
        }
        List<Fiducial> fiducials = new ArrayList<>();
        for (Object entry : list(file.fiducials, "fiducials", false, "markers", Plan.MAX_FIDUCIALS)) {
            PlanFile.Fiducial f = bind(entry, PlanFile.Fiducial.class);
            String where = "fiducial " + (fiducials.size() + 1);
            try {
                fiducials.add(new Fiducial(requiredText(f.id, "id", where), point(f.lps, "lps", where),
                    unknown(f.unknown(), Set.of())));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<Needle> needles = new ArrayList<>();
        for (Object entry : list(file.needles, "needles", true, "needles", Plan.MAX_NEEDLES)) {
            needles.add(needle(bind(entry, PlanFile.Needle.class), needles.size() + 1));
        }
        Map<String, Object> guide = Map.of();
        if (file.guide != null) {
            if (!(file.guide instanceof Map<?, ?> g)) {
                throw new BadInputException("\"guide\" must be an object");
            }
            guide = unknown(g, Set.of());
        }
        try {
            return new Plan(caseId, levels, seriesUid, fiducials, needles, guide, extras);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The integer "version" (a number with no fraction: 2 or 2.0). */
    private static int version(Object version) throws BadInputException {
        boolean integral = version instanceof Integer || version instanceof Long || version instanceof BigInteger
            || version instanceof Double d && Double.isFinite(d) && d == Math.rint(d)
            || version instanceof BigDecimal d && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
        if (!integral) {
            throw new BadInputException("plan file has no integer \"version\"");
        }
        return ((Number) version).intValue();
    }

    /**
     * The levels: version 2's "levels" list, or version 1's single "level" label with the top-level
     * "angleFrame" (taken out of {@code extras}).
     */
    private static List<PlanLevel> levels(PlanFile.Top file, Map<String, Object> extras) throws BadInputException {
        List<PlanLevel> out = new ArrayList<>();
        if (file.levels != null) {
            for (Object entry : list(file.levels, "levels", false, "levels", Plan.MAX_LEVELS)) {
                PlanFile.Level l = bind(entry, PlanFile.Level.class);
                String where = "level " + (out.size() + 1);
                try {
                    out.add(new PlanLevel(optionalText(l.label, "label", where), angleFrame(l.angleFrame, where),
                        unknown(l.unknown(), Set.of())));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": " + e.getMessage());
                }
            }
            return out;
        }
        String label = optionalText(file.level, "level", "plan");
        AngleFrame f = angleFrame(extras.remove(AngleFrame.PLAN_KEY), "plan");
        if (label != null || f != null) {
            try {
                out.add(new PlanLevel(label, f, Map.of()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("plan: " + e.getMessage());
            }
        }
        return out;
    }

    private static Needle needle(PlanFile.Needle n, int number) throws BadInputException {
        String id = requiredText(n.id, "id", "needle " + number);
        String where = "needle \"" + id + "\"";
        Side side = Side.parse(requiredText(n.side, "side", where));
        if (side == null) {
            throw new BadInputException(where + ": \"side\" must be \"left\" or \"right\"");
        }
        String level = optionalText(n.level, "level", where);
        String routeText = optionalText(n.route, "route", where);
        Route route = routeText == null ? Route.TRANSPEDICULAR : Route.parse(routeText);
        if (route == null) {
            throw new BadInputException(where + ": \"route\" must be \"transpedicular\" or \"extrapedicular\"");
        }
        try {
            return new Needle(id, side, point(n.entryLps, "entryLps", where), point(n.targetLps, "targetLps", where),
                number(n.diameterMm, "diameterMm", where), number(n.workingLengthMm, "workingLengthMm", where), level,
                route, unknown(n.unknown(), Set.of()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * The entries of a list of objects ("levels", "fiducials", "needles"; missing or null: none, or
     * refused when {@code required}), refused when longer than a plan may hold before any is bound.
     */
    private static List<?> list(Object value, String key, boolean required, String what, int max)
        throws BadInputException {
        if (value == null) {
            if (required) {
                throw new BadInputException("plan has no \"" + key + "\" list");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new BadInputException("\"" + key + "\" must be a list");
        }
        for (Object e : list) {
            if (!(e instanceof Map)) {
                throw new BadInputException("every entry of \"" + key + "\" must be an object");
            }
        }
        if (list.size() > max) {
            throw new BadInputException("\"" + key + "\" holds " + list.size() + " entries: a plan holds at most " + max
                + " " + what);
        }
        return list;
    }

    /** Binds JSON (the parsed top level, or a part already known to be an object) to a part of the file. */
    private static <T extends PlanFile.Part> T bind(Object json, Class<T> type) throws BadInputException {
        try {
            return MAPPER.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            // not expected: every field takes any JSON value
            throw new BadInputException("not a plan file: " + e.getMessage(), e);
        }
    }

    private static AngleFrame angleFrame(Object value, String where) throws BadInputException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new BadInputException(where + ": \"" + AngleFrame.PLAN_KEY + "\" must be an object");
        }
        try {
            AngleFrame f = AngleFrame.fromJsonMap(m);
            return f.equals(AngleFrame.PATIENT) ? null : f;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    /** A value that is not a list or an object, as text (a number as Java writes it: 5, 2.5, 1.0E20). */
    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** The value as text; a list or an object gives "" (as Jackson's {@code JsonNode.asText}). */
    private static String asText(Object value) {
        return isScalar(value) ? String.valueOf(value) : "";
    }

    private static String optionalText(Object value, String key, String where) throws BadInputException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new BadInputException(where + ": \"" + key + "\" must be text");
        }
        return s;
    }

    private static String requiredText(Object value, String key, String where) throws BadInputException {
        if (!isScalar(value)) {
            throw new BadInputException(where + " has no \"" + key + "\"");
        }
        return String.valueOf(value);
    }

    private static double number(Object value, String key, String where) throws BadInputException {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new BadInputException(where + ": \"" + key + "\" must be a number");
        }
        return n.doubleValue();
    }

    private static Vec3 point(Object value, String key, String where) throws BadInputException {
        if (!(value instanceof List<?> list) || list.size() != 3) {
            throw new BadInputException(where + ": \"" + key + "\" must be [x, y, z] in LPS mm");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new BadInputException(where + ": \"" + key + "\" must hold three numbers");
            }
            v[i] = n.doubleValue();
        }
        return Vec3.of(v);
    }

    /**
     * The keys of a part to keep: all but patient identity and, writing, the keys the part writes itself
     * ({@code known}; an extra never repeats or replaces one of them).
     */
    private static Map<String, Object> unknown(Map<?, ?> m, Set<String> known) {
        Map<String, Object> r = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!known.contains(key) && !isIdentityKey(key)) {
                r.put(key, v);
            }
        });
        return r;
    }

    // ---- writing: the plan's records to the file's parts

    private static PlanFile.Top file(Plan plan) {
        PlanFile.Top file = new PlanFile.Top();
        file.format = FORMAT;
        file.version = VERSION;
        // the program that wrote the file (traceability); read, it is left behind: a plan saved again states its writer
        file.software = Software.VERSION;
        file.caseId = plan.caseId();
        if (!plan.levels().isEmpty()) {
            file.levels = plan.levels().stream().map(PlanJson::level).toList();
        }
        Object seriesExtras = plan.extras().get(SERIES_EXTRAS);
        if (plan.seriesInstanceUid() != null || seriesExtras instanceof Map) {
            PlanFile.Series series = new PlanFile.Series();
            series.seriesInstanceUid = plan.seriesInstanceUid();
            if (seriesExtras instanceof Map<?, ?> m) {
                keep(series, m);
            }
            file.series = series;
        }
        file.fiducials = plan.fiducials().stream().map(PlanJson::fiducial).toList();
        file.needles = plan.needles().stream().map(PlanJson::needle).toList();
        if (!plan.guide().isEmpty()) {
            file.guide = unknown(plan.guide(), Set.of());
        }
        Map<String, Object> rest = new LinkedHashMap<>(plan.extras());
        rest.remove(SERIES_EXTRAS);
        keep(file, rest);
        return file;
    }

    private static PlanFile.Level level(PlanLevel l) {
        PlanFile.Level o = new PlanFile.Level();
        o.label = l.label();
        o.angleFrame = l.angleFrame() == null ? null : l.angleFrame().toJsonMap();
        keep(o, l.extras());
        return o;
    }

    private static PlanFile.Fiducial fiducial(Fiducial f) {
        PlanFile.Fiducial o = new PlanFile.Fiducial();
        o.id = f.id();
        o.lps = vec(f.lps());
        keep(o, f.extras());
        return o;
    }

    private static PlanFile.Needle needle(Needle n) {
        PlanFile.Needle o = new PlanFile.Needle();
        o.id = n.id();
        o.side = n.side().jsonName();
        o.entryLps = vec(n.entryLps());
        o.targetLps = vec(n.targetLps());
        o.diameterMm = n.diameterMm();
        o.workingLengthMm = n.workingLengthMm();
        o.level = n.level();
        o.route = n.route().jsonName();
        keep(o, n.extras());
        return o;
    }

    /** Puts a record's extras into its part, to be written after the part's own keys. */
    private static void keep(PlanFile.Part part, Map<?, ?> extras) {
        part.unknown().putAll(unknown(extras, part.knownKeys()));
    }

    private static List<Double> vec(Vec3 v) {
        return List.of(v.x(), v.y(), v.z());
    }
}
