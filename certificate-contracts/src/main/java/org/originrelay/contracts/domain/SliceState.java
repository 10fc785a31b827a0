package org.originrelay.contracts.domain;

/** A slice can be transferred and sliced while AVAILABLE; once CLAIMED it is spent for good. */
public enum SliceState {
    AVAILABLE,
    CLAIMED
}
