package org.originrelay.commandapi.deadletters.messaging;

import java.time.Duration;
import org.originrelay.commandapi.deadletters.DiscardNotices;
import org.originrelay.messaging.deadletter.DeadLetterDirectory;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The broker side of dead-letter operations: the registry reader and the exchange discard notices go to. */
@Configuration(proxyBeanMethods = false)
class DeadLetterMessaging {

    @Bean
    DeadLetterDirectory deadLetterDirectory(ConnectionFactory connectionFactory, DeadLetterRegistry registry,
            @Value("${command-api.dead-letters.registry-read-timeout:20s}") Duration readTimeout) {
        return new DeadLetterDirectory(connectionFactory, registry, readTimeout);
    }

    /** Declared idempotently on every start: durable topic, as every exchange here. */
    @Bean
    Declarables operationsExchange(MessagingNames names) {
        Exchange operations = ExchangeBuilder.topicExchange(names.exchange(DiscardNotices.EXCHANGE)).durable(true).build();
        return new Declarables(operations);
    }
}
