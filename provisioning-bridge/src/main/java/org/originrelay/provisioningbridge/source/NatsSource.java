package org.originrelay.provisioningbridge.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.originrelay.provisioningbridge.BridgeProperties;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.provisioningbridge.mapping.BridgeMessage;
import org.originrelay.provisioningbridge.mapping.ProvisioningEventMapping;
import org.originrelay.provisioningbridge.mapping.ProvisioningHeaders;
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
 * Reads a Provisioning subscription's stream in the order the stack's own consumer API gives it:
 * nothing while the prefill is pending (the stack's {@code SUBSCRIPTIONS} key-value entry), then
 * {@code <name>.prefill} to its end, then {@code <name>.main}. Each subject has its own durable pull
 * consumer with explicit acks, so the progress in each survives restarts; the main consumer is created
 * only when the prefill is through, so its existence is the persisted "live" phase.
 * <p>
 * One thread, publishing in stream order on one channel: the next batches are fetched and published
 * while RabbitMQ confirms the earlier ones (up to {@code in-flight-batches}), and each message is acked
 * only after RabbitMQ confirmed it and every message before it. When RabbitMQ does not confirm, the
 * unconfirmed rest and everything published after it is held and published again, in order, before
 * anything new is fetched; it is not handed back to NATS (a nak lets JetStream
 * redeliver out of order, which a test caught), but kept from redelivery with in-progress acks. Every
 * failure backs off up to {@code max-backoff} and shows in the health endpoint.
 * <p>
 * Several bridges may run on one subscription (two instances): only the holder of the
 * {@link BridgeLease} reads and publishes, the others stand by and take over when it dies or stops, so
 * the stream's order holds and its durable consumers are never split (docs/adr/0009). Every fetch,
 * publish and ack is fenced by the lease.
 */
@Component
@ConditionalOnProperty(name = "relay.bridge.source", havingValue = "nats", matchIfMissing = true)
class NatsSource implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(NatsSource.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** JetStream's error code for "consumer not found" (a missing stream is an error: 10059). */
    private static final int CONSUMER_NOT_FOUND = 10014;
    /** How often a standby asks for the lease, at most (a released lease is taken within this). */
    private static final Duration STANDBY_POLL = Duration.ofMillis(500);
    /**
     * How long a fetch waits for a full batch while earlier batches await their confirms: short, so the
     * tail of a burst is not held back from being settled.
     */
    private static final Duration FOLLOW_UP_FETCH_WAIT = Duration.ofMillis(5);

    private final BridgeProperties properties;
    private final BridgeProperties.Nats nats;
    private final BridgePublisher publisher;
    private final SourceHealth health;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong bridgedPrefill = new AtomicLong();
    private final AtomicLong bridgedLive = new AtomicLong();
    private final BridgeLease lease;
    /** Only a bridge whose lease lasts longer than every fetched message's ack wait may fetch. */
    private final Duration fetchFence;
    /** Publishing and acking need the lease for a little longer still: clocks are not exact. */
    private final Duration publishFence;
    private volatile boolean active;
    /** Fetched but not yet confirmed by RabbitMQ, in stream order; published again before anything new. */
    private List<Message> heldBack = List.of();
    private volatile Connection connection;
    private volatile JetStreamSubscription subscription;
    /** {@code null}: to be found out again (at start, and after any failure). */
    private volatile PrefillPhase phase;
    private volatile String waitingFor = "";
    /** The stream's creation time: part of every message id, so a recreated stream's ids are new. */
    private volatile String generation;
    private volatile boolean running;
    /** Set by the connection listener: pull requests made before a reconnect are gone with it. */
    private volatile boolean resubscribe;
    /** Set until the subscription after a reconnect is made. */
    private boolean afterReconnect;
    /**
     * {@link System#nanoTime()} before which nothing is fetched: messages NATS delivered before a reconnect
     * and never got an ack for (lost on the way, or in the dropped subscription) must come again first.
     */
    private long redeliveriesDueAt;
    /** The connection's reconnect count when the subscription was made; see {@link #fetchedAfterAReconnect}. */
    private long reconnectsAtSubscribe;
    /** The development stream is created once, at start: a stream deleted later stays deleted. */
    private boolean streamEnsured;
    private ScheduledExecutorService rounds;
    private Duration backoff = FIRST_BACKOFF;

    NatsSource(BridgeProperties properties, BridgePublisher publisher, MeterRegistry meters) {
        this.properties = properties;
        this.nats = properties.nats();
        this.publisher = publisher;
        this.health = new SourceHealth(properties.downAfter(), Clock.systemUTC());
        Duration leaseLength = nats.leaseLength();
        this.publishFence = leaseLength.dividedBy(10);
        this.fetchFence = nats.ackWait().plus(nats.fetchWait()).plus(publishFence);
        if (leaseLength.multipliedBy(2).dividedBy(3).compareTo(fetchFence) <= 0) {
            throw new IllegalStateException("relay.bridge.nats.lease-ttl " + leaseLength
                    + " is too short: two thirds of it must exceed ack-wait + fetch-wait + a tenth of it ("
                    + fetchFence + ")");
        }
        String instance = ProcessHandle.current().pid() + "@" + hostName() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        this.lease = new BridgeLease(nats.leaseBucketName(), "active", instance, leaseLength, System::nanoTime);
        Gauge.builder("relay.bridge.lag", pending, AtomicLong::get)
                .description("messages of the current subject not yet delivered to the bridge").register(meters);
    }

    private void round() {
        if (!running) {
            return;
        }
        Duration next;
        try {
            if (resubscribe) {
                resubscribe = false;
                dropSubscription();
                // The lease was kept: nothing fenced off what was delivered before the reconnect (see subscribe).
                afterReconnect = true;
            }
            connect();
            if (!lease.holdOrAcquire(connection)) {
                next = standBy();
            } else if (!active) {
                active = true;
                next = decidePhase();
            } else if (phase == null || phase == PrefillPhase.WAITING_FOR_PREFILL) {
                next = decidePhase();
            } else {
                next = drain(phase);
            }
        } catch (Exception e) {
            String problem = "NATS: " + e;
            health.failed(problem);
            log.warn("Reading the provisioning stream failed; connecting afresh: {}", e.toString());
            phase = null;
            dropSubscription();
            dropConnection();
            next = backOff();
        }
        rounds.schedule(this::round, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Another bridge is active: touch nothing of the subscription. Whatever this one had fetched as the
     * active one is dropped unacked (NATS redelivers it to the holder, in order).
     */
    private Duration standBy() {
        if (active) {
            log.warn("Subscription {}: no longer the active bridge; standing by", nats.subscription());
        }
        active = false;
        phase = null;
        heldBack = List.of();
        dropSubscription();
        waitingFor = "the lease (another bridge is active)";
        health.progressed();
        return STANDBY_POLL.compareTo(lease.ttl().dividedBy(4)) < 0 ? STANDBY_POLL : lease.ttl().dividedBy(4);
    }

    /** Live if the main consumer exists (the phase survives restarts); else what the registration says. */
    private Duration decidePhase() throws Exception {
        JetStreamManagement management = connection.jetStreamManagement();
        if (consumer(management, mainDurable()).isPresent()) {
            return enter(PrefillPhase.LIVE);
        }
        Optional<SubscriptionRegistration> registration = SubscriptionRegistration.read(connection,
                nats.subscriptionsBucket(), nats.subscription());
        if (registration.isEmpty()) {
            if (nats.createStream()) {
                // Development without a Provisioning stack: nobody registers, so there is no prefill.
                return enter(PrefillPhase.LIVE);
            }
            phase = PrefillPhase.WAITING_FOR_PREFILL;
            waitingFor = "registration";
            health.failed("subscription " + nats.subscription() + " is not registered in NATS key-value bucket "
                    + nats.subscriptionsBucket() + "; waiting");
            return nats.prefillPollInterval();
        }
        SubscriptionRegistration known = registration.get();
        if (!known.requestPrefill()) {
            return enter(PrefillPhase.LIVE);
        }
        if (known.prefillDone()) {
            return enter(PrefillPhase.PREFILL);
        }
        phase = PrefillPhase.WAITING_FOR_PREFILL;
        waitingFor = "prefill " + known.prefillQueueStatus();
        if (known.prefillFailed()) {
            health.failed("the Provisioning stack reports the prefill of " + nats.subscription()
                    + " failed; it publishes nothing for this subscription until that is resolved, nor does the bridge");
        } else {
            health.progressed();
        }
        return nats.prefillPollInterval();
    }

    private Duration enter(PrefillPhase next) throws Exception {
        dropSubscription();
        phase = next;
        waitingFor = "";
        subscribe(next);
        log.info("Subscription {}: phase {}", nats.subscription(), next.label());
        health.progressed();
        return Duration.ZERO;
    }

    private Duration drain(PrefillPhase current) throws Exception {
        if (subscription == null) {
            subscribe(current);
        }
        AtomicLong bridged = current == PrefillPhase.PREFILL ? bridgedPrefill : bridgedLive;
        if (!heldBack.isEmpty()) {
            return bridge(heldBack, bridged);
        }
        if (!lease.lastsLongerThan(fetchFence)) {
            // Renewed (or lost) next round: a message fetched now might outlive the lease unacked.
            return Duration.ZERO;
        }
        long untilRedelivery = redeliveriesDueAt - System.nanoTime();
        if (untilRedelivery > 0) {
            waitingFor = "redelivery of messages unacked at a reconnect";
            return Duration.ofNanos(Math.min(untilRedelivery, nats.fetchWait().toNanos()));
        }
        waitingFor = "";
        List<Message> batch = subscription.fetch(properties.batchSize(), nats.fetchWait());
        if (fetchedAfterAReconnect(batch)) {
            return Duration.ZERO;
        }
        if (!batch.isEmpty()) {
            // The lag as NATS told it with the last message: no extra round trip per batch.
            pending.set(batch.getLast().metaData().pendingCount());
            return properties.inFlightBatches() > 1 ? bridgeOverlapped(batch, bridged) : bridge(batch, bridged);
        }
        ConsumerInfo info = subscription.getConsumerInfo();
        pending.set(info.getNumPending());
        health.progressed();
        if (current == PrefillPhase.PREFILL && info.getNumPending() == 0 && info.getNumAckPending() == 0) {
            // Every prefill message is bridged and acked: now the live ones, from the beginning.
            connection.flush(nats.fetchWait());
            return enter(PrefillPhase.LIVE);
        }
        return Duration.ZERO;
    }

    private Duration bridge(List<Message> batch, AtomicLong bridged) {
        if (!lease.lastsLongerThan(publishFence)) {
            return abandon(batch);
        }
        Duration next = settle(batch, publisher.publish(mapped(batch)), List.of(), bridged);
        return next == null ? Duration.ZERO : next;
    }

    /**
     * Bridges the batch and the ones after it with their publishing overlapped: while the broker confirms
     * a batch, the next is fetched and published (on one channel, so in stream order), up to
     * {@code in-flight-batches} unconfirmed at a time, which NATS's max ack pending allows (so a fetch
     * never waits for messages NATS holds back). Batches are settled oldest first: the confirmed ones
     * acked, and at the first message the broker did not confirm, it and everything fetched after it are
     * held and published again, in order, before anything new (as in {@link #bridge}). Ends when nothing
     * more is waiting, at a failure, when the lease is due for renewal, or when the bridge stops.
     */
    private Duration bridgeOverlapped(List<Message> first, AtomicLong bridged) throws Exception {
        try {
            return publisher.inOrder(pipeline -> {
                Deque<InFlight> window = new ArrayDeque<>();
                List<Message> fetched = first;
                while (true) {
                    if (!fetched.isEmpty()) {
                        List<BridgeMessage> mapped = mapped(fetched);
                        if (!BridgePublisher.allRouted(mapped)) {
                            // Parking is not overlapped: the batches before it settle first, and next round
                            // publishes this one on its own, before anything new.
                            Duration failed = settleAll(window, fetched, bridged);
                            if (failed != null) {
                                return failed;
                            }
                            heldBack = List.copyOf(fetched);
                            return Duration.ZERO;
                        }
                        if (!lease.lastsLongerThan(publishFence)) {
                            return abandon(unsettled(window, fetched));
                        }
                        window.add(new InFlight(fetched, publisher.send(pipeline, mapped)));
                        fetched = List.of();
                    }
                    if (window.size() < properties.inFlightBatches() && mayFetchMore()) {
                        fetched = subscription.fetch(properties.batchSize(), FOLLOW_UP_FETCH_WAIT);
                        if (fetchedAfterAReconnect(fetched)) {
                            fetched = List.of();
                        }
                        if (!fetched.isEmpty()) {
                            pending.set(fetched.getLast().metaData().pendingCount());
                            continue;
                        }
                    }
                    if (window.isEmpty()) {
                        return Duration.ZERO;
                    }
                    InFlight oldest = window.poll();
                    Duration failed = settleOldest(oldest, window, bridged);
                    if (failed != null) {
                        return failed;
                    }
                }
            });
        } catch (PublishFailedException noChannel) {
            // Nothing was sent: the first batch is held like one the broker did not confirm.
            Duration next = settle(first, new BridgePublisher.Outcome(0, "RabbitMQ: " + noChannel.getMessage()),
                    List.of(), bridged);
            return next == null ? Duration.ZERO : next;
        }
    }

    /**
     * Whether these messages came after the connection reconnected (jnats reconnects on its own; the
     * listener's resubscribe flag may come later): messages NATS sent just before the drop may have been lost
     * with it and come again only after their ack wait, so these must not be published before them. They are
     * left unacked — NATS redelivers them after those, in order — and the subscription is made again, which
     * waits for the redeliveries ({@link #subscribe}).
     */
    private boolean fetchedAfterAReconnect(List<Message> fetched) {
        if (fetched.isEmpty() || connection.getStatistics().getReconnects() == reconnectsAtSubscribe) {
            return false;
        }
        log.info("Subscription {}: {} message(s) fetched after a reconnect are left for NATS to redeliver in order",
                nats.subscription(), fetched.size());
        resubscribe = true;
        return true;
    }

    /** A batch published on the pipeline, its confirms outstanding. */
    private record InFlight(List<Message> messages, BridgePublisher.PendingOutcome outcome) {
    }

    /** Fetching goes on while nothing asks the round to do something else first. */
    private boolean mayFetchMore() {
        return running && !resubscribe && !lease.dueForRenewal() && lease.lastsLongerThan(fetchFence);
    }

    /** Settles the oldest batch in flight; see {@link #settle}. */
    private Duration settleOldest(InFlight oldest, Deque<InFlight> younger, AtomicLong bridged) {
        BridgePublisher.Outcome outcome = oldest.outcome().await();
        return settle(oldest.messages(), outcome,
                outcome.problem() == null ? List.of() : unsettled(younger, List.of()), bridged);
    }

    /** Settles every batch in flight, oldest first, and then holds {@code fetched} too if one failed. */
    private Duration settleAll(Deque<InFlight> window, List<Message> fetched, AtomicLong bridged) {
        while (!window.isEmpty()) {
            InFlight oldest = window.poll();
            BridgePublisher.Outcome outcome = oldest.outcome().await();
            Duration next = settle(oldest.messages(), outcome,
                    outcome.problem() == null ? List.of() : unsettled(window, fetched), bridged);
            if (next != null) {
                return next;
            }
        }
        return null;
    }

    /**
     * Acks what the broker confirmed of a published batch (from its first message). If it did not confirm
     * all, the rest of the batch and the messages fetched after it ({@code after}, in stream order) are
     * held and published again before anything new.
     *
     * @return {@code null} when the whole batch is confirmed and acked; else what the round does next
     */
    private Duration settle(List<Message> batch, BridgePublisher.Outcome outcome, List<Message> after,
            AtomicLong bridged) {
        int confirmed = outcome.confirmed();
        if (!lease.lastsLongerThan(publishFence)) {
            // Published, but another bridge may be active by now: it publishes these again (same ids).
            return abandon(concat(batch, after));
        }
        for (int i = 0; i < confirmed; i++) {
            batch.get(i).ack();
        }
        bridged.addAndGet(confirmed);
        if (confirmed == batch.size()) {
            heldBack = List.of();
            health.progressed();
            backoff = FIRST_BACKOFF;
            return null;
        }
        heldBack = concat(batch.subList(confirmed, batch.size()), after);
        if (confirmed > 0) {
            health.progressed();
        }
        if (!lease.lastsLongerThan(fetchFence)) {
            // Keeping them from redelivery must not outlast the lease: let them come again to the holder.
            return abandon(heldBack);
        }
        heldBack.forEach(Message::inProgress);
        health.failed(outcome.problem() + "; holding " + heldBack.size() + " message(s) to publish again");
        log.warn("{}", health.problem());
        return backOff();
    }

    private List<BridgeMessage> mapped(List<Message> batch) {
        return batch.stream().map(message -> ProvisioningEventMapping.map(new SourceMessage(nats.messageSource(),
                generation, message.metaData().streamSequence(), message.metaData().deliveredCount(),
                message.getData(), traceParentOf(message)))).toList();
    }

    /** The messages of the batches in flight and then {@code fetched}, in stream order. */
    private static List<Message> unsettled(Deque<InFlight> window, List<Message> fetched) {
        List<Message> messages = new ArrayList<>();
        window.forEach(inFlight -> messages.addAll(inFlight.messages()));
        messages.addAll(fetched);
        return messages;
    }

    private static List<Message> concat(List<Message> first, List<Message> then) {
        List<Message> messages = new ArrayList<>(first.size() + then.size());
        messages.addAll(first);
        messages.addAll(then);
        return List.copyOf(messages);
    }

    /**
     * The lease (nearly) ran out during the batch: nothing more of it is published or acked here, and
     * this bridge stands by. Its lease entry stays until it expires at NATS, which is after the ack wait
     * of every message it fetched: whoever takes the lease then gets those again first, in order (a
     * bridge that went on fetching at once would get the messages after them first).
     */
    private Duration abandon(List<Message> batch) {
        log.warn("Subscription {}: the lease ran out with {} message(s) not acked; NATS redelivers them",
                nats.subscription(), batch.size());
        lease.forget();
        return standBy();
    }

    private Duration backOff() {
        Duration current = backoff;
        backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff()
                : backoff.multipliedBy(2);
        return current;
    }

    private void connect() throws Exception {
        if (connection == null) {
            connection = Nats.connect(new Options.Builder().server(nats.url())
                    .maxReconnects(-1).connectionName("provisioning-bridge " + lease.holder())
                    .connectionListener((reconnected, event) -> {
                        if (event == ConnectionListener.Events.RECONNECTED) {
                            resubscribe = true;
                        }
                    }).build());
        }
        if (nats.createStream() && !streamEnsured) {
            createStreamIfMissing();
            streamEnsured = true;
        }
    }

    private void subscribe(PrefillPhase current) throws Exception {
        boolean prefill = current == PrefillPhase.PREFILL;
        generation = streamCreated();
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(prefill ? prefillDurable() : mainDurable())
                .filterSubject(prefill ? nats.prefillSubject() : nats.mainSubject())
                .ackPolicy(AckPolicy.Explicit)
                // Never more unacked than the batches in flight: a fetch of the next batch is never held back by
                // NATS, and nothing fetched waits behind a redelivery.
                .maxAckPending(properties.batchSize() * Math.max(1, properties.inFlightBatches()))
                .ackWait(nats.ackWait())
                .build();
        // Creates the durable consumer, or brings an existing one to these settings (an earlier version's
        // max ack pending): subscribing refuses a consumer whose settings differ.
        ConsumerInfo info = connection.jetStreamManagement().addOrUpdateConsumer(nats.streamName(), consumer);
        if (afterReconnect && info.getNumAckPending() > 0) {
            // NATS may hold up to max ack pending unacked, so it would deliver newer messages before those:
            // they are redelivered (oldest first) once their ack wait is over, so nothing is fetched before.
            redeliveriesDueAt = System.nanoTime() + nats.ackWait().toNanos();
            log.info("Subscription {}: {} message(s) delivered before the reconnect are unacked; fetching again once"
                    + " NATS redelivers them ({})", nats.subscription(), info.getNumAckPending(), nats.ackWait());
        }
        afterReconnect = false;
        reconnectsAtSubscribe = connection.getStatistics().getReconnects();
        subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.builder()
                .stream(nats.streamName()).configuration(consumer).build());
    }

    private String streamCreated() throws Exception {
        return String.valueOf(connection.jetStreamManagement().getStreamInfo(nats.streamName())
                .getCreateTime().toInstant().toEpochMilli());
    }

    private Optional<ConsumerInfo> consumer(JetStreamManagement management, String durable) throws Exception {
        try {
            return Optional.of(management.getConsumerInfo(nats.streamName(), durable));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String prefillDurable() {
        return nats.durable() + "-prefill";
    }

    private String mainDurable() {
        return nats.durable() + "-main";
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
     * Held messages cannot be acked on a closed connection: NATS redelivers them after the ack wait.
     */
    private void dropConnection() {
        Connection current = connection;
        connection = null;
        heldBack = List.of();
        // Whether NATS still has this bridge's lease is unknown: it is taken afresh, once it expired.
        lease.forget();
        active = false;
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
        if (!management.getStreamNames().contains(nats.streamName())) {
            management.addStream(StreamConfiguration.builder().name(nats.streamName())
                    .subjects(nats.mainSubject(), nats.prefillSubject()).build());
            log.info("Created stream {} for development", nats.streamName());
        }
    }

    /** The live NATS connection, for tests that drop it. */
    Connection connection() {
        return connection;
    }

    PrefillPhase phase() {
        return phase;
    }

    @Override
    public Health health() {
        Connection current = connection;
        PrefillPhase now = phase;
        // A lost connection is a failure like any other: shown at once, DOWN after down-after without progress.
        return health.status().withDetail("source", "nats " + nats.url() + " stream " + nats.streamName())
                .withDetail("connection", current == null ? "not connected" : current.getStatus().name())
                .withDetail("role", active ? "active" : "standby")
                .withDetail("instance", lease.holder())
                .withDetail("leaseBucket", nats.leaseBucketName())
                .withDetail("phase", now == null ? (active ? "starting" : "standby") : now.label())
                .withDetail("waitingFor", waitingFor)
                .withDetail("bridgedPrefill", bridgedPrefill.get())
                .withDetail("bridgedLive", bridgedLive.get())
                .withDetail("lag", pending.get())
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
            Connection current = connection;
            if (current != null) {
                // The acks of the last batch are on their way: let them reach NATS before closing.
                try {
                    current.flush(Duration.ofSeconds(2));
                } catch (TimeoutException | RuntimeException e) {
                    log.info("Could not flush the last acks ({}); NATS will redeliver those messages", e.toString());
                }
                // After the acks: the next holder starts behind them, at once rather than after the TTL.
                lease.release(current);
                current.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this bridge holds the lease and reads the subscription (for tests). */
    boolean active() {
        return active;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** The trace the publisher of the NATS message started, if it sent one in the message's headers. */
    private static String traceParentOf(Message message) {
        return message.hasHeaders() ? message.getHeaders().getFirst(ProvisioningHeaders.TRACE_PARENT) : null;
    }
}
