package org.originrelay.registryconnector.reconciliation;

import tools.jackson.databind.json.JsonMapper;

/** The contract's JSON (ISO-8601 instants, enum names), for the reconciliation messages and columns. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
