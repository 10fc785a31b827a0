package org.originrelay.provisioningbridge.mapping;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a Univention Provisioning message onto AMQP: routing key {@code <realm>.<topic, '/' → '.'>.<action>}
 * with action created (old empty), deleted (new empty), moved (dn changed), modified, or prefilled
 * (publisher {@code udm-pre-fill}, whose messages always look like creates). The body is not changed.
 */
public final class ProvisioningEventMapping {

    static final String PREFILL_PUBLISHER = "udm-pre-fill";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProvisioningEventMapping() {
    }

    public static BridgeMessage map(SourceMessage source) {
        String messageId = source.source() + ":" + source.sequenceNumber();
        Map<String, Object> headers = new HashMap<>();
        headers.put("sequence-number", source.sequenceNumber());
        headers.put("num-delivered", source.numDelivered());
        JsonNode message;
        try {
            message = JSON.readTree(source.body());
        } catch (JacksonException e) {
            return new BridgeMessage.Unmappable(messageId, "not JSON: " + e.getOriginalMessage(), headers, source.body());
        }
        String realm = text(message, "realm");
        String topic = text(message, "topic");
        if (realm == null || topic == null) {
            return new BridgeMessage.Unmappable(messageId, "missing realm or topic", headers, source.body());
        }
        JsonNode old = message.path("body").path("old");
        JsonNode current = message.path("body").path("new");
        boolean created = isEmpty(old);
        boolean deleted = isEmpty(current);
        if (created && deleted) {
            return new BridgeMessage.Unmappable(messageId, "both old and new are empty", headers, source.body());
        }
        String publisher = text(message, "publisher_name");
        String action = PREFILL_PUBLISHER.equals(publisher) ? "prefilled"
                : created ? "created"
                : deleted ? "deleted"
                : !old.path("dn").asString("").equals(current.path("dn").asString("")) ? "moved"
                : "modified";
        JsonNode object = deleted ? old : current;
        if (publisher != null) {
            headers.put("publisher-name", publisher);
        }
        putIfPresent(headers, "object-id", text(object, "id"));
        putIfPresent(headers, "object-dn", text(object, "dn"));
        String routingKey = routingWord(realm) + "." + topic.replace('/', '.') + "." + action;
        return new BridgeMessage.Routed(messageId, routingKey, headers, source.body());
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isObject() && node.isEmpty());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static String routingWord(String value) {
        return value.replace('.', '_');
    }

    private static void putIfPresent(Map<String, Object> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
