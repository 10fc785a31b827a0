package org.originrelay.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.originrelay.messaging.RelayMessagingProperties;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.ConfirmedPublisher.Outgoing;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows in id order, a batch at a time with pipelined publisher confirms, and
 * deletes a row only after its confirm (in the transaction that locked it). A crash between confirm and
 * commit publishes that row again: consumers deduplicate by {@code message_id}. Rows are locked with {@code SKIP LOCKED} so two
 * instances never publish the same row at once. One thread, woken on commit and on a timer.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConfirmedPublisher publisher;
    private final RelayMessagingProperties.Outbox settings;
    private final Counter published;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, ConfirmedPublisher publisher,
            RelayMessagingProperties.Outbox settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.settings = settings;
        this.published = meters.counter("relay.outbox.published");
    }

    /** Asks for a relay round soon; rounds never overlap, and requests made while one is queued merge. */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUpPending.compareAndSet(false, true)) {
            running.execute(this::relayQuietly);
        }
    }

    /** Publishes everything committed so far; returns how many rows were published. */
    public int relayPending() {
        int total = 0;
        int round;
        do {
            round = relayBatch();
            total += round;
        } while (round == settings.batchSize());
        return total;
    }

    private int relayBatch() {
        Integer count = transactions.execute(status -> {
            List<OutboxRow> rows = jdbc.sql("""
                    select id, message_id, exchange, routing_key, message_type, correlation_id, headers, body, created_at, trace_parent
                    from relay_outbox where published_at is null order by id limit :limit for update skip locked
                    """)
                    .param("limit", settings.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("message_id"),
                            rs.getString("exchange"), rs.getString("routing_key"), rs.getString("message_type"),
                            rs.getString("correlation_id"), rs.getString("headers"), rs.getBytes("body"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("trace_parent")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Boolean> confirmed;
            try {
                confirmed = publisher.publishEvents(rows.stream().map(OutboxRow::toOutgoing).toList());
            } catch (PublishFailedException e) {
                log.warn("Outbox relay could not publish ({}); will retry", e.getMessage());
                return 0;
            }
            List<Long> done = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!confirmed.get(i)) {
                    // Stop at the first unconfirmed row so later rows are not published ahead of it next time.
                    break;
                }
                done.add(rows.get(i).id());
            }
            if (!done.isEmpty()) {
                // Deleted rather than marked: a marked row is a new row version with new index entries, and
                // the table would keep every event for the retention.
                jdbc.sql("delete from relay_outbox where id in (:ids)").param("ids", done).update();
                published.increment(done.size());
            }
            if (done.size() < rows.size()) {
                log.warn("Broker did not confirm {} outbox message(s); will retry", rows.size() - done.size());
            }
            return done.size();
        });
        return count == null ? 0 : count;
    }

    private void relayQuietly() {
        wakeUpPending.set(false);
        try {
            relayPending();
        } catch (RuntimeException e) {
            log.warn("Outbox relay round failed; will retry: {}", e.toString());
        }
    }

    /**
     * Deletes rows marked published longer ago than the retention: earlier versions kept published rows
     * (marked {@code published_at}); this one deletes a row as soon as it is confirmed.
     */
    public int forgetPublishedOlderThan(java.time.Duration retention) {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(retention));
        return jdbc.sql("delete from relay_outbox where published_at < :cutoff").param("cutoff", cutoff).update();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon().factory());
        long poll = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private record OutboxRow(long id, String messageId, String exchange, String routingKey, String type,
            String correlationId, String headers, byte[] body, Instant createdAt, String traceParent) {

        Outgoing toOutgoing() {
            var message = new OutboxMessage(messageId, exchange, routingKey, type, correlationId,
                    Outbox.readHeaders(headers), body);
            var amqpMessage = message.toAmqpMessage(createdAt);
            if (traceParent != null) {
                amqpMessage.getMessageProperties().setHeader("traceparent", traceParent);
            }
            return new Outgoing(exchange, routingKey, amqpMessage);
        }
    }
}
