package org.originrelay.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One parked message as an operator sees it: its identity, where it came from, why it failed, and its
 * unchanged body.
 *
 * @param position where it sits in its dead-letter queue (0 = head, the oldest) when it was read
 * @param deliveries deliveries to a consumer that failed; {@code null} when the broker parked it itself
 *     (delivery limit) or it predates the header
 * @param retries passes through the retry ladder (0 = parked at its first failure)
 * @param parkedAt when it entered the dead-letter queue, as far as the headers tell
 */
public record DeadLetter(long position, String messageId, String type, String correlationId,
        String originalExchange, String originalRoutingKey, String originalQueue, Integer deliveries, int retries,
        int replayCount, String exceptionClass, String reason, String stackTrace, Instant firstFailureAt,
        Instant lastFailureAt, Instant parkedAt, String failedService, Map<String, Object> headers, byte[] body) {

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The reason with ids and numbers taken out, so failures of the same kind fall into one group. */
    public String normalisedReason() {
        return FailureReasons.normalise(reason);
    }
}
