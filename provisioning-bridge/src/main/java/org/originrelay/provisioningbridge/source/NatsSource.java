package org.originrelay.provisioningbridge.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.originrelay.provisioningbridge.BridgeProperties;
import org.originrelay.provisioningbridge.mapping.ProvisioningEventMapping;
import org.originrelay.provisioningbridge.mapping.SourceMessage;
import org.originrelay.provisioningbridge.publishing.BridgePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the Provisioning stream through a durable JetStream pull consumer with explicit acks, one batch
 * at a time on one thread (so order is kept), and acks each message only after RabbitMQ confirmed it.
 * When RabbitMQ does not confirm, the unconfirmed rest of the batch is held and published again, in
 * order, before anything new is fetched; it is not handed back to NATS (a nak lets JetStream redeliver
 * out of order, which a test caught), but kept from redelivery with in-progress acks. Rounds back off
 * up to {@code max-backoff} while RabbitMQ or NATS is unavailable.
 */
@Component
@ConditionalOnProperty(name = "relay.bridge.source", havingValue = "nats", matchIfMissing = true)
class NatsSource implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(NatsSource.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final BridgeProperties properties;
    private final BridgePublisher publisher;
    private final AtomicLong pending = new AtomicLong();
    /** Fetched but not yet confirmed by RabbitMQ, in stream order; published again before anything new. */
    private List<Message> heldBack = List.of();
    private volatile Connection connection;
    private volatile JetStreamSubscription subscription;
    private volatile String lastProblem;
    private volatile boolean running;
    /** Set by the connection listener: pull requests made before a reconnect are gone with it. */
    private volatile boolean resubscribe;
    /** The development stream is created once, at start: a stream deleted later stays deleted. */
    private boolean streamEnsured;
    private ScheduledExecutorService rounds;
    private Duration backoff = FIRST_BACKOFF;

    NatsSource(BridgeProperties properties, BridgePublisher publisher, MeterRegistry meters) {
        this.properties = properties;
        this.publisher = publisher;
        Gauge.builder("relay.bridge.lag", pending, AtomicLong::get)
                .description("messages in the stream not yet delivered to the bridge").register(meters);
    }

    private void round() {
        if (!running) {
            return;
        }
        Duration next = Duration.ZERO;
        try {
            if (resubscribe) {
                resubscribe = false;
                dropSubscription();
            }
            List<Message> batch = heldBack.isEmpty()
                    ? subscription().fetch(properties.batchSize(), properties.nats().fetchWait())
                    : heldBack;
            if (!batch.isEmpty()) {
                next = bridge(batch);
            }
            updateLag();
        } catch (Exception e) {
            lastProblem = "NATS: " + e.getMessage();
            log.warn("Reading the provisioning stream failed; reconnecting: {}", e.toString());
            dropSubscription();
            dropConnection();
            next = backOff();
        }
        rounds.schedule(this::round, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration bridge(List<Message> batch) {
        int confirmed = publisher.publish(batch.stream().map(message -> ProvisioningEventMapping.map(new SourceMessage(
                properties.nats().sourceName(), message.metaData().streamSequence(),
                message.metaData().deliveredCount(), message.getData()))).toList());
        for (int i = 0; i < confirmed; i++) {
            batch.get(i).ack();
        }
        heldBack = List.copyOf(batch.subList(confirmed, batch.size()));
        if (heldBack.isEmpty()) {
            lastProblem = null;
            backoff = FIRST_BACKOFF;
            return Duration.ZERO;
        }
        heldBack.forEach(Message::inProgress);
        lastProblem = "RabbitMQ did not confirm; holding " + heldBack.size() + " message(s) to publish again";
        log.warn("{}", lastProblem);
        return backOff();
    }

    private Duration backOff() {
        Duration current = backoff;
        backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff()
                : backoff.multipliedBy(2);
        return current;
    }

    private JetStreamSubscription subscription() throws Exception {
        JetStreamSubscription current = subscription;
        if (current == null) {
            if (connection == null) {
                connection = Nats.connect(new Options.Builder().server(properties.nats().url())
                        .maxReconnects(-1).connectionName("provisioning-bridge")
                        .connectionListener((reconnected, event) -> {
                            if (event == ConnectionListener.Events.RECONNECTED) {
                                resubscribe = true;
                            }
                        }).build());
            }
            if (properties.nats().createStream() && !streamEnsured) {
                createStreamIfMissing();
                streamEnsured = true;
            }
            ConsumerConfiguration.Builder consumerSettings = ConsumerConfiguration.builder();
            if (!properties.nats().filterSubject().isBlank()) {
                consumerSettings.filterSubject(properties.nats().filterSubject());
            }
            ConsumerConfiguration consumer = consumerSettings
                    .durable(properties.nats().durable())
                    .ackPolicy(AckPolicy.Explicit)
                    // Never more in flight than one batch, so a redelivery cannot be overtaken.
                    .maxAckPending(properties.batchSize())
                    .ackWait(properties.nats().ackWait())
                    .build();
            current = connection.jetStream().subscribe(null, PullSubscribeOptions.builder()
                    .stream(properties.nats().stream()).configuration(consumer).build());
            subscription = current;
        }
        return current;
    }

    /** Binds afresh to the durable consumer next round; progress lives in NATS, nothing is lost. */
    private void dropSubscription() {
        JetStreamSubscription current = subscription;
        subscription = null;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                // Already gone with its connection.
            }
        }
    }

    /**
     * Starts over with a new connection next round. A connection that came back from a reconnect can
     * leave JetStream requests timing out for good (seen in the reconnect test); a fresh one does not.
     */
    private void dropConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Closing a broken connection may fail; it is abandoned either way.
            }
        }
    }

    private void createStreamIfMissing() throws Exception {
        JetStreamManagement management = connection.jetStreamManagement();
        if (!management.getStreamNames().contains(properties.nats().stream())) {
            String source = properties.nats().sourceName();
            management.addStream(StreamConfiguration.builder().name(properties.nats().stream())
                    .subjects(source + ".main", source + ".prefill").build());
            log.info("Created stream {} for development", properties.nats().stream());
        }
    }

    private void updateLag() {
        try {
            pending.set(subscription.getConsumerInfo().getNumPending());
        } catch (Exception e) {
            // The lag is informative only; the next round tries again.
        }
    }

    /** The live NATS connection, for tests that drop it. */
    Connection connection() {
        return connection;
    }

    @Override
    public Health health() {
        Connection current = connection;
        Health.Builder health = current != null && current.getStatus() == Connection.Status.CONNECTED && lastProblem == null
                ? Health.up() : Health.down();
        return health.withDetail("source", "nats " + properties.nats().url() + " stream " + properties.nats().stream())
                .withDetail("connection", current == null ? "not connected" : current.getStatus().name())
                .withDetail("lag", pending.get())
                .withDetail("problem", lastProblem == null ? "none" : lastProblem)
                .build();
    }

    @Override
    public synchronized void start() {
        running = true;
        rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nats-source").factory());
        rounds.execute(this::round);
    }

    @Override
    public synchronized void stop() {
        running = false;
        rounds.shutdown();
        try {
            rounds.awaitTermination(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (connection != null) {
                connection.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
