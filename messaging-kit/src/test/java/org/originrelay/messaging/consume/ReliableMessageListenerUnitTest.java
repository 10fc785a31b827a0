package org.originrelay.messaging.consume;

import com.rabbitmq.client.Channel;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ReliableMessageListenerUnitTest {

    @Test
    void anAckThatFailsAfterTheHandlerCommittedIsLeftToRedeliveryNotRoutedAsAFailure() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        TransactionTemplate transactions = mock(TransactionTemplate.class);
        when(transactions.execute(any())).thenAnswer(call ->
                call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        ProcessedMessages processed = mock(ProcessedMessages.class);
        when(processed.markProcessed(anyString(), anyString())).thenReturn(true);
        FailureRouter failures = mock(FailureRouter.class);
        Channel channel = mock(Channel.class);
        doThrow(new IOException("channel closed")).when(channel).basicAck(anyLong(), anyBoolean());
        ReliableMessageListener listener = new ReliableMessageListener("q", message -> handled.incrementAndGet(),
                transactions, processed, Retry.ofDefaults("test"), failures,
                new ConsumerMetrics(new SimpleMeterRegistry()), DeliveryTraces.NONE);
        MessageProperties properties = new MessageProperties();
        properties.setMessageId("m-1");
        properties.setDeliveryTag(7);

        listener.onMessage(new Message("{}".getBytes(), properties), channel);

        assertThat(handled).hasValue(1);
        verify(channel).basicAck(7, false);
        verify(failures, never()).route(any(), anyString(), any());
        verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    }

    @Test
    void aBatchIsHandledInOneTransactionAndAckedOnceUpToItsLastDelivery() throws Exception {
        List<String> handled = new ArrayList<>();
        TransactionTemplate transactions = passThroughTransactions();
        ProcessedMessages processed = mock(ProcessedMessages.class);
        when(processed.markProcessed(anyString(), anyString())).thenReturn(true);
        when(processed.markProcessed("q", "m-2")).thenReturn(false);
        FailureRouter failures = mock(FailureRouter.class);
        Channel channel = mock(Channel.class);
        ReliableMessageListener listener = new ReliableMessageListener("q",
                message -> handled.add(message.getMessageProperties().getMessageId()), transactions, processed,
                Retry.ofDefaults("test"), failures, new ConsumerMetrics(new SimpleMeterRegistry()),
                DeliveryTraces.NONE);

        listener.onMessageBatch(List.of(delivery("m-1", 1), delivery("m-2", 2), delivery("m-3", 3)), channel);

        assertThat(handled).as("m-2 was processed before: skipped").containsExactly("m-1", "m-3");
        verify(transactions, times(1)).execute(any());
        verify(channel).basicAck(3, true);
        verify(channel, times(1)).basicAck(anyLong(), anyBoolean());
        verify(failures, never()).route(any(), anyString(), any());
    }

    @Test
    void aPoisonMessageInABatchRollsTheBatchBackAndGoesToTheLadderAloneWhileTheOthersCommitOnTheirOwn()
            throws Exception {
        List<String> succeeded = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        TransactionTemplate transactions = passThroughTransactions();
        ProcessedMessages processed = mock(ProcessedMessages.class);
        when(processed.markProcessed(anyString(), anyString())).thenReturn(true);
        FailureRouter failures = mock(FailureRouter.class);
        when(failures.route(any(), anyString(), any())).thenReturn(FailureRouter.Outcome.DEAD_LETTERED);
        Channel channel = mock(Channel.class);
        ReliableMessageListener listener = new ReliableMessageListener("q", message -> {
            String id = message.getMessageProperties().getMessageId();
            attempts.add(id);
            if (id.equals("poison")) {
                throw new PermanentFailure("cannot be handled");
            }
            succeeded.add(id);
        }, transactions, processed, Retry.of("test", RetryConfig.custom().maxAttempts(1).build()), failures,
                new ConsumerMetrics(new SimpleMeterRegistry()), DeliveryTraces.NONE);

        listener.onMessageBatch(List.of(delivery("m-1", 1), delivery("poison", 2), delivery("m-3", 3)), channel);

        assertThat(attempts).as("the batch up to the poison; then the part before it, the poison's fate, the rest")
                .containsExactly("m-1", "poison", "m-1", "m-3");
        assertThat(succeeded).as("m-1 once in the rolled-back batch, once committed").containsExactly("m-1", "m-1", "m-3");
        verify(failures, times(1)).route(any(), eq("q"), any(PermanentFailure.class));
        var acks = inOrder(channel);
        acks.verify(channel).basicAck(1, false);
        acks.verify(channel).basicAck(2, false);
        acks.verify(channel).basicAck(3, false);
    }

    /** Runs each callback as a transaction would, rethrowing (the rollback) what the callback throws. */
    private static TransactionTemplate passThroughTransactions() {
        TransactionTemplate transactions = mock(TransactionTemplate.class);
        when(transactions.execute(any())).thenAnswer(call ->
                call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        return transactions;
    }

    private static Message delivery(String messageId, long deliveryTag) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setDeliveryTag(deliveryTag);
        return new Message("{}".getBytes(), properties);
    }
}
