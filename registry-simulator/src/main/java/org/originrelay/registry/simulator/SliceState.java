package org.originrelay.registry.simulator;

/**
 * Where a slice is in its life: only an available slice may be transferred, sliced or allocated (the
 * verifier keeps only those as slices; spent ones are gone, allocated and claimed ones are kept by
 * allocation id). An unclaim makes a claimed slice available again.
 */
enum SliceState {
    AVAILABLE, SPENT, ALLOCATED, CLAIMED
}
