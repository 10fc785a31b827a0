package org.originrelay.registryconnector.operations.messaging;

import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registryconnector.operations.CommandStatusQueries;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connector's answers to operators' tools: queue {@value #QUEUE} on {@code relay.operations} for
 * {@link OperationsContract#REGISTRY_COMMAND_STATUS}. Not durable and with a short message TTL: a query
 * nobody answered in time is worthless, its asker has given up.
 */
@Configuration(proxyBeanMethods = false)
public class CommandStatusMessaging {

    public static final String QUEUE = "registry-connector.command-status";
    private static final int QUERY_TTL_MS = 30_000;

    @Bean
    Declarables commandStatusTopology(MessagingNames names) {
        TopicExchange operations = ExchangeBuilder.topicExchange(names.exchange(OperationsContract.EXCHANGE))
                .durable(true).build();
        Queue queue = QueueBuilder.nonDurable(names.queue(QUEUE)).ttl(QUERY_TTL_MS).build();
        return new Declarables(operations, queue,
                BindingBuilder.bind(queue).to(operations).with(OperationsContract.REGISTRY_COMMAND_STATUS));
    }

    @Bean
    SimpleMessageListenerContainer commandStatusListener(ConnectionFactory connectionFactory, MessagingNames names,
            CommandStatusQueries queries) {
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(names.queue(QUEUE));
        container.setMessageListener(new CommandStatusResponder(queries, new RabbitTemplate(connectionFactory)));
        return container;
    }
}
