package org.originrelay.messaging.consume;

import com.rabbitmq.client.Channel;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one consumer's handler for each delivery: in a transaction that also records the message id
 * (so duplicates are skipped), with a few quick in-process retries for transient failures, and acks
 * only after the transaction committed. A failure that outlives the quick retries leaves the queue
 * through the {@link FailureRouter} (acked only after that publish is confirmed), so the queue never
 * blocks behind it; if even that publish fails, the delivery is nacked back onto its queue.
 * <p>
 * Deliveries come in batches (what the broker has already sent, up to the batch size): the whole batch
 * is handled in one transaction, each message still deduplicated by its own id, and acked with one
 * multiple-ack after the commit, which saves a commit (a WAL flush) and an ack per message. If any
 * message of the batch fails, the batch's transaction is rolled back and every message of it is handled
 * again on its own, exactly as a single delivery, so a poison message still goes to the ladder alone and
 * the others commit without it.
 */
class ReliableMessageListener implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(ReliableMessageListener.class);

    private final String queue;
    private final MessageHandler handler;
    private final TransactionTemplate transactions;
    private final ProcessedMessages processed;
    private final Retry quickRetry;
    private final FailureRouter failures;
    private final ConsumerMetrics metrics;
    private final DeliveryTraces traces;

    ReliableMessageListener(String queue, MessageHandler handler, TransactionTemplate transactions,
            ProcessedMessages processed, Retry quickRetry, FailureRouter failures, ConsumerMetrics metrics,
            DeliveryTraces traces) {
        this.queue = queue;
        this.handler = handler;
        this.transactions = transactions;
        this.processed = processed;
        this.quickRetry = quickRetry;
        this.failures = failures;
        this.metrics = metrics;
        this.traces = traces;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        try (var logContext = LogContext.of(message)) {
            IOException[] failure = new IOException[1];
            observed(message, () -> {
                try {
                    handleDelivery(message, channel, null);
                } catch (IOException e) {
                    failure[0] = e;
                }
                return null;
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        if (messages.size() == 1) {
            handleAlone(messages.getFirst(), channel, null);
            return;
        }
        if (messages.isEmpty()) {
            return;
        }
        int[] failedAt = {-1};
        List<Boolean> firstTimes;
        try {
            firstTimes = transactions.execute(status -> {
                List<Boolean> handled = new ArrayList<>(messages.size());
                for (Message message : messages) {
                    try (var logContext = LogContext.of(message)) {
                        handled.add(observed(message, () -> processInTransaction(message)));
                    } catch (RuntimeException failure) {
                        failedAt[0] = handled.size();
                        throw failure;
                    }
                }
                return handled;
            });
        } catch (RuntimeException batchFailure) {
            splitAround(messages, failedAt[0], batchFailure, channel);
            return;
        }
        for (Boolean firstTime : firstTimes) {
            metrics.consumed(queue);
            if (Boolean.TRUE.equals(firstTime)) {
                metrics.succeeded(queue);
            } else {
                metrics.duplicate(queue);
            }
        }
        // One ack for all: every delivery of this channel up to the last one of the batch is committed.
        ackCommitted(messages.getLast(), channel, messages.getLast().getMessageProperties().getDeliveryTag(), true);
    }

    /**
     * The batch was rolled back: the messages before the failing one commit again as a batch, the failing
     * one goes on alone where its first attempt left off (quick retries, then the ladder), and the rest
     * follow as a batch; acks stay in delivery order. A failure no message can be blamed for (the commit
     * itself) sends every message down the single-delivery path.
     */
    private void splitAround(List<Message> messages, int failedAt, RuntimeException failure, Channel channel) {
        log.debug("Message {} of a batch of {} on {} failed ({}); the others are handled without it", failedAt + 1,
                messages.size(), queue, failure.toString());
        if (failedAt < 0) {
            messages.forEach(message -> handleAlone(message, channel, null));
            return;
        }
        if (failedAt > 0) {
            onMessageBatch(messages.subList(0, failedAt), channel);
        }
        handleAlone(messages.get(failedAt), channel, failure);
        if (failedAt + 1 < messages.size()) {
            onMessageBatch(messages.subList(failedAt + 1, messages.size()), channel);
        }
    }

    private void handleAlone(Message message, Channel channel, Exception failedInBatch) {
        try (var logContext = LogContext.of(message)) {
            observed(message, () -> {
                try {
                    handleDelivery(message, channel, failedInBatch);
                } catch (IOException e) {
                    // Nacking failed: the channel is gone, and the broker redelivers everything unacked on it.
                    log.warn("Could not return message {} to {}: {}", message.getMessageProperties().getMessageId(),
                            queue, e.toString());
                }
                return null;
            });
        }
    }

    /** One span per message, whether it is handled alone or in a batch (the containers trace nothing). */
    private <T> T observed(Message message, Supplier<T> work) {
        return traces.continued(message, queue, work);
    }

    /** @param failedInBatch how its attempt inside a batch failed, counted as its first attempt; or null */
    private void handleDelivery(Message message, Channel channel, Exception failedInBatch) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        metrics.consumed(queue);
        boolean firstTime;
        try {
            firstTime = failedInBatch == null ? quickRetry.executeCallable(() -> processOnce(message))
                    : retryAfter(failedInBatch, message);
        } catch (Exception failure) {
            routeFailure(message, channel, deliveryTag, failure);
            return;
        }
        if (firstTime) {
            metrics.succeeded(queue);
        } else {
            metrics.duplicate(queue);
        }
        ackCommitted(message, channel, deliveryTag, false);
    }

    /**
     * The handler's work is committed: an ack that fails now (channel or connection lost) is not a
     * processing failure. The broker redelivers the message and the processed-message record makes
     * that redelivery a duplicate, so nothing goes to the ladder.
     */
    private void ackCommitted(Message message, Channel channel, long deliveryTag, boolean multiple) {
        try {
            channel.basicAck(deliveryTag, multiple);
        } catch (IOException | RuntimeException ackFailure) {
            log.warn("Could not ack message {} on {} after its work was committed; the broker will redeliver it"
                    + " and the duplicate will be skipped: {}", message.getMessageProperties().getMessageId(), queue,
                    ackFailure.toString());
        }
    }

    /** The quick retries left to a message whose first attempt failed inside a batch. */
    private boolean retryAfter(Exception firstFailure, Message message) throws Exception {
        Retry.Context<Boolean> attempts = quickRetry.context();
        Exception failure = firstFailure;
        while (true) {
            // Waits before the next attempt; rethrows the failure when none is left or it is not transient.
            attempts.onError(failure);
            try {
                boolean firstTime = processOnce(message);
                attempts.onComplete();
                return firstTime;
            } catch (Exception next) {
                failure = next;
            }
        }
    }

    private boolean processOnce(Message message) {
        return Boolean.TRUE.equals(transactions.execute(status -> processInTransaction(message)));
    }

    /** Inside the caller's transaction: false when this consumer had already processed the message. */
    private boolean processInTransaction(Message message) {
        String messageId = message.getMessageProperties().getMessageId();
        if (messageId == null || messageId.isBlank()) {
            throw new PermanentFailure("message has no message_id, so it cannot be processed idempotently");
        }
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
