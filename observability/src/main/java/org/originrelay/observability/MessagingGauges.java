package org.originrelay.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.topology.MessagingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The messaging kit's state as gauges, read when Prometheus scrapes: how many messages wait in each of this
 * service's dead-letter queues, and how far the outbox is behind (unpublished rows and the age of the
 * oldest). A gauge that cannot be read (broker or database down) reports NaN, which the alert rules treat
 * as "unknown" rather than "fine".
 */
class MessagingGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(MessagingGauges.class);

    private final List<String> deadLetterQueues;
    private final AmqpAdmin admin;
    private final JdbcClient jdbc;

    MessagingGauges(List<ConsumerDefinition> consumers, MessagingNames names, AmqpAdmin admin, JdbcClient jdbc) {
        this.deadLetterQueues = consumers.stream()
                .map(consumer -> MessagingNames.deadLetterQueue(names.queue(consumer.queue())))
                .toList();
        this.admin = admin;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String queue : deadLetterQueues) {
            Gauge.builder("relay.dlq.depth", () -> depth(queue))
                    .description("messages waiting in a dead-letter queue for an operator")
                    .tag("queue", queue)
                    .baseUnit("messages")
                    .register(registry);
        }
        Gauge.builder("relay.outbox.pending", this::pendingRows)
                .description("outbox rows committed but not yet confirmed by the broker")
                .baseUnit("rows")
                .register(registry);
        TimeGauge.builder("relay.outbox.lag", this::oldestPendingAgeMillis, TimeUnit.MILLISECONDS)
                .description("age of the oldest unpublished outbox row (0 when the outbox is empty)")
                .register(registry);
    }

    private double depth(String queue) {
        try {
            QueueInformation info = admin.getQueueInfo(queue);
            return info == null ? Double.NaN : info.getMessageCount();
        } catch (RuntimeException e) {
            log.debug("Cannot read the depth of {}: {}", queue, e.toString());
            return Double.NaN;
        }
    }

    private double pendingRows() {
        try {
            return jdbc.sql("select count(*) from relay_outbox where published_at is null")
                    .query(Long.class).single();
        } catch (RuntimeException e) {
            log.debug("Cannot count unpublished outbox rows: {}", e.toString());
            return Double.NaN;
        }
    }

    private double oldestPendingAgeMillis() {
        try {
            return jdbc.sql("select min(created_at) from relay_outbox where published_at is null")
                    .query(Timestamp.class).optional()
                    .map(oldest -> (double) Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis()))
                    .orElse(0.0);
        } catch (RuntimeException e) {
            log.debug("Cannot read the outbox lag: {}", e.toString());
            return Double.NaN;
        }
    }
}
