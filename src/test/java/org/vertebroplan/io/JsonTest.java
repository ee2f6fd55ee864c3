package org.vertebroplan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/** The one mapper reads strictly: no trailing garbage, no key given twice. */
class JsonTest {

    @Test
    void refusesTrailingTokensAndDuplicateKeys() throws Exception {
        assertEquals(1, Json.STRICT.readTree("{\"a\": 1}").get("a").asInt());
        assertThrows(JsonProcessingException.class, () -> Json.STRICT.readTree("{\"a\": 1} {\"a\": 2}"));
        assertThrows(JsonProcessingException.class, () -> Json.STRICT.readTree("{\"a\": 1, \"a\": 2}"));
    }
}
