package org.originrelay.registryconnector.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** What reconciliation counts (Micrometer, under {@code relay.registry.reconciliation.*}). */
@Component
public class ReconciliationMetrics {

    private final MeterRegistry meters;
    private final Counter differences;
    private final Counter repairs;
    private final Counter unreadable;

    public ReconciliationMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.differences = meters.counter("relay.registry.reconciliation.differences");
        this.repairs = meters.counter("relay.registry.reconciliation.repairs");
        this.unreadable = meters.counter("relay.registry.reconciliation.unknown_transactions");
    }

    /** A stream was read for a reconciliation started by {@code startedBy} (operator, sweep, command). */
    void streamRead(String startedBy) {
        meters.counter("relay.registry.reconciliation.streams_read", "started_by", startedBy).increment();
    }

    void differences(int found) {
        differences.increment(found);
    }

    /** Transactions the decoding could not apply (unknown payload types among them), when first seen. */
    void unreadable(long count) {
        unreadable.increment(count);
    }

    void repaired() {
        repairs.increment();
    }

    void readFailed() {
        meters.counter("relay.registry.reconciliation.read_failures").increment();
    }
}
