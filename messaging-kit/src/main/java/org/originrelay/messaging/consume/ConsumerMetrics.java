package org.originrelay.messaging.consume;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters per queue: consumed, succeeded, retried (by attempt), dead-lettered. */
public class ConsumerMetrics {

    private final MeterRegistry meters;

    public ConsumerMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void consumed(String queue) {
        meters.counter("relay.messages.consumed", "queue", queue).increment();
    }

    void succeeded(String queue) {
        meters.counter("relay.messages.succeeded", "queue", queue).increment();
    }

    void duplicate(String queue) {
        meters.counter("relay.messages.duplicates", "queue", queue).increment();
    }

    void retried(String queue, int attempt) {
        meters.counter("relay.messages.retried", "queue", queue, "attempt", Integer.toString(attempt)).increment();
    }

    void deadLettered(String queue) {
        meters.counter("relay.messages.dead_lettered", "queue", queue).increment();
    }
}
