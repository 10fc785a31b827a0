package org.originrelay.commandapi.deadletters.web;

import java.time.Instant;
import org.originrelay.messaging.deadletter.DeadLetter;

/** A parked message as shown to operators; the body is the original message text, unchanged. */
record DeadLetterView(String messageId, String type, String originalExchange, String routingKey,
        String originalQueue, int attempts, int replayCount, String failedService, String exceptionClass,
        String reason, Instant firstFailureAt, Instant lastFailureAt, String body) {

    static DeadLetterView of(DeadLetter letter) {
        return new DeadLetterView(letter.messageId(), letter.type(), letter.originalExchange(),
                letter.originalRoutingKey(), letter.originalQueue(), letter.attempts(), letter.replayCount(),
                letter.failedService(), letter.exceptionClass(), letter.reason(), letter.firstFailureAt(),
                letter.lastFailureAt(), letter.bodyAsText());
    }
}
