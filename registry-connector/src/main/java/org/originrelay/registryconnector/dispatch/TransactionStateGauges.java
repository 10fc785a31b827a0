package org.originrelay.registryconnector.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry transactions by state, and how long the oldest unfinished one has waited, read from the
 * store when Prometheus scrapes. NaN when the database cannot be read (an alert treats it as unknown).
 */
@Component
class TransactionStateGauges implements MeterBinder {

    private static final List<String> STATES = List.of("STORED", "SENDING", "SENT", "COMMITTED", "FAILED", "ABANDONED");

    private final JdbcClient jdbc;

    TransactionStateGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : STATES) {
            Gauge.builder("relay.registry.transactions", () -> count(state))
                    .description("registry transactions in the connector's store, by state")
                    .tag("state", state)
                    .register(registry);
        }
        TimeGauge.builder("relay.registry.transactions.oldest_unfinished", this::oldestUnfinishedAgeMillis,
                        TimeUnit.MILLISECONDS)
                .description("age of the oldest transaction not yet COMMITTED, FAILED or ABANDONED (0 if none)")
                .register(registry);
    }

    private double count(String state) {
        try {
            return jdbc.sql("select count(*) from registry_transaction where state = :state")
                    .param("state", state).query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double oldestUnfinishedAgeMillis() {
        try {
            return jdbc.sql("select min(stored_at) from registry_transaction where state in ('STORED', 'SENDING', 'SENT')")
                    .query(Timestamp.class).optional()
                    .map(oldest -> (double) Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis()))
                    .orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
