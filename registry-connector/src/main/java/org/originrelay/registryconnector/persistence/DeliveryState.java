package org.originrelay.registryconnector.persistence;

/**
 * Where one stored registry transaction is on its way to the registry.
 *
 * <pre>
 * STORED ──claim (committed before the call)──▶ SENDING ──send ok──▶ SENT ──poll──▶ COMMITTED | FAILED
 *   │                                             │ send failed: stays SENDING; next time the registry is
 *   │                                             │ asked first, and only UNKNOWN lets it be sent again
 *   └──an earlier transaction of the command failed──▶ ABANDONED
 * </pre>
 */
public enum DeliveryState {
    STORED,
    SENDING,
    SENT,
    COMMITTED,
    FAILED,
    ABANDONED
}
