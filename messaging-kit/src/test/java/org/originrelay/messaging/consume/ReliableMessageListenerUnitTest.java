package org.originrelay.messaging.consume;

import com.rabbitmq.client.Channel;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
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
import static org.mockito.Mockito.never;
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
                new ConsumerMetrics(new SimpleMeterRegistry()));
        MessageProperties properties = new MessageProperties();
        properties.setMessageId("m-1");
        properties.setDeliveryTag(7);

        listener.onMessage(new Message("{}".getBytes(), properties), channel);

        assertThat(handled).hasValue(1);
        verify(channel).basicAck(7, false);
        verify(failures, never()).route(any(), anyString(), any());
        verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    }
}
