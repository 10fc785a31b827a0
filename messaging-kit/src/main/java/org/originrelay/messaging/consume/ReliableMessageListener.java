package org.originrelay.messaging.consume;

import com.rabbitmq.client.Channel;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one consumer's handler for each delivery: in a transaction that also records the message id
 * (so duplicates are skipped), with a few quick in-process retries for transient failures, and acks
 * only after the transaction committed. A failure that outlives the quick retries leaves the queue
 * through the {@link FailureRouter} (acked only after that publish is confirmed), so the queue never
 * blocks behind it; if even that publish fails, the delivery is nacked back onto its queue.
 */
class ReliableMessageListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(ReliableMessageListener.class);

    private final String queue;
    private final MessageHandler handler;
    private final TransactionTemplate transactions;
    private final ProcessedMessages processed;
    private final Retry quickRetry;
    private final FailureRouter failures;
    private final ConsumerMetrics metrics;

    ReliableMessageListener(String queue, MessageHandler handler, TransactionTemplate transactions,
            ProcessedMessages processed, Retry quickRetry, FailureRouter failures, ConsumerMetrics metrics) {
        this.queue = queue;
        this.handler = handler;
        this.transactions = transactions;
        this.processed = processed;
        this.quickRetry = quickRetry;
        this.failures = failures;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        try (var logContext = LogContext.of(message)) {
            handleDelivery(message, channel);
        }
    }

    private void handleDelivery(Message message, Channel channel) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        metrics.consumed(queue);
        boolean firstTime;
        try {
            firstTime = quickRetry.executeCallable(() -> processOnce(message));
        } catch (Exception failure) {
            routeFailure(message, channel, deliveryTag, failure);
            return;
        }
        if (firstTime) {
            metrics.succeeded(queue);
        } else {
            metrics.duplicate(queue);
        }
        ackCommitted(message, channel, deliveryTag);
    }

    /**
     * The handler's work is committed: an ack that fails now (channel or connection lost) is not a
     * processing failure. The broker redelivers the message and the processed-message record makes
     * that redelivery a duplicate, so nothing goes to the ladder.
     */
    private void ackCommitted(Message message, Channel channel, long deliveryTag) {
        try {
            channel.basicAck(deliveryTag, false);
        } catch (IOException | RuntimeException ackFailure) {
            log.warn("Could not ack message {} on {} after its work was committed; the broker will redeliver it"
                    + " and the duplicate will be skipped: {}", message.getMessageProperties().getMessageId(), queue,
                    ackFailure.toString());
        }
    }

    private boolean processOnce(Message message) {
        String messageId = message.getMessageProperties().getMessageId();
        if (messageId == null || messageId.isBlank()) {
            throw new PermanentFailure("message has no message_id, so it cannot be processed idempotently");
        }
        Boolean firstTime = transactions.execute(status -> {
            if (!processed.markProcessed(queue, messageId)) {
                return false;
            }
            try {
                handler.handle(message);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerFailure(e);
            }
            return true;
        });
        return Boolean.TRUE.equals(firstTime);
    }

    private void routeFailure(Message message, Channel channel, long deliveryTag, Exception failure)
            throws IOException {
        Throwable cause = failure instanceof HandlerFailure ? failure.getCause() : failure;
        try {
            FailureRouter.Outcome outcome = failures.route(message, queue, cause);
            if (outcome == FailureRouter.Outcome.DEAD_LETTERED) {
                metrics.deadLettered(queue);
                log.warn("Dead-lettered message {} from {}: {}", message.getMessageProperties().getMessageId(),
                        queue, cause.toString());
            } else {
                metrics.retried(queue, FailureRouter.attemptsSoFar(message.getMessageProperties()));
                log.info("Scheduled retry of message {} from {}: {}", message.getMessageProperties().getMessageId(),
                        queue, cause.toString());
            }
            channel.basicAck(deliveryTag, false);
        } catch (PublishFailedException | RuntimeException publishFailure) {
            log.error("Could not move failed message {} off {}; returning it to the queue",
                    message.getMessageProperties().getMessageId(), queue, publishFailure);
            channel.basicNack(deliveryTag, false, true);
        }
    }

    /** Carries a checked exception out of the transaction callback. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }
}
