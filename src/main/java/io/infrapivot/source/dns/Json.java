package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for observation values. */
public final class Json {
    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code {"type": t}}: the start of most DNS values. */
    public static ObjectNode type(String t) {
        return object().put("type", t);
    }
}
