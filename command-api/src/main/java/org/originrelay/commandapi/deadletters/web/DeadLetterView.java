package org.originrelay.commandapi.deadletters.web;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.originrelay.messaging.deadletter.DeadLetter;

/**
 * A parked message as shown to operators; the body is the original message text, unchanged.
 *
 * @param deliveries deliveries to a consumer that failed ({@code null}: the broker parked it after its
 *     delivery limit, or it predates the count)
 * @param retries passes through the retry ladder before it was parked (0 = parked at its first failure)
 * @param command where the command of this correlation stands, if the correlation is a command id
 */
record DeadLetterView(String queue, long position, String messageId, String type, String correlationId,
        String originalExchange, String routingKey, String originalQueue, Integer deliveries, int retries,
        int replayCount, String failedService, String exceptionClass, String reason, String normalisedReason,
        String stackTrace, Instant firstFailureAt, Instant lastFailureAt, Instant parkedAt,
        Map<String, Object> headers, String body, Links links) {

    record Links(String self, String correlation, String command) {
    }

    static DeadLetterView of(String queue, DeadLetter letter, java.util.function.UnaryOperator<String> display) {
        String correlation = letter.correlationId();
        return new DeadLetterView(queue, letter.position(), letter.messageId(), letter.type(), correlation,
                display.apply(letter.originalExchange()), letter.originalRoutingKey(),
                display.apply(letter.originalQueue()), letter.deliveries(), letter.retries(), letter.replayCount(),
                letter.failedService(), letter.exceptionClass(), letter.reason(), letter.normalisedReason(),
                letter.stackTrace(), letter.firstFailureAt(), letter.lastFailureAt(), letter.parkedAt(),
                new TreeMap<>(letter.headers()), letter.bodyAsText(),
                new Links(letter.messageId() == null ? null : "/api/v1/dead-letters/" + queue + "/messages/" + letter.messageId(),
                        correlation == null ? null : "/api/v1/dead-letters/correlations/" + correlation,
                        isUuid(correlation) ? "/api/v1/commands/" + correlation : null));
    }

    private static boolean isUuid(String text) {
        try {
            return text != null && java.util.UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
