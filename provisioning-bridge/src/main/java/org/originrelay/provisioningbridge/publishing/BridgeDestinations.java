package org.originrelay.provisioningbridge.publishing;

/** Broker names of the bridge's exchange and its parking queue (with the kit's namespace). */
public record BridgeDestinations(String exchange, String deadLetterQueue) {

    static final String EXCHANGE = "provisioning.events";
    static final String DEAD_LETTER_QUEUE = "provisioning-bridge.dlq";
}
