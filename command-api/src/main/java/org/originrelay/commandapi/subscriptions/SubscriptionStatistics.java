package org.originrelay.commandapi.subscriptions;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.originrelay.commandapi.subscriptions.SubscriptionBroker.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every figure of a subscription, each from where it can be had (docs/subscriptions.md, "Metrics and
 * health"): depth, consumers, parked and the oldest parked message from the broker over AMQP; rejected,
 * retried by attempt and parked from the retry router's counters; delivered and acked from the broker's
 * Prometheus plugin when one is configured ({@link BrokerDeliveries}), else unavailable. The same figures
 * are Micrometer meters tagged {@code subscription}, registered the first time a subscription is shown
 * and removed when it is deleted. Broker readings are reused for {@link #MAX_AGE}, so a scrape of all
 * the meters costs one reading per subscription, not one per meter.
 */
public class SubscriptionStatistics {

    /** The figures of one subscription now; {@code delivered}/{@code acked} null when unavailable. */
    public record Figures(Status status, Long delivered, Long acked, String deliveriesSource,
            Map<String, Object> routerCounts, Instant readAt) {

        /** Seconds since the oldest parked message was parked; null when none is. */
        public Long oldestParkedAgeSeconds() {
            return status.oldestParkedAt() == null ? null
                    : Math.max(0, Duration.between(status.oldestParkedAt(), readAt).toSeconds());
        }

        /** The counters as the REST view and health show them. */
        public Map<String, Object> counters() {
            Map<String, Object> counters = new LinkedHashMap<>();
            counters.put("delivered", delivered);
            counters.put("acked", acked);
            counters.putAll(routerCounts);
            counters.put("deliveriesSource", deliveriesSource);
            return counters;
        }
    }

    static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SubscriptionStatistics.class);
    private static final String TAG = "subscription";

    private record Reading<T>(T value, Instant at) {
    }

    private final SubscriptionBroker broker;
    private final SubscriptionNames names;
    private final SubscriptionMetrics routerCounts;
    private final Optional<BrokerDeliveries> deliveries;
    private final MeterRegistry registry;
    private final Clock clock;
    private final DeliveryTally tally = new DeliveryTally();
    private final Map<String, Reading<Status>> statuses = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private volatile Reading<String> lastDeliveries;

    public SubscriptionStatistics(SubscriptionBroker broker, SubscriptionNames names, SubscriptionMetrics routerCounts,
            Optional<BrokerDeliveries> deliveries, MeterRegistry registry, Clock clock) {
        this.broker = broker;
        this.names = names;
        this.routerCounts = routerCounts;
        this.deliveries = deliveries;
        this.registry = registry;
        this.clock = clock;
    }

    /** Fresh figures (a broker reading at most {@link #MAX_AGE} old). */
    public Figures figures(String name) {
        Instant now = clock.instant();
        Status status = statusOf(name, now);
        String source = readDeliveries(now);
        DeliveryTally.Counts counts = tally.totals(names.queue(name));
        boolean known = source != null && source.startsWith("broker");
        return new Figures(status, known ? counts.delivered() : null, known ? counts.acked() : null,
                source, routerCounts.counts(name), now);
    }

    /** Registers the subscription's meters (once). */
    public void track(String name) {
        meters.computeIfAbsent(name, this::register);
    }

    /** A deleted subscription: its meters go, and a new one of the same name starts from zero. */
    public void forget(String name) {
        List<Meter> registered = meters.remove(name);
        if (registered != null) {
            registered.forEach(registry::remove);
        }
        statuses.remove(name);
        tally.forget(names.queue(name));
    }

    private List<Meter> register(String name) {
        List<Meter> registered = new java.util.ArrayList<>();
        registered.add(Gauge.builder("relay.subscription.messages", this, any -> statusOrNaN(name, Status::messages))
                .tag(TAG, name).description("messages ready in the subscription's queue").register(registry));
        registered.add(Gauge.builder("relay.subscription.consumers", this, any -> statusOrNaN(name, Status::consumers))
                .tag(TAG, name).description("consumers on the subscription's queue").register(registry));
        registered.add(Gauge.builder("relay.subscription.dead_letters", this, any -> statusOrNaN(name, Status::parked))
                .tag(TAG, name).description("messages in the subscription's dead-letter queue").register(registry));
        registered.add(TimeGauge.builder("relay.subscription.oldest_parked_age", this, TimeUnit.SECONDS,
                        any -> oldestParkedAgeOrNaN(name))
                .tag(TAG, name).description("how long the oldest parked message has been parked").register(registry));
        if (deliveries.isPresent()) {
            registered.add(FunctionCounter.builder("relay.subscription.delivered", this,
                            any -> deliveryOrNaN(name, DeliveryTally.Counts::delivered))
                    .tag(TAG, name).description("messages the broker delivered to the subscriber").register(registry));
            registered.add(FunctionCounter.builder("relay.subscription.acked", this,
                            any -> deliveryOrNaN(name, DeliveryTally.Counts::acked))
                    .tag(TAG, name).description("messages the subscriber acknowledged").register(registry));
        }
        return registered;
    }

    private Status statusOf(String name, Instant now) {
        Reading<Status> cached = statuses.get(name);
        if (cached != null && cached.at().plus(MAX_AGE).isAfter(now)) {
            return cached.value();
        }
        Status status = broker.status(name);
        statuses.put(name, new Reading<>(status, now));
        return status;
    }

    /** @return where the counts come from, or why they are unavailable */
    private synchronized String readDeliveries(Instant now) {
        if (deliveries.isEmpty()) {
            return "unavailable: no broker metrics endpoint configured (command-api.subscriptions.broker-metrics-url)";
        }
        Reading<String> cached = lastDeliveries;
        if (cached != null && cached.at().plus(MAX_AGE).isAfter(now)) {
            return cached.value();
        }
        String source;
        try {
            tally.record(deliveries.get().read());
            source = "broker " + deliveries.get().source();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not read the broker's delivery counters", e);
            source = "unavailable: " + deliveries.get().source() + " did not answer (" + e.getMessage() + ")";
        }
        lastDeliveries = new Reading<>(source, now);
        return source;
    }

    private double statusOrNaN(String name, java.util.function.ToDoubleFunction<Status> figure) {
        try {
            return figure.applyAsDouble(statusOf(name, clock.instant()));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double oldestParkedAgeOrNaN(String name) {
        try {
            Instant now = clock.instant();
            Instant oldest = statusOf(name, now).oldestParkedAt();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double deliveryOrNaN(String name, java.util.function.ToLongFunction<DeliveryTally.Counts> figure) {
        String source = readDeliveries(clock.instant());
        return source.startsWith("broker") ? figure.applyAsLong(tally.totals(names.queue(name))) : Double.NaN;
    }
}
