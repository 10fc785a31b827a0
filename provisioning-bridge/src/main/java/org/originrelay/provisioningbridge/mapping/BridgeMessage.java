package org.originrelay.provisioningbridge.mapping;

import java.util.Map;

/** What the bridge does with a source message: route it to the exchange, or park it with a reason. */
public sealed interface BridgeMessage {

    /** Stable across redeliveries of the same source message: {@code <source>:<sequence_number>}. */
    String messageId();

    byte[] body();

    record Routed(String messageId, String routingKey, Map<String, Object> headers, byte[] body)
            implements BridgeMessage {
    }

    record Unmappable(String messageId, String reason, Map<String, Object> headers, byte[] body)
            implements BridgeMessage {
    }
}
