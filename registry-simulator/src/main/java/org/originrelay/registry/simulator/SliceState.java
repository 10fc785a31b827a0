package org.originrelay.registry.simulator;

/** Where a slice is in its life: only an available slice may be transferred, sliced or allocated. */
enum SliceState {
    AVAILABLE, SPENT, ALLOCATED, CLAIMED;

    String describe() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
