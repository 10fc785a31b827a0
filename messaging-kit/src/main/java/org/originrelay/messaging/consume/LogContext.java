package org.originrelay.messaging.consume;

import org.slf4j.MDC;
import org.springframework.amqp.core.Message;

/**
 * Puts the message id and the command id (the correlation id) of the delivery being handled into the
 * logging context, so every line written while handling it can be found by either id.
 */
final class LogContext implements AutoCloseable {

    static final String MESSAGE_ID = "messageId";
    static final String COMMAND_ID = "commandId";

    private LogContext() {
    }

    static LogContext of(Message message) {
        putIfPresent(MESSAGE_ID, message.getMessageProperties().getMessageId());
        putIfPresent(COMMAND_ID, message.getMessageProperties().getCorrelationId());
        return new LogContext();
    }

    private static void putIfPresent(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove(MESSAGE_ID);
        MDC.remove(COMMAND_ID);
    }
}
