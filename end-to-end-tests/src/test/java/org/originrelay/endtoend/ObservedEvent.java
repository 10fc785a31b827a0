package org.originrelay.endtoend;

/** One message seen on {@code certificates.events} by the test's own subscriber queue. */
record ObservedEvent(String routingKey, String type, String messageId, String correlationId, String causationId,
        Object schemaVersion, String body, String traceParent) {

    /** The trace id of the W3C traceparent header, or null without one. */
    String traceId() {
        return traceParent == null ? null : traceParent.split("-")[1];
    }
}
