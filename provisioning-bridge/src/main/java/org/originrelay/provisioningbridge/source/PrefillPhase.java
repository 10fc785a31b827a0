package org.originrelay.provisioningbridge.source;

/** Where a NATS-mode bridge is in its subscription's life (shown in the health endpoint). */
enum PrefillPhase {
    /** The stack has not finished the prefill: nothing is published, as the stack's own API does. */
    WAITING_FOR_PREFILL("waiting-for-prefill"),
    /** {@code <name>.prefill}, in stream order, to its end. */
    PREFILL("prefill"),
    /** {@code <name>.main}, in stream order, from its beginning. */
    LIVE("live");

    private final String label;

    PrefillPhase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
