package org.originrelay.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One parked message as an operator sees it: its identity, where it came from, why it failed, and its
 * unchanged body.
 */
public record DeadLetter(String messageId, String type, String originalExchange, String originalRoutingKey,
        String originalQueue, int attempts, int replayCount, String exceptionClass, String reason,
        Instant firstFailureAt, Instant lastFailureAt, String failedService, Map<String, Object> headers,
        byte[] body) {

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
