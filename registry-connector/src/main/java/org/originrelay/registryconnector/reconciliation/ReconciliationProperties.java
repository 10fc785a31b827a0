package org.originrelay.registryconnector.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pacing of reconciliation, under {@code relay.registry.reconciliation}.
 *
 * @param streamReadsPerSecond at most this many {@code GetStreamTransactions} calls per second, all
 *        reconciliations together (operators', sweeps', after commands)
 * @param tick how often due reconciliations are looked for
 * @param sweep whether certificates touched by commands are reconciled in the background
 * @param sweepQuietPeriod a touched certificate is swept once no command ended on it for this long
 * @param sweepBatch certificates scheduled per tick at most
 * @param maxAttempts tries to read a stream before the reconciliation ends FAILED
 * @param retryBackoff wait before the second try; doubles up to {@code maxRetryBackoff}
 */
@ConfigurationProperties("relay.registry.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("5") int streamReadsPerSecond,
        @DefaultValue("200ms") Duration tick,
        @DefaultValue("true") boolean sweep,
        @DefaultValue("30s") Duration sweepQuietPeriod,
        @DefaultValue("20") int sweepBatch,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("1m") Duration maxRetryBackoff) {

    public ReconciliationProperties {
        if (streamReadsPerSecond < 1) {
            throw new IllegalArgumentException("relay.registry.reconciliation.stream-reads-per-second must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("relay.registry.reconciliation.max-attempts must be at least 1");
        }
    }

    Duration backoff(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
