package org.originrelay.observability;

import org.originrelay.messaging.MessagingKitAutoConfiguration;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The kit's gauges, for the services that use the kit. */
@AutoConfiguration(after = MessagingKitAutoConfiguration.class)
@ConditionalOnClass(name = "org.originrelay.messaging.topology.MessagingNames")
@ConditionalOnBean(Outbox.class)
public class MessagingGaugesAutoConfiguration {

    @Bean
    MessagingGauges relayMessagingGauges(ObjectProvider<ConsumerDefinition> consumers, MessagingNames names,
            AmqpAdmin admin, JdbcClient jdbc) {
        return new MessagingGauges(consumers.orderedStream().toList(), names, admin, jdbc);
    }
}
