package org.originrelay.registry.simulator;

import java.util.Objects;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

/** What the simulator reports for a transaction id: its state and, when FAILED, why. */
public record TransactionStatus(TransactionState state, String message) {

    static final TransactionStatus UNKNOWN = new TransactionStatus(TransactionState.UNKNOWN, "");
    static final TransactionStatus PENDING = new TransactionStatus(TransactionState.PENDING, "");
    static final TransactionStatus COMMITTED = new TransactionStatus(TransactionState.COMMITTED, "");

    public TransactionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    static TransactionStatus failed(String message) {
        return new TransactionStatus(TransactionState.FAILED, message);
    }
}
