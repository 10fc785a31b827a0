package org.originrelay.commandapi.subscriptions.messaging;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Optional;
import org.originrelay.commandapi.subscriptions.Subscription;
import org.originrelay.commandapi.subscriptions.SubscriptionBroker;
import org.originrelay.commandapi.subscriptions.SubscriptionMetrics;
import org.originrelay.commandapi.subscriptions.SubscriptionNames;
import org.originrelay.commandapi.subscriptions.Subscriptions;
import org.originrelay.messaging.rejection.RejectedMessageRouter;
import org.originrelay.messaging.rejection.RejectedMessageRouter.Outcome;
import org.originrelay.messaging.rejection.RejectedMessageRouter.Routed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes what subscribers rejected (the subscription queues' dead-letter exchange) and sends each
 * message to the delay of its next attempt or to the subscription's dead-letter queue, acking only after
 * the broker confirmed that move. While this is stopped, rejected messages wait in
 * {@code subscriptions.rejected}; a crash before the ack redelivers the message here (a duplicate at
 * worst, never a loss).
 */
public class SubscriptionRetryRouter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRetryRouter.class);

    private final SimpleMessageListenerContainer container;

    public SubscriptionRetryRouter(ConnectionFactory connectionFactory, SubscriptionNames names,
            Subscriptions subscriptions, SubscriptionBroker topology, RejectedMessageRouter router,
            SubscriptionMetrics metrics) {
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(names.rejectedQueue());
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setPrefetchCount(50);
        container.setBeanName("subscriptions.retry-router");
        container.setMessageListener(new Listener(names, subscriptions, topology, router, metrics));
        container.afterPropertiesSet();
    }

    private record Listener(SubscriptionNames names, Subscriptions subscriptions, SubscriptionBroker topology,
            RejectedMessageRouter router, SubscriptionMetrics metrics) implements ChannelAwareMessageListener {

        @Override
        public void onMessage(Message message, Channel channel) throws IOException {
            long tag = message.getMessageProperties().getDeliveryTag();
            String queue = message.getMessageProperties().getReceivedRoutingKey();
            String messageId = message.getMessageProperties().getMessageId();
            Optional<Subscription> subscription;
            try {
                subscription = names.subscriptionOf(queue).flatMap(subscriptions::find);
            } catch (RuntimeException e) {
                log.warn("Cannot look up the subscription of {} (message {}); it stays queued: {}", queue, messageId,
                        e.getMessage());
                channel.basicNack(tag, false, true);
                return;
            }
            if (subscription.isEmpty()) {
                // Its subscription was deleted meanwhile: there is no queue to return it to.
                log.warn("Dropping message {} rejected on {}: no such subscription any more", messageId, queue);
                channel.basicAck(tag, false);
                return;
            }
            String name = subscription.get().name();
            try {
                Routed routed = router.route(message, queue, subscription.get().spec().retry().ladder());
                channel.basicAck(tag, false);
                metrics.rejected(name);
                if (routed.outcome() == Outcome.RETRY_SCHEDULED) {
                    metrics.retried(name, routed.attempt());
                } else {
                    metrics.parked(name, routed.deathReason());
                    log.info("Parked message {} of subscription {} after attempt {} ({})", messageId, name,
                            routed.attempt(), routed.deathReason());
                }
            } catch (Exception e) {
                log.warn("Could not move rejected message {} of subscription {}; it stays queued: {}", messageId, name,
                        e.getMessage());
                redeclareQuietly(subscription.get());
                channel.basicNack(tag, false, true);
            }
        }

        /** The usual cause of an unroutable move is a delay queue or DLQ deleted by hand. */
        private void redeclareQuietly(Subscription subscription) {
            try {
                topology.declare(subscription.spec());
            } catch (RuntimeException e) {
                log.debug("Re-declaring subscription {} failed", subscription.name(), e);
            }
        }
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
