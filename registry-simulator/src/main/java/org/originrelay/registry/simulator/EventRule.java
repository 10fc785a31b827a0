package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * How one payload type changes the stream it is recorded on. An implementation checks everything first and
 * changes state only when nothing failed, so a rejected transaction leaves no trace.
 */
interface EventRule {

    /** Applies the transaction to its stream (already known to be on this registry) or throws a {@link Rejection}. */
    void apply(Transaction transaction, String streamId, Streams streams);
}
