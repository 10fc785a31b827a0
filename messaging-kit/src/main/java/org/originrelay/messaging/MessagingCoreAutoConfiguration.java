package org.originrelay.messaging;

import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterRegistration;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.parking.ParkingLot;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The kit's generic core, which needs nothing but RabbitMQ: confirmed publishing, broker names and
 * parking in a dead-letter queue. Every service gets it; the database-backed parts (outbox, consumers
 * with deduplication, certificate events) come on top from {@link MessagingKitAutoConfiguration} when
 * a database is there. A service without a database (the provisioning bridge) uses only this
 * (docs/adr/0004-messaging-kit-core-without-database.md).
 */
@AutoConfiguration(after = RabbitAutoConfiguration.class, before = MessagingKitAutoConfiguration.class)
@EnableConfigurationProperties(RelayMessagingProperties.class)
public class MessagingCoreAutoConfiguration {

    /** Confirms and returns are what make "published" mean "the broker has it"; not left to configuration. */
    @Bean
    static BeanPostProcessor relayPublisherConfirmsEnabler() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof CachingConnectionFactory factory) {
                    factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
                    factory.setPublisherReturns(true);
                }
                return bean;
            }
        };
    }

    @Bean
    MessagingNames messagingNames(RelayMessagingProperties properties, Environment environment) {
        String serviceName = properties.serviceName().isBlank()
                ? environment.getRequiredProperty("spring.application.name")
                : properties.serviceName();
        return new MessagingNames(properties.namespace(), serviceName);
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(ConnectionFactory connectionFactory, RelayMessagingProperties properties) {
        return new ConfirmedPublisher(connectionFactory, properties.outbox().confirmTimeout());
    }

    @Bean
    ParkingLot parkingLot(ConfirmedPublisher publisher, MessagingNames names) {
        return new ParkingLot(publisher, names);
    }

    /** Where every service lists its dead-letter queues for the operators (ADR 0005, the registry stream). */
    @Bean
    DeadLetterRegistry deadLetterRegistry(MessagingNames names, ConfirmedPublisher publisher) {
        return new DeadLetterRegistry(names, publisher);
    }

    /**
     * Standalone dead-letter queues (parking lots without a source queue, such as the provisioning
     * bridge's), which a service declares as {@link DeadLetterQueueDescriptor} beans.
     */
    @Bean
    DeadLetterRegistration relayStandaloneDeadLetterRegistration(DeadLetterRegistry registry,
            ObjectProvider<DeadLetterQueueDescriptor> standalone) {
        return new DeadLetterRegistration(registry, standalone.orderedStream().toList(),
                DeadLetterRegistration.RETRY_INTERVAL);
    }
}
