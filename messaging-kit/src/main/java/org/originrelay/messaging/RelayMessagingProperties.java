package org.originrelay.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging kit, under {@code relay.messaging}.
 *
 * @param namespace prefix for every exchange and queue name; empty in production, random per test run
 * @param serviceName the service's name in retry/requeue exchange names and dead-letter headers;
 *     defaults to {@code spring.application.name}
 */
@ConfigurationProperties("relay.messaging")
public record RelayMessagingProperties(
        @DefaultValue("") String namespace,
        @DefaultValue("") String serviceName,
        @DefaultValue Retry retry,
        @DefaultValue Outbox outbox,
        @DefaultValue Consumers consumers) {

    /**
     * The two retry stages: a few quick in-process attempts for blips, then the broker-side ladder.
     *
     * @param inProcessAttempts attempts in the consumer thread before the message leaves the queue (>= 1)
     * @param inProcessBackoff first wait between in-process attempts (doubled each time, with jitter)
     * @param initialDelay delay before the first broker-side redelivery
     * @param multiplier growth of the delay per attempt
     * @param maxDelay cap of the delay
     * @param maxAttempts broker-side redeliveries before the message is dead-lettered
     * @param deliveryLimit quorum-queue safety net: deliveries of one message (e.g. a consumer crashing
     *     the JVM each time) after which the broker itself parks it in the dead-letter queue
     */
    public record Retry(
            @DefaultValue("3") int inProcessAttempts,
            @DefaultValue("50ms") Duration inProcessBackoff,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("5") double multiplier,
            @DefaultValue("10m") Duration maxDelay,
            @DefaultValue("7") int maxAttempts,
            @DefaultValue("20") int deliveryLimit) {
    }

    /**
     * @param pollInterval how often the relay looks for unpublished rows (it is also woken on commit)
     * @param batchSize rows published per round, pipelined with confirms
     * @param confirmTimeout how long to wait for the broker's confirms
     * @param retention how long published rows and processed-message ids are kept
     */
    public record Outbox(
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("200") int batchSize,
            @DefaultValue("10s") Duration confirmTimeout,
            @DefaultValue("7d") Duration retention) {
    }

    /**
     * @param concurrency consumers per queue
     * @param prefetch unacknowledged messages per consumer (at least the batch size)
     * @param batchSize deliveries handled in one transaction and acked together at most; 1 (the default):
     *     one by one. Worth raising (e.g. to 50, with a receive timeout of 5 ms) where commits, not CPU,
     *     bound a consumer: see docs/performance.md
     * @param receiveTimeout how long a consumer waits for a further delivery before it handles the batch
     *     it has; also how long an idle consumer sleeps between looks at its queue (each look costs CPU)
     */
    public record Consumers(
            @DefaultValue("1") int concurrency,
            @DefaultValue("100") int prefetch,
            @DefaultValue("1") int batchSize,
            @DefaultValue("1s") Duration receiveTimeout) {
    }
}
