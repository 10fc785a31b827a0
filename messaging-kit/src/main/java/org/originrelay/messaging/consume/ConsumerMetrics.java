package org.originrelay.messaging.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters per queue: consumed, succeeded, retried (by attempt), dead-lettered. The counters of a queue
 * are looked up in the registry once, not for every delivery (a lookup builds and hashes the meter's id).
 */
public class ConsumerMetrics {

    private final MeterRegistry meters;
    private final Map<String, QueueCounters> byQueue = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void consumed(String queue) {
        countersOf(queue).consumed().increment();
    }

    void succeeded(String queue) {
        countersOf(queue).succeeded().increment();
    }

    void duplicate(String queue) {
        countersOf(queue).duplicates().increment();
    }

    void retried(String queue, int attempt) {
        meters.counter("relay.messages.retried", "queue", queue, "attempt", Integer.toString(attempt)).increment();
    }

    void deadLettered(String queue) {
        meters.counter("relay.messages.dead_lettered", "queue", queue).increment();
    }

    private QueueCounters countersOf(String queue) {
        return byQueue.computeIfAbsent(queue, name -> new QueueCounters(
                meters.counter("relay.messages.consumed", "queue", name),
                meters.counter("relay.messages.succeeded", "queue", name),
                meters.counter("relay.messages.duplicates", "queue", name)));
    }

    private record QueueCounters(Counter consumed, Counter succeeded, Counter duplicates) {
    }
}
