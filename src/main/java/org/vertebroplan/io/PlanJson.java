package org.vertebroplan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
 * read too, see docs/plan-file.md) with Jackson. Saving is atomic: the JSON goes to a temporary file in the target's folder, is flushed to
 * disk, then moved over the target with ATOMIC_MOVE, so a crash never leaves a half-written plan.
 *
 * <p>Reading checks everything and fails with a {@link BadInputException} that names the problem
 * (not JSON, another format, a newer version, a missing or malformed field). Keys this version does not
 * know are kept in the records' {@code extras} (top level, in "series", in each fiducial and needle)
 * and written back. Patient identity keys (name, ID, birth date, in any spelling) are dropped on read
 * and never written: a plan holds no patient identity.
 */
public final class PlanJson {

    public static final String FORMAT = "vertebroplan-plan";
    public static final int VERSION = 2;

    /** Strict reading ({@link Json#STRICT}): no trailing garbage, no key given twice. */
    private static final ObjectMapper MAPPER = Json.STRICT;
    private static final Set<String> TOP_KEYS =
        Set.of("format", "version", "software", "caseId", "level", "levels", "series", "fiducials", "needles", "guide");
    private static final Set<String> LEVEL_KEYS = Set.of("label", AngleFrame.PLAN_KEY);
    private static final Set<String> FIDUCIAL_KEYS = Set.of("id", "lps");
    private static final Set<String> NEEDLE_KEYS =
        Set.of("id", "side", "entryLps", "targetLps", "diameterMm", "workingLengthMm", "level", "route");
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
        JsonNode root = parseObject(json, "a plan file");
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new BadInputException("not a VertebroPlan plan file (\"format\" must be \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new BadInputException("plan file has no integer \"version\"");
        }
        int v = version.asInt();
        if (v > VERSION) {
            throw new BadInputException("plan file version " + v + " was written by a newer VertebroPlan; "
                + "this version reads version " + VERSION + ": please update");
        }
        if (v < 1) {
            throw new BadInputException("plan file version " + v + " is not valid");
        }
        String caseId = requiredText(root, "caseId", "plan");
        Map<String, Object> extras = unknown(root, TOP_KEYS);
        List<PlanLevel> levels = levels(root, extras);
        String seriesUid = null;
        JsonNode series = root.get("series");
        if (series != null && !series.isNull()) {
            if (!series.isObject()) {
                throw new BadInputException("\"series\" must be an object");
            }
            JsonNode uid = series.get("seriesInstanceUid");
            seriesUid = uid == null || uid.isNull() ? null : uid.asText();
            Map<String, Object> seriesExtras = unknown(series, Set.of("seriesInstanceUid"));
            if (!seriesExtras.isEmpty()) {
                extras.put(SERIES_EXTRAS, seriesExtras);
            }
        }
        List<Fiducial> fiducials = new ArrayList<>();
        for (JsonNode f : bounded(array(root, "fiducials", false), "fiducials", "markers", Plan.MAX_FIDUCIALS)) {
            String where = "fiducial " + (fiducials.size() + 1);
            try {
                fiducials.add(new Fiducial(requiredText(f, "id", where), point(f, "lps", where),
                    unknown(f, FIDUCIAL_KEYS)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<Needle> needles = new ArrayList<>();
        for (JsonNode n : bounded(array(root, "needles", true), "needles", "needles", Plan.MAX_NEEDLES)) {
            String where = "needle " + (needles.size() + 1);
            String id = requiredText(n, "id", where);
            where = "needle \"" + id + "\"";
            Side side = Side.parse(requiredText(n, "side", where));
            if (side == null) {
                throw new BadInputException(where + ": \"side\" must be \"left\" or \"right\"");
            }
            String level = optionalText(n, "level", where);
            String routeText = optionalText(n, "route", where);
            Route route = routeText == null ? Route.TRANSPEDICULAR : Route.parse(routeText);
            if (route == null) {
                throw new BadInputException(where + ": \"route\" must be \"transpedicular\" or \"extrapedicular\"");
            }
            try {
                needles.add(new Needle(id, side, point(n, "entryLps", where), point(n, "targetLps", where),
                    number(n, "diameterMm", where), number(n, "workingLengthMm", where), level, route,
                    unknown(n, NEEDLE_KEYS)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        Map<String, Object> guide = Map.of();
        JsonNode g = root.get("guide");
        if (g != null && !g.isNull()) {
            if (!g.isObject()) {
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

    /** The plan as JSON text (pretty printed). */
    public static String toJson(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        // the program that wrote the file (traceability); read, it is left behind: a plan saved again states its writer
        root.put("software", Software.VERSION);
        root.put("caseId", plan.caseId());
        if (!plan.levels().isEmpty()) {
            ArrayNode levels = root.putArray("levels");
            for (PlanLevel l : plan.levels()) {
                ObjectNode o = levels.addObject();
                if (l.label() != null) {
                    o.put("label", l.label());
                }
                if (l.angleFrame() != null) {
                    o.set(AngleFrame.PLAN_KEY, MAPPER.valueToTree(l.angleFrame().toJsonMap()));
                }
                putAll(o, l.extras());
            }
        }
        Object seriesExtras = plan.extras().get(SERIES_EXTRAS);
        if (plan.seriesInstanceUid() != null || seriesExtras instanceof Map) {
            ObjectNode series = root.putObject("series");
            if (plan.seriesInstanceUid() != null) {
                series.put("seriesInstanceUid", plan.seriesInstanceUid());
            }
            if (seriesExtras instanceof Map<?, ?> m) {
                putAll(series, m);
            }
        }
        ArrayNode fids = root.putArray("fiducials");
        for (Fiducial f : plan.fiducials()) {
            ObjectNode o = fids.addObject();
            o.put("id", f.id());
            o.set("lps", vec(f.lps()));
            putAll(o, f.extras());
        }
        ArrayNode needles = root.putArray("needles");
        for (Needle n : plan.needles()) {
            ObjectNode o = needles.addObject();
            o.put("id", n.id());
            o.put("side", n.side().jsonName());
            o.set("entryLps", vec(n.entryLps()));
            o.set("targetLps", vec(n.targetLps()));
            o.put("diameterMm", n.diameterMm());
            o.put("workingLengthMm", n.workingLengthMm());
            if (n.level() != null) {
                o.put("level", n.level());
            }
            o.put("route", n.route().jsonName());
            putAll(o, n.extras());
        }
        if (!plan.guide().isEmpty()) {
            putAll(root.putObject("guide"), plan.guide());
        }
        Map<String, Object> rest = new LinkedHashMap<>(plan.extras());
        rest.remove(SERIES_EXTRAS);
        putAll(root, rest);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode plan", e);
        }
    }

    /** Writes the plan atomically ({@link AtomicFiles}: temporary file in the same folder, fsync, ATOMIC_MOVE over the target). */
    public static void save(Plan plan, Path file) throws IOException {
        AtomicFiles.writeText(file, toJson(plan));
    }

    private static void putAll(ObjectNode o, Map<?, ?> m) {
        m.forEach((k, v) -> {
            if (!isIdentityKey(k.toString())) {
                o.set(k.toString(), MAPPER.valueToTree(v));
            }
        });
    }

    private static Map<String, Object> unknown(JsonNode obj, Set<String> known) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (!known.contains(e.getKey()) && !isIdentityKey(e.getKey())) {
                r.put(e.getKey(), MAPPER.convertValue(e.getValue(), new TypeReference<Object>() { }));
            }
        }
        return r;
    }

    static boolean isIdentityKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return IDENTITY_KEYS.contains(k);
    }

    private static Iterable<JsonNode> array(JsonNode root, String key, boolean required) throws BadInputException {
        JsonNode a = root.get(key);
        if (a == null || a.isNull()) {
            if (required) {
                throw new BadInputException("plan has no \"" + key + "\" list");
            }
            return List.of();
        }
        if (!a.isArray()) {
            throw new BadInputException("\"" + key + "\" must be a list");
        }
        for (JsonNode e : a) {
            if (!e.isObject()) {
                throw new BadInputException("every entry of \"" + key + "\" must be an object");
            }
        }
        return a;
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

    /** Refuses a list longer than a plan may hold before anything in it is read. */
    private static Iterable<JsonNode> bounded(Iterable<JsonNode> list, String key, String what, int max)
        throws BadInputException {
        int n = list instanceof JsonNode a ? a.size() : 0;
        if (n > max) {
            throw new BadInputException("\"" + key + "\" holds " + n + " entries: a plan holds at most " + max + " "
                + what);
        }
        return list;
    }

    /**
     * The levels: version 2's "levels" list, or version 1's single "level" label with the top-level
     * "angleFrame" (taken out of {@code extras}).
     */
    private static List<PlanLevel> levels(JsonNode root, Map<String, Object> extras) throws BadInputException {
        List<PlanLevel> out = new ArrayList<>();
        if (root.has("levels") && !root.get("levels").isNull()) {
            for (JsonNode l : bounded(array(root, "levels", false), "levels", "levels", Plan.MAX_LEVELS)) {
                String where = "level " + (out.size() + 1);
                try {
                    out.add(new PlanLevel(optionalText(l, "label", where), angleFrame(l.get(AngleFrame.PLAN_KEY),
                        where), unknown(l, LEVEL_KEYS)));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": " + e.getMessage());
                }
            }
            return out;
        }
        String label = optionalText(root, "level", "plan");
        Object frame = extras.remove(AngleFrame.PLAN_KEY);
        AngleFrame f = frame == null ? null : angleFrame(MAPPER.valueToTree(frame), "plan");
        if (label != null || f != null) {
            out.add(new PlanLevel(label, f, Map.of()));
        }
        return out;
    }


    private static AngleFrame angleFrame(JsonNode n, String where) throws BadInputException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new BadInputException(where + ": \"" + AngleFrame.PLAN_KEY + "\" must be an object");
        }
        try {
            AngleFrame f = AngleFrame.fromJsonMap(MAPPER.convertValue(n, Map.class));
            return f.equals(AngleFrame.PATIENT) ? null : f;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static String optionalText(JsonNode o, String key, String where) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadInputException(where + ": \"" + key + "\" must be text");
        }
        return n.asText();
    }

    private static String requiredText(JsonNode o, String key, String where) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull() || !n.isValueNode()) {
            throw new BadInputException(where + " has no \"" + key + "\"");
        }
        return n.asText();
    }

    private static double number(JsonNode o, String key, String where) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new BadInputException(where + ": \"" + key + "\" must be a number");
        }
        return n.asDouble();
    }

    private static Vec3 point(JsonNode o, String key, String where) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || !n.isArray() || n.size() != 3) {
            throw new BadInputException(where + ": \"" + key + "\" must be [x, y, z] in LPS mm");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!n.get(i).isNumber() || !Double.isFinite(n.get(i).asDouble())) {
                throw new BadInputException(where + ": \"" + key + "\" must hold three numbers");
            }
            v[i] = n.get(i).asDouble();
        }
        return Vec3.of(v);
    }

    private static ArrayNode vec(Vec3 v) {
        return MAPPER.createArrayNode().add(v.x()).add(v.y()).add(v.z());
    }
}
