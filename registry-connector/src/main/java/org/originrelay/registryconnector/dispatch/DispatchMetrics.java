package org.originrelay.registryconnector.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** What the dispatcher counts (Micrometer, under {@code relay.registry.*}). */
@Component
public class DispatchMetrics {

    private final MeterRegistry meters;
    private final Counter sent;
    private final Counter committed;
    private final Counter failed;
    private final Counter stuck;

    public DispatchMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.sent = meters.counter("relay.registry.transactions.sent");
        this.committed = meters.counter("relay.registry.transactions.committed");
        this.failed = meters.counter("relay.registry.transactions.failed");
        this.stuck = meters.counter("relay.registry.transactions.stuck");
    }

    void sent() {
        sent.increment();
    }

    void committed() {
        committed.increment();
    }

    void failed() {
        failed.increment();
    }

    /** A transaction stayed pending past the configured deadline (counted once per transaction). */
    void stuck() {
        stuck.increment();
    }

    /** A registry call that did not get an answer, or got a gRPC error; tagged with the gRPC code. */
    void callFailed(String code) {
        meters.counter("relay.registry.calls.failed", "code", code).increment();
    }

    void trackInFlight(AtomicInteger inFlight) {
        meters.gauge("relay.registry.calls.in_flight", inFlight);
    }
}
