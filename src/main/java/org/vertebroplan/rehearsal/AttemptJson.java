package org.vertebroplan.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.AtomicFiles;
import org.vertebroplan.io.Json;
import org.vertebroplan.io.PlanJson;
import org.vertebroplan.plan.Plan;

/**
 * Reads and writes attempt files ("format": "vertebroplan-attempt", "version": 1; docs/rehearsal.md):
 * the trainee's needles as a complete plan (the plan file's own JSON, nested under "plan"), the mode,
 * the shots, dose and time. Written atomically like plan files. Reading checks everything and fails
 * with a {@link BadInputException} that names the problem; keys this version does not know are
 * ignored.
 */
public final class AttemptJson {

    public static final String FORMAT = "vertebroplan-attempt";
    public static final int VERSION = 1;

    /** An attempt file is a plan and a list of shots: anything bigger is not one. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    /** More shots than this is not a rehearsal (a procedure takes a few dozen). */
    static final int MAX_SHOTS = 10_000;

    private static final ObjectMapper MAPPER = Json.STRICT;

    private AttemptJson() {
    }

    /** What a file holds: a plan file (attempt null) or an attempt (its plan in {@code plan}). */
    public record PlanOrAttempt(Plan plan, Attempt attempt) {
    }

    /** Reads an attempt file. */
    public static Attempt load(Path file) throws IOException {
        PlanOrAttempt p = loadPlanOrAttempt(file);
        if (p.attempt() == null) {
            throw new BadInputException(file + ": a plan file, not an attempt file");
        }
        return p.attempt();
    }

    /** Reads a file that is either a plan file or an attempt file (the score command takes both). */
    public static PlanOrAttempt loadPlanOrAttempt(Path file) throws IOException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": too large to be a plan or attempt file (" + Files.size(file)
                    + " bytes)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("file not found: " + file);
        }
        try {
            JsonNode root = tree(text);
            String format = root.path("format").asText("");
            if (PlanJson.FORMAT.equals(format)) {
                return new PlanOrAttempt(PlanJson.fromJson(text), null);
            }
            Attempt a = fromTree(root);
            return new PlanOrAttempt(a.plan(), a);
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses attempt JSON text. */
    public static Attempt fromJson(String json) throws BadInputException {
        return fromTree(tree(json));
    }

    private static JsonNode tree(String json) throws BadInputException {
        return PlanJson.parseObject(json, "an attempt file");
    }

    private static Attempt fromTree(JsonNode root) throws BadInputException {
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new BadInputException("not a VertebroPlan attempt file (\"format\" must be \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new BadInputException("attempt file has no integer \"version\"");
        }
        if (version.asInt() > VERSION) {
            throw new BadInputException("attempt file version " + version.asInt() + " was written by a newer "
                + "VertebroPlan; this version reads version " + VERSION + ": please update");
        }
        if (version.asInt() < 1) {
            throw new BadInputException("attempt file version " + version.asInt() + " is not valid");
        }
        AttemptMode mode = AttemptMode.parse(root.path("mode").asText(null));
        if (mode == null) {
            throw new BadInputException("\"mode\" must be \"freehand\" or \"template\"");
        }
        JsonNode planNode = root.get("plan");
        if (planNode == null || !planNode.isObject()) {
            throw new BadInputException("attempt has no \"plan\" object (the trainee's needles)");
        }
        Plan plan;
        try {
            plan = PlanJson.fromJson(planNode.toString());
        } catch (BadInputException e) {
            throw new BadInputException("\"plan\": " + e.getMessage(), e);
        }
        List<Shot> shots = new ArrayList<>();
        JsonNode list = root.get("shots");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new BadInputException("\"shots\" must be a list");
            }
            if (list.size() > MAX_SHOTS) {
                throw new BadInputException("more than " + MAX_SHOTS + " shots: not an attempt file");
            }
            for (JsonNode s : list) {
                shots.add(shot(s, "shot " + (shots.size() + 1)));
            }
        }
        double dose = root.has("doseMGy") ? number(root, "doseMGy", "attempt")
            : shots.stream().mapToDouble(Shot::doseMGy).sum();
        List<BreachEvent> breaches = new ArrayList<>();
        JsonNode found = root.get("breaches");
        if (found != null && !found.isNull()) {
            if (!found.isArray() || found.size() > MAX_SHOTS) {
                throw new BadInputException("\"breaches\" must be a list of at most " + MAX_SHOTS);
            }
            for (JsonNode b : found) {
                breaches.add(breach(b, "breach " + (breaches.size() + 1)));
            }
        }
        try {
            return new Attempt(plan, mode, shots, dose, number(root, "durationSeconds", "attempt"),
                text(root, "trainee"), text(root, "startedAt"), text(root, "referencePlan"), breaches);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static Shot shot(JsonNode s, String where) throws BadInputException {
        if (!s.isObject()) {
            throw new BadInputException(where + " must be an object");
        }
        JsonNode iso = s.get("isoLps");
        if (iso == null || !iso.isArray() || iso.size() != 3 || !iso.get(0).isNumber() || !iso.get(1).isNumber()
            || !iso.get(2).isNumber()) {
            throw new BadInputException(where + ": \"isoLps\" must be [x, y, z] in LPS mm");
        }
        try {
            return new Shot(number(s, "atSeconds", where), number(s, "orbitalDeg", where), number(s, "angularDeg", where),
                new Vec3(iso.get(0).asDouble(), iso.get(1).asDouble(), iso.get(2).asDouble()),
                s.has("doseMGy") ? number(s, "doseMGy", where) : Attempt.DOSE_PER_SHOT_MGY);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static BreachEvent breach(JsonNode b, String where) throws BadInputException {
        if (!b.isObject()) {
            throw new BadInputException(where + " must be an object");
        }
        String id = text(b, "needleId");
        String wall = text(b, "wall");
        if (id == null || wall == null) {
            throw new BadInputException(where + ": \"needleId\" and \"wall\" are required");
        }
        try {
            return new BreachEvent(number(b, "atSeconds", where), id, number(b, "depthMm", where), wall,
                text(b, "reason"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static double number(JsonNode o, String key, String where) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new BadInputException(where + ": \"" + key + "\" must be a number");
        }
        return n.asDouble();
    }

    private static String text(JsonNode o, String key) throws BadInputException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadInputException("\"" + key + "\" must be text");
        }
        return n.asText();
    }

    /** The attempt as JSON text (pretty printed). */
    public static String toJson(Attempt a) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (a.trainee() != null) {
            root.put("trainee", a.trainee());
        }
        if (a.startedAt() != null) {
            root.put("startedAt", a.startedAt());
        }
        if (a.referencePlan() != null) {
            root.put("referencePlan", a.referencePlan());
        }
        root.put("mode", a.mode().jsonName());
        root.put("durationSeconds", a.durationSeconds());
        root.put("doseMGy", a.doseMGy());
        ArrayNode shots = root.putArray("shots");
        for (Shot s : a.shots()) {
            ObjectNode o = shots.addObject();
            o.put("atSeconds", s.atSeconds());
            o.put("orbitalDeg", s.orbitalDeg());
            o.put("angularDeg", s.angularDeg());
            o.putArray("isoLps").add(s.isoLps().x()).add(s.isoLps().y()).add(s.isoLps().z());
            o.put("doseMGy", s.doseMGy());
        }
        if (!a.breaches().isEmpty()) {
            ArrayNode breaches = root.putArray("breaches");
            for (BreachEvent b : a.breaches()) {
                ObjectNode o = breaches.addObject();
                o.put("atSeconds", b.atSeconds());
                o.put("needleId", b.needleId());
                o.put("depthMm", b.depthMm());
                o.put("wall", b.wall());
                o.put("reason", b.reason());
            }
        }
        try {
            root.set("plan", MAPPER.readTree(PlanJson.toJson(a.plan())));
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode attempt", e);
        }
    }

    /** Writes the attempt atomically (as plan files are written). */
    public static void save(Attempt a, Path file) throws IOException {
        AtomicFiles.writeText(file, toJson(a));
    }
}
