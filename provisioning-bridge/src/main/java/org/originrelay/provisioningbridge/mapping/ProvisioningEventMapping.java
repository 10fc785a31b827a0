package org.originrelay.provisioningbridge.mapping;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a Univention Provisioning message onto AMQP: routing key {@code <realm>.<topic, '/' → '.'>.<kind>}
 * with kind created (old empty), deleted (new empty), moved (dn changed), modified, or prefilled
 * (publisher {@code udm-pre-fill}, whose messages always look like creates); header
 * {@code provisioning-action} created / modified / deleted (a move and a prefill are a modification
 * and a creation), so consumers need not read it from the routing key. The body is not changed.
 */
public final class ProvisioningEventMapping {

    static final String PREFILL_PUBLISHER = "udm-pre-fill";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProvisioningEventMapping() {
    }

    public static BridgeMessage map(SourceMessage source) {
        String messageId = source.messageId();
        Map<String, Object> headers = new HashMap<>();
        headers.put(ProvisioningHeaders.SEQUENCE_NUMBER, source.sequenceNumber());
        headers.put(ProvisioningHeaders.NUM_DELIVERED, source.numDelivered());
        if (source.traceParent() != null) {
            headers.put(ProvisioningHeaders.TRACE_PARENT, source.traceParent());
        }
        JsonNode message;
        try {
            message = JSON.readTree(source.body());
        } catch (JacksonException e) {
            return new BridgeMessage.Unmappable(messageId, null, "not JSON: " + e.getOriginalMessage(), headers,
                    source.body());
        }
        String realm = text(message, "realm");
        String topic = text(message, "topic");
        if (realm == null || topic == null) {
            return new BridgeMessage.Unmappable(messageId, null, "missing realm or topic", headers, source.body());
        }
        String publisher = text(message, "publisher_name");
        if (publisher != null) {
            headers.put(ProvisioningHeaders.PUBLISHER_NAME, publisher);
        }
        JsonNode old = message.path("body").path("old");
        JsonNode current = message.path("body").path("new");
        boolean created = isEmpty(old);
        boolean deleted = isEmpty(current);
        String kind = PREFILL_PUBLISHER.equals(publisher) ? "prefilled"
                : created ? "created"
                : deleted ? "deleted"
                : !old.path("dn").asString("").equals(current.path("dn").asString("")) ? "moved"
                : "modified";
        String routingKey = routingWord(realm) + "." + topic.replace('/', '.') + "." + kind;
        if (created && deleted) {
            return new BridgeMessage.Unmappable(messageId, routingKey, "both old and new are empty", headers,
                    source.body());
        }
        headers.put(ProvisioningHeaders.ACTION, created ? "created" : deleted ? "deleted" : "modified");
        JsonNode object = deleted ? old : current;
        for (String field : new String[] {"id", "uuid", "dn"}) {
            String identity = text(object, field);
            if (identity != null) {
                headers.put(ProvisioningHeaders.OBJECT_ID, identity);
                headers.put(ProvisioningHeaders.OBJECT_ID_SOURCE, field);
                break;
            }
        }
        String dn = text(object, "dn");
        if (dn != null) {
            headers.put(ProvisioningHeaders.OBJECT_DN, dn);
        }
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
}
