package org.originrelay.messaging.rejection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.RelayMessagingProperties;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.messaging.topology.RetryLadder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedMessageRouterUnitTest {

    private static final String QUEUE = "subscription.invitations";
    private static final RetryLadder LADDER = new RetryLadder(new RelayMessagingProperties.Retry(1, Duration.ZERO,
            Duration.ofSeconds(1), 5, Duration.ofMinutes(10), 2, 0));

    private record Sent(String exchange, String routingKey, Message message) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ConfirmedPublisher publisher = new ConfirmedPublisher(new CachingConnectionFactory(), Duration.ZERO) {
        @Override
        public void publish(String exchange, String routingKey, Message message) {
            sent.add(new Sent(exchange, routingKey, message));
        }
    };
    private final RejectedMessageRouter router = new RejectedMessageRouter(new MessagingNames("", "subscriptions"), publisher);

    @Test
    void eachRejectionWaitsLongerAndTheOneAfterMaxAttemptsIsParkedWithItsHistory() throws Exception {
        Message message = rejected(firstDelivery(), "rejected");

        assertThat(router.route(message, QUEUE, LADDER).outcome()).isEqualTo(RejectedMessageRouter.Outcome.RETRY_SCHEDULED);
        assertThat(router.route(rejected(message, "rejected"), QUEUE, LADDER).attempt()).isEqualTo(2);
        RejectedMessageRouter.Routed last = router.route(rejected(message, "rejected"), QUEUE, LADDER);

        assertThat(sent).extracting(Sent::exchange, Sent::routingKey).containsExactly(
                org.assertj.core.groups.Tuple.tuple("subscriptions.retry", "1000." + QUEUE),
                org.assertj.core.groups.Tuple.tuple("subscriptions.retry", "5000." + QUEUE),
                org.assertj.core.groups.Tuple.tuple("", QUEUE + ".dlq"));
        assertThat(last.outcome()).isEqualTo(RejectedMessageRouter.Outcome.PARKED);
        Map<String, Object> headers = sent.getLast().message().getMessageProperties().getHeaders();
        assertThat(headers).containsEntry(RelayHeaders.ATTEMPT, 2)
                .containsEntry(RelayHeaders.ORIGINAL_QUEUE, QUEUE)
                .containsEntry(RelayHeaders.ORIGINAL_EXCHANGE, "provisioning.events")
                .containsEntry(RelayHeaders.ORIGINAL_ROUTING_KEY, "udm.users.user.created");
        assertThat(headers.get(RelayHeaders.EXCEPTION_MESSAGE).toString()).startsWith("rejected by the subscriber 3 times");
        assertThat((List<?>) headers.get(RejectionHeaders.ATTEMPT_HISTORY)).hasSize(3);
    }

    @Test
    void aMessageTheBrokerGaveUpOnAfterItsDeliveryLimitIsParkedAtOnce() throws Exception {
        RejectedMessageRouter.Routed routed = router.route(rejected(firstDelivery(), "delivery_limit"), QUEUE, LADDER);

        assertThat(routed.outcome()).isEqualTo(RejectedMessageRouter.Outcome.PARKED);
        assertThat(sent.getLast().routingKey()).isEqualTo(QUEUE + ".dlq");
        assertThat(sent.getLast().message().getMessageProperties().getHeaders().get(RelayHeaders.EXCEPTION_MESSAGE)
                .toString()).contains("without an acknowledgement");
    }

    @Test
    void aReplayedMessageGetsTheWholeLadderAgain() throws Exception {
        Message message = rejected(firstDelivery(), "rejected");
        message.getMessageProperties().setHeader(RelayHeaders.ATTEMPT, null);
        message.getMessageProperties().getHeaders().remove(RelayHeaders.ATTEMPT);

        assertThat(router.route(message, QUEUE, LADDER).attempt()).isEqualTo(1);
    }

    private static Message firstDelivery() {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId("udm:1");
        return new Message("{}".getBytes(), properties);
    }

    /** What the broker adds when it dead-letters the message from the queue (most recent death first). */
    private static Message rejected(Message message, String reason) {
        message.getMessageProperties().setHeader(RejectionHeaders.X_DEATH, List.of(Map.of("queue", QUEUE,
                "reason", reason, "exchange", "provisioning.events", "routing-keys", List.of("udm.users.user.created"),
                "count", 1L)));
        return message;
    }
}
