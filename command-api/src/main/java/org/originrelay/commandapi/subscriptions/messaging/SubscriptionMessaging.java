package org.originrelay.commandapi.subscriptions.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.originrelay.commandapi.subscriptions.BrokerDeliveries;
import org.originrelay.commandapi.subscriptions.SubscriptionMetrics;
import org.originrelay.commandapi.subscriptions.SubscriptionStatistics;
import org.originrelay.commandapi.subscriptions.SubscriptionNames;
import org.originrelay.commandapi.subscriptions.Subscriptions;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.rejection.RejectedMessageRouter;
import org.originrelay.messaging.topology.MessagingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Configuration;

/** The subscriptions' broker topology and the retry router, in one place. */
@Configuration(proxyBeanMethods = false)
class SubscriptionMessaging {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMessaging.class);

    @Bean
    SubscriptionNames subscriptionNames(MessagingNames kitNames) {
        return new SubscriptionNames(kitNames.namespace());
    }

    @Bean
    SubscriptionTopology subscriptionTopology(AmqpAdmin admin, SubscriptionNames names,
            @Value("${command-api.subscriptions.delivery-limit:20}") int deliveryLimit,
            DeadLetterRegistry deadLetterRegistry, DeadLetterQueues deadLetterQueues) {
        return new SubscriptionTopology(admin, names, deliveryLimit, deadLetterRegistry, deadLetterQueues);
    }

    /** Declared by Spring's admin on every (re)connection, and removed by the tests' cleanup. */
    @Bean
    Declarables subscriptionInfrastructure(SubscriptionTopology topology) {
        return topology.sharedInfrastructure();
    }

    @Bean
    SubscriptionMetrics subscriptionMetrics(ObjectProvider<MeterRegistry> meters) {
        return new SubscriptionMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * @param brokerMetricsUrl the broker's Prometheus plugin listener (e.g. {@code http://rabbitmq:15692});
     *     empty: delivered and acked are unavailable (docs/subscriptions.md)
     */
    @Bean
    SubscriptionStatistics subscriptionStatistics(SubscriptionTopology topology, SubscriptionNames names,
            SubscriptionMetrics metrics, ObjectProvider<MeterRegistry> meters,
            @Value("${command-api.subscriptions.broker-metrics-url:}") String brokerMetricsUrl,
            @Value("${spring.rabbitmq.virtual-host:/}") String vhost) {
        Optional<BrokerDeliveries> deliveries = brokerMetricsUrl.isBlank() ? Optional.empty()
                : Optional.of(new BrokerPrometheusCounters(brokerMetricsUrl, vhost));
        return new SubscriptionStatistics(topology, names, metrics, deliveries,
                meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    SubscriptionRetryRouter subscriptionRetryRouter(ConnectionFactory connectionFactory, SubscriptionNames names,
            Subscriptions subscriptions, SubscriptionTopology topology, ConfirmedPublisher publisher,
            SubscriptionMetrics metrics) {
        return new SubscriptionRetryRouter(connectionFactory, names, subscriptions, topology,
                new RejectedMessageRouter(names.kit(), publisher), metrics);
    }

    /**
     * Re-declares every stored subscription whenever a connection to the broker opens: at start, and
     * after a broker restart or failover that lost them. Registered once every bean (Flyway included)
     * is ready; silent once the application is closing, when a connection opened to clean up must not
     * wait for a database that may already be gone.
     */
    @Bean
    SubscriptionRedeclaration subscriptionRedeclaration(ConnectionFactory connectionFactory,
            Subscriptions subscriptions, SubscriptionTopology topology, SubscriptionStatistics statistics) {
        return new SubscriptionRedeclaration(connectionFactory, () -> subscriptions.all().forEach(subscription -> {
            topology.declare(subscription.spec());
            statistics.track(subscription.name());
        }));
    }

    static final class SubscriptionRedeclaration implements SmartInitializingSingleton,
            ApplicationListener<ContextClosedEvent> {

        private final ConnectionFactory connectionFactory;
        private final Runnable redeclareAll;
        private volatile boolean closing;

        SubscriptionRedeclaration(ConnectionFactory connectionFactory, Runnable redeclareAll) {
            this.connectionFactory = connectionFactory;
            this.redeclareAll = redeclareAll;
        }

        @Override
        public void afterSingletonsInstantiated() {
            ConnectionListener redeclare = connection -> {
                if (closing) {
                    return;
                }
                try {
                    redeclareAll.run();
                } catch (RuntimeException e) {
                    log.warn("Could not re-declare the subscriptions; the next connection tries again: {}", e.getMessage());
                }
            };
            connectionFactory.addConnectionListener(redeclare);
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent closed) {
            closing = true;
        }
    }
}
