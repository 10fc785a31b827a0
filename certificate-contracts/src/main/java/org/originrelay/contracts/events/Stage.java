package org.originrelay.contracts.events;

/** How far a command has come; the second word of every routing key. */
public enum Stage {
    REQUESTED("requested"),
    VALIDATED("validated"),
    REJECTED("rejected"),
    REGISTRY_ACCEPTED("registry-accepted"),
    REGISTRY_REJECTED("registry-rejected");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** A command at this stage will not move any further. */
    public boolean isFinal() {
        return this == REJECTED || this == REGISTRY_ACCEPTED || this == REGISTRY_REJECTED;
    }
}
