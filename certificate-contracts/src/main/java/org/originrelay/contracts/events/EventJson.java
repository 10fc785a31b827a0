package org.originrelay.contracts.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the contract: ISO-8601 instants, enum names, unknown fields ignored (so a consumer
 * keeps working when a producer adds fields within the same schema version).
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    /*
     * A reader and a writer per event record, built once: the mapper's own readValue/writeValueAsBytes
     * resolve the Java type and look up its root (de)serializer on every call, which every delivery and
     * every published event would pay for.
     */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };
    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return MAPPER.writerFor(type);
        }
    };

    private EventJson() {
    }

    public static byte[] write(CertificateEvent event) {
        return WRITERS.get(event.getClass()).writeValueAsBytes(event);
    }

    /**
     * Reads a body whose AMQP {@code type} and {@code schema-version} were given.
     *
     * @throws ContractViolation when the type is unknown, the version unsupported or the body invalid
     */
    public static CertificateEvent read(String typeName, Integer schemaVersion, byte[] body) {
        EventType type = EventCatalog.byName(typeName)
                .orElseThrow(() -> new ContractViolation("unknown event type '" + typeName + "'"));
        if (schemaVersion == null || schemaVersion != EventCatalog.SCHEMA_VERSION) {
            throw new ContractViolation("unsupported schema-version " + schemaVersion + " for " + typeName
                    + " (supported: " + EventCatalog.SCHEMA_VERSION + ")");
        }
        try {
            return READERS.get(type.javaType()).readValue(body);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ContractViolation("body is not a valid " + typeName + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
