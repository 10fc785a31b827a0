package org.originrelay.provisioningbridge.mapping;

import java.util.Map;

/** What the bridge does with a source message: route it to the exchange, or park it with a reason. */
public sealed interface BridgeMessage {

    /** Stable across redeliveries of the same source message: {@link SourceMessage#messageId()}. */
    String messageId();

    /** The routing key it has (or, when parked, would have had); {@code null} if none can be told. */
    String routingKey();

    Map<String, Object> headers();

    byte[] body();

    record Routed(String messageId, String routingKey, Map<String, Object> headers, byte[] body)
            implements BridgeMessage {
    }

    record Unmappable(String messageId, String routingKey, String reason, Map<String, Object> headers, byte[] body)
            implements BridgeMessage {
    }
}
