package org.originrelay.contracts.domain;

/**
 * A slice can be transferred and sliced while AVAILABLE. ALLOCATED: the registry holds it for a claim
 * (an allocation committed, its claim not yet); only that claim can go on with it. Once CLAIMED it is
 * spent for good.
 */
public enum SliceState {
    AVAILABLE,
    ALLOCATED,
    CLAIMED
}
