package org.originrelay.messaging.consume;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.springframework.amqp.core.MessageProperties;

/**
 * What an operator needs to diagnose a dead letter beyond its reason: how many deliveries failed (so a
 * message parked at its first failure reads "1 delivery", not "0 attempts") and the stack trace as it
 * was at the failure, truncated so the headers stay small.
 */
final class FailureTrace {

    static final int MAX_STACK_TRACE_LENGTH = 8000;
    /** Set by quorum queues on a redelivery: deliveries that ended without an ack (e.g. a crashed consumer). */
    private static final String BROKER_DELIVERY_COUNT = "x-delivery-count";

    private FailureTrace() {
    }

    static void record(MessageProperties properties, Throwable failure) {
        int earlier = number(properties.getHeaders().get(RelayHeaders.DELIVERIES));
        int unacknowledged = number(properties.getHeaders().get(BROKER_DELIVERY_COUNT));
        properties.setHeader(RelayHeaders.DELIVERIES, earlier + unacknowledged + 1);
        properties.getHeaders().remove(BROKER_DELIVERY_COUNT);
        properties.setHeader(RelayHeaders.STACK_TRACE, stackTrace(failure));
    }

    static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= MAX_STACK_TRACE_LENGTH ? trace
                : trace.substring(0, MAX_STACK_TRACE_LENGTH - 1) + "…";
    }

    private static int number(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }
}
