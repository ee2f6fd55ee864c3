package org.vertebroplan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.vertebroplan.geom.Vec3;

/** Small helpers to build and print the JSON that commands write to stdout. */
final class Json {

    static final ObjectMapper MAPPER = org.vertebroplan.io.Json.STRICT;

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(Vec3 v) {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(v.x()).add(v.y()).add(v.z());
        return a;
    }

    /** A point in LPS millimetres rounded to 0.01 mm, as every planning command prints points. */
    static ArrayNode mm(Vec3 v) {
        return array(Math.round(v.x() * 100) / 100.0, Math.round(v.y() * 100) / 100.0, Math.round(v.z() * 100) / 100.0);
    }

    static ArrayNode array(double... values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : values) {
            a.add(d);
        }
        return a;
    }

    static void print(PrintWriter out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
