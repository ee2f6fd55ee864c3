package org.vertebroplan.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.io.BadInputException;

/**
 * Reads the fields of a {@code plan.json} (DESIGN.md "Plan file") that the viewer shows: caseId,
 * level, fiducials (id, lps) and needles (id, side, entryLps, targetLps, diameterMm). Other keys are
 * ignored. A temporary, deliberately small reader: to be replaced by {@code org.vertebroplan.io.PlanJson}.
 */
public final class PlanFileReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanFileReader() {
    }

    /**
     * Reads a plan file.
     *
     * @throws BadInputException when the file is not JSON or a point is malformed
     */
    public static CasePlan read(Path file) throws BadInputException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read plan " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException("plan " + file + " is not a JSON object");
        }
        List<CasePlan.Marker> markers = new ArrayList<>();
        for (JsonNode f : root.path("fiducials")) {
            markers.add(new CasePlan.Marker(f.path("id").asText("?"), point(f, "lps", file)));
        }
        List<CasePlan.Needle> needles = new ArrayList<>();
        for (JsonNode n : root.path("needles")) {
            needles.add(new CasePlan.Needle(n.path("id").asText("?"), n.path("side").asText(""),
                point(n, "entryLps", file), point(n, "targetLps", file), n.path("diameterMm").asDouble(3.0)));
        }
        return new CasePlan(root.path("caseId").asText(""), root.path("level").asText(""), markers, needles);
    }

    private static Vec3 point(JsonNode owner, String key, Path file) throws BadInputException {
        JsonNode a = owner.path(key);
        if (!a.isArray() || a.size() != 3 || !a.get(0).isNumber() || !a.get(1).isNumber() || !a.get(2).isNumber()) {
            throw new BadInputException("plan " + file + ": '" + key + "' of " + owner.path("id").asText("an entry")
                + " must be [x, y, z] in LPS mm");
        }
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }
}
