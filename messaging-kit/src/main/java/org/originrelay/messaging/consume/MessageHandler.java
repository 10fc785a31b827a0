package org.originrelay.messaging.consume;

import org.springframework.amqp.core.Message;

/**
 * The work a consumer does with one message. It runs inside the database transaction in which the
 * message id is recorded as processed; the message is acknowledged only after that transaction commits.
 * Throw {@link PermanentFailure} (or {@code ContractViolation}) for input that can never succeed; any
 * other exception is treated as transient and retried.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(Message message) throws Exception;
}
