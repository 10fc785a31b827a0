package org.originrelay.messaging.consume;

/**
 * Headers the kit adds to messages it moves to the retry ladder or the dead-letter queue. They travel
 * with the message, so a dead letter says where it came from and why it failed.
 */
public final class RelayHeaders {

    /** Broker-side attempts so far (0 or absent on the first delivery). */
    public static final String ATTEMPT = "x-relay-attempt";
    public static final String ORIGINAL_EXCHANGE = "x-relay-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-relay-original-routing-key";
    public static final String ORIGINAL_QUEUE = "x-relay-original-queue";
    public static final String FIRST_FAILURE_AT = "x-relay-first-failure-at";
    public static final String LAST_FAILURE_AT = "x-relay-last-failure-at";
    public static final String EXCEPTION_CLASS = "x-relay-exception-class";
    public static final String EXCEPTION_MESSAGE = "x-relay-exception-message";
    public static final String FAILED_SERVICE = "x-relay-failed-service";
    /** Deliveries to a consumer that failed so far, each counting its in-process retries as one. */
    public static final String DELIVERIES = "x-relay-deliveries";
    /** The last failure's stack trace, captured when it happened and truncated. */
    public static final String STACK_TRACE = "x-relay-stack-trace";
    /** How often an operator has replayed the message from the dead-letter queue. */
    public static final String REPLAY_COUNT = "x-relay-replay-count";

    /** Contract headers of every event. */
    public static final String CAUSATION_ID = "causation-id";
    public static final String SCHEMA_VERSION = "schema-version";

    public static final int MAX_EXCEPTION_MESSAGE_LENGTH = 1000;

    private RelayHeaders() {
    }
}
