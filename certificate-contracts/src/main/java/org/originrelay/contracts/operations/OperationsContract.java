package org.originrelay.contracts.operations;

/**
 * The operators' exchange, {@value #EXCHANGE} (durable topic): notices about what operators did, and the
 * queries services answer for operator tools. Services never call each other; these go through the broker.
 */
public final class OperationsContract {

    /** Logical name of the durable topic exchange (prefixed with the messaging namespace). */
    public static final String EXCHANGE = "relay.operations";
    /** command-api publishes a {@link DeadLetterDiscarded} (confirmed, persistent) when an operator discards. */
    public static final String DEAD_LETTER_DISCARDED = "dead-letter.discarded";
    /**
     * Request/reply: a {@link RegistryCommandStatus.Query} with {@code reply_to} and {@code correlation_id};
     * registry-connector answers with a {@link RegistryCommandStatus} on {@code reply_to}.
     */
    public static final String REGISTRY_COMMAND_STATUS = "registry-command-status.query";

    private OperationsContract() {
    }
}
