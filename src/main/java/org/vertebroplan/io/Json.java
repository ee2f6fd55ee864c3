package org.vertebroplan.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the program, for every JSON file and output it reads or writes. */
public final class Json {

    /**
     * Strict reading, for files that may come from anywhere (plans, attempts, manifests): a second value
     * after the top one (trailing garbage) or a key given twice in one object is refused, never read half
     * or with one of the two values silently chosen. Writing is indented. Shared: never reconfigure it.
     */
    public static final ObjectMapper STRICT = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private Json() {
    }
}
