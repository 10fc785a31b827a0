package org.originrelay.messaging.outbox;

/**
 * The W3C {@code traceparent} of the work in progress, or null outside a trace. The outbox stores it with
 * each row and the relay sends it as the message's {@code traceparent} header, so an event continues the
 * trace of the request or message that caused it even though a different thread publishes it later.
 */
@FunctionalInterface
public interface TraceParents {

    TraceParents NONE = () -> null;

    String current();
}
