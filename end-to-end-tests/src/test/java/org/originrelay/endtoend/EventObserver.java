package org.originrelay.endtoend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.originrelay.testsupport.RabbitServer;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * An outside subscriber, as another team would be: its own queue bound to the events exchange with
 * {@code #}, recording everything in arrival order.
 */
final class EventObserver implements AutoCloseable {

    private final List<ObservedEvent> events = new CopyOnWriteArrayList<>();
    private final CachingConnectionFactory connectionFactory;
    private final RabbitAdmin admin;
    private final SimpleMessageListenerContainer container;
    private final String queueName;

    EventObserver(RabbitServer rabbit, String exchange, String queueName) {
        this(rabbit, "/", exchange, queueName);
    }

    EventObserver(RabbitServer rabbit, String virtualHost, String exchange, String queueName) {
        this(rabbit, virtualHost, exchange, queueName, event -> { });
    }

    /** @param onEach told of each event the moment it arrives, on the listener's thread (keep it quick) */
    EventObserver(RabbitServer rabbit, String virtualHost, String exchange, String queueName,
            Consumer<ObservedEvent> onEach) {
        this.queueName = queueName;
        connectionFactory = new CachingConnectionFactory(rabbit.host(), rabbit.port());
        connectionFactory.setUsername(rabbit.username());
        connectionFactory.setPassword(rabbit.password());
        connectionFactory.setVirtualHost(virtualHost);
        admin = new RabbitAdmin(connectionFactory);
        TopicExchange topic = new TopicExchange(exchange, true, false);
        Queue queue = new Queue(queueName, false, true, false);
        admin.declareExchange(topic);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(topic).with("#"));
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queueName);
        container.setMessageListener(message -> {
            var properties = message.getMessageProperties();
            Object causation = properties.getHeaders().get("causation-id");
            ObservedEvent event = new ObservedEvent(properties.getReceivedRoutingKey(), properties.getType(),
                    properties.getMessageId(), properties.getCorrelationId(),
                    causation == null ? null : causation.toString(), properties.getHeaders().get("schema-version"),
                    new String(message.getBody(), StandardCharsets.UTF_8),
                    Objects.toString(properties.getHeaders().get("traceparent"), null));
            events.add(event);
            onEach.accept(event);
        });
        container.start();
    }

    /** The routing keys seen so far for one command, in arrival order. */
    List<String> routingKeysOf(String commandId) {
        return eventsOf(commandId).stream().map(ObservedEvent::routingKey).toList();
    }

    List<ObservedEvent> eventsOf(String commandId) {
        return events.stream().filter(event -> commandId.equals(event.correlationId())).toList();
    }

    List<ObservedEvent> all() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        container.stop();
        admin.deleteQueue(queueName);
        connectionFactory.destroy();
    }
}
