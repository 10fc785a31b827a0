package org.originrelay.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.consume.ConsumerMetrics;
import org.originrelay.messaging.consume.FailureClassifier;
import org.originrelay.messaging.consume.FailureRouter;
import org.originrelay.messaging.consume.ProcessedMessages;
import org.originrelay.messaging.consume.DeliveryTraces;
import org.originrelay.messaging.consume.ReliableConsumers;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.deadletter.DeadLetterRegistration;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.outbox.OutboxRelay;
import org.originrelay.messaging.outbox.TraceParents;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.messaging.topology.RetryLadder;
import org.originrelay.messaging.topology.TopologyDeclarations;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a service gets from the kit by depending on it: confirmed publishing, the outbox and its
 * relay, the consumer topology with retry ladder and dead-letter queues, idempotent listeners.
 * A service only declares {@link ConsumerDefinition} beans and publishes through
 * {@link CertificateEventPublisher} (or {@link Outbox}).
 */
@AutoConfiguration(after = {RabbitAutoConfiguration.class, DataSourceAutoConfiguration.class,
        TransactionAutoConfiguration.class, MessagingCoreAutoConfiguration.class})
// The database-backed part of the kit; the generic core is MessagingCoreAutoConfiguration (ADR 0004).
@ConditionalOnClass(name = {"org.springframework.jdbc.core.simple.JdbcClient", "org.flywaydb.core.Flyway"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(RelayMessagingProperties.class)
public class MessagingKitAutoConfiguration {

    @Bean
    FlywayConfigurationCustomizer relayTablesMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                Stream.of(configuration.getLocations()),
                Stream.of(new Location("classpath:db/messaging-kit"))).toArray(Location[]::new));
    }

    @Bean
    RetryLadder retryLadder(RelayMessagingProperties properties) {
        return new RetryLadder(properties.retry());
    }

    /** The consumers' topology, plus the stream every service registers its dead-letter queues in. */
    @Bean
    Declarables relayTopology(MessagingNames names, RetryLadder ladder, RelayMessagingProperties properties,
            ObjectProvider<ConsumerDefinition> consumers, DeadLetterRegistry deadLetterRegistry) {
        Declarables topology = new TopologyDeclarations(names, ladder, properties.retry().deliveryLimit())
                .declare(consumers.orderedStream().toList(), List.of(EventCatalog.EXCHANGE));
        List<Declarable> declarables = new ArrayList<>(topology.getDeclarables());
        declarables.add(deadLetterRegistry.declaration());
        return new Declarables(declarables);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            ConfirmedPublisher publisher, RelayMessagingProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), publisher, properties.outbox(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, ObjectProvider<TraceParents> traceParents) {
        return new Outbox(jdbc, relay, traceParents.getIfAvailable(() -> TraceParents.NONE));
    }

    @Bean
    CertificateEventPublisher certificateEventPublisher(Outbox outbox, MessagingNames names) {
        return new CertificateEventPublisher(outbox, names);
    }

    @Bean
    DeadLetterQueues deadLetterQueues(ConnectionFactory connectionFactory, ConfirmedPublisher publisher,
            ObjectProvider<RabbitConnectionDetails> connectionDetails) {
        if (!(connectionFactory instanceof AbstractConnectionFactory factory)) {
            throw new IllegalStateException("dead-letter operations need Spring AMQP's connection factory");
        }
        // The same broker list as Boot's own connections (spring.rabbitmq.addresses, or host and port).
        List<com.rabbitmq.client.Address> brokers = connectionDetails.stream()
                .flatMap(details -> details.getAddresses().stream())
                .map(address -> new com.rabbitmq.client.Address(address.host(), address.port())).toList();
        return new DeadLetterQueues(factory.getRabbitConnectionFactory(), brokers, publisher);
    }

    /** Every DLQ of this service's consumers (standalone ones: {@link MessagingCoreAutoConfiguration}). */
    @Bean
    DeadLetterRegistration relayDeadLetterRegistration(DeadLetterRegistry registry, MessagingNames names,
            RetryLadder ladder, RelayMessagingProperties properties, ObjectProvider<ConsumerDefinition> consumers) {
        return new DeadLetterRegistration(registry,
                new TopologyDeclarations(names, ladder, properties.retry().deliveryLimit())
                        .deadLetterQueues(consumers.orderedStream().toList()),
                DeadLetterRegistration.RETRY_INTERVAL);
    }

    @Bean
    @ConditionalOnMissingBean
    FailureClassifier failureClassifier() {
        return new FailureClassifier();
    }

    @Bean
    ProcessedMessages processedMessages(JdbcClient jdbc) {
        return new ProcessedMessages(jdbc);
    }

    @Bean
    RetentionCleaner relayRetentionCleaner(OutboxRelay outboxRelay, ProcessedMessages processed,
            RelayMessagingProperties properties) {
        return new RetentionCleaner(outboxRelay, processed, properties.outbox().retention());
    }

    @Bean
    FailureRouter failureRouter(MessagingNames names, RetryLadder ladder, ConfirmedPublisher publisher,
            FailureClassifier classifier) {
        return new FailureRouter(names, ladder, publisher, classifier);
    }

    @Bean
    ReliableConsumers reliableConsumers(ObjectProvider<ConsumerDefinition> consumers,
            ConnectionFactory connectionFactory, MessagingNames names, RelayMessagingProperties properties,
            PlatformTransactionManager transactionManager, ProcessedMessages processed, FailureRouter failures,
            FailureClassifier classifier, ObjectProvider<MeterRegistry> meters, ObjectProvider<DeliveryTraces> traces) {
        List<ConsumerDefinition> definitions = new ArrayList<>(consumers.orderedStream().toList());
        return new ReliableConsumers(definitions, connectionFactory, names, properties,
                new TransactionTemplate(transactionManager),
                processed, failures, classifier, new ConsumerMetrics(meters.getIfAvailable(SimpleMeterRegistry::new)),
                traces.getIfAvailable(() -> DeliveryTraces.NONE));
    }
}
