package org.originrelay.messaging.consume;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayList;
import java.util.List;
import org.originrelay.messaging.RelayMessagingProperties;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs one listener container per consumer definition, with manual acks, for the lifetime of the service. */
public class ReliableConsumers implements SmartLifecycle, ApplicationContextAware {

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    /** @param traces continues each delivery's trace (from its traceparent header) around its handling */
    public ReliableConsumers(List<ConsumerDefinition> definitions, ConnectionFactory connectionFactory,
            MessagingNames names, RelayMessagingProperties properties, TransactionTemplate transactions,
            ProcessedMessages processed, FailureRouter failures, FailureClassifier classifier,
            ConsumerMetrics metrics, DeliveryTraces traces) {
        for (ConsumerDefinition definition : definitions) {
            String queue = names.queue(definition.queue());
            var listener = new ReliableMessageListener(queue, definition.handler(), transactions, processed,
                    quickRetry(queue, properties.retry(), classifier), failures, metrics, traces);
            var container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queue);
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(properties.consumers().prefetch());
            container.setConcurrentConsumers(properties.consumers().concurrency());
            // What has already arrived is handled as one batch (one transaction, one ack); the short receive
            // timeout ends a batch as soon as no further delivery is waiting, so a lone message is not held.
            container.setConsumerBatchEnabled(properties.consumers().batchSize() > 1);
            container.setBatchSize(properties.consumers().batchSize());
            container.setReceiveTimeout(properties.consumers().receiveTimeout().toMillis());
            container.setMessageListener(listener);
            container.setBeanName(queue + ".listener");
            container.afterPropertiesSet();
            containers.add(container);
        }
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        for (SimpleMessageListenerContainer container : containers) {
            container.setApplicationContext(context);
        }
    }

    private static Retry quickRetry(String queue, RelayMessagingProperties.Retry settings,
            FailureClassifier classifier) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(settings.inProcessAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.inProcessBackoff(), 2.0, 0.5))
                .retryOnException(classifier::isTransient)
                .build();
        return Retry.of(queue, config);
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the outbox relay and the topology declarations, before anything that stops earlier. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
