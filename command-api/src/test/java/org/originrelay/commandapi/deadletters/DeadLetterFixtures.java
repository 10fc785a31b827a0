package org.originrelay.commandapi.deadletters;

import java.util.UUID;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.consume.FailureRouter;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The parking lots of a small system around command-api, as the services declare them: the validator's
 * {@code validator.requests.dlq} (a kit consumer queue's DLQ) and the bridge's standalone
 * {@code provisioning-bridge.dlq}, registered the way those services do (descriptor beans), plus
 * command-api's own. Messages are parked by the kit's real {@link FailureRouter}.
 */
public final class DeadLetterFixtures {

    public static final String STATUS_QUEUE = "command-api.command-status";
    public static final String STATUS_DLQ = "command-api.command-status.dlq";
    public static final String VALIDATOR_QUEUE = "validator.requests";
    public static final String VALIDATOR_DLQ = "validator.requests.dlq";
    public static final String BRIDGE_DLQ = "provisioning-bridge.dlq";
    public static final String BRIDGE_EXCHANGE = "provisioning.events";
    /** Where a subscriber of the bridge's events receives them; replays from the bridge's DLQ land here. */
    public static final String BRIDGE_SUBSCRIBER = "test.provisioning-subscriber";
    /** Watches the discard notices on relay.operations. */
    public static final String NOTICE_TAP = "test.operations-tap";

    private DeadLetterFixtures() {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class OtherServicesParkingLots {

        @Bean
        Declarables otherServicesTopology(MessagingNames names) {
            Queue validator = QueueBuilder.durable(names.queue(VALIDATOR_QUEUE)).quorum().build();
            Queue validatorDlq = QueueBuilder.durable(names.queue(VALIDATOR_DLQ)).build();
            TopicExchange bridgeExchange = new TopicExchange(names.exchange(BRIDGE_EXCHANGE), true, false);
            Queue bridgeDlq = QueueBuilder.durable(names.queue(BRIDGE_DLQ)).build();
            Queue subscriber = QueueBuilder.durable(names.queue(BRIDGE_SUBSCRIBER)).build();
            TopicExchange operations = new TopicExchange(names.exchange(DiscardNotices.EXCHANGE), true, false);
            Queue tap = QueueBuilder.durable(names.queue(NOTICE_TAP)).build();
            return new Declarables(validator, validatorDlq, bridgeExchange, bridgeDlq, subscriber, tap,
                    BindingBuilder.bind(subscriber).to(bridgeExchange).with("#"),
                    BindingBuilder.bind(tap).to(operations).with(DiscardNotices.ROUTING_KEY));
        }

        @Bean
        DeadLetterQueueDescriptor validatorRequestsDlq(MessagingNames names) {
            return DeadLetterQueueDescriptor.ofConsumerQueue("validator", names.queue(VALIDATOR_QUEUE),
                    names.queue(VALIDATOR_DLQ));
        }

        /** As the bridge registers its parking lot: replays republish to its exchange. */
        @Bean
        DeadLetterQueueDescriptor bridgeParkingLot(MessagingNames names) {
            return DeadLetterQueueDescriptor.parkingLot("provisioning-bridge", names.queue(BRIDGE_DLQ),
                    names.exchange(BRIDGE_EXCHANGE));
        }
    }

    /** A TransferSliceRequested as the validator got it, parked by the kit with {@code failure}. */
    public static String parkRequest(FailureRouter router, MessagingNames names, UUID commandId, Throwable failure)
            throws Exception {
        var event = new TransferSliceRequested(commandId, UUID.randomUUID(), UUID.randomUUID(), "bob", null);
        return park(router, names, VALIDATOR_QUEUE, EventCatalog.EXCHANGE, "transfer-slice.requested",
                "TransferSliceRequested", commandId, EventJson.write(event), failure);
    }

    /** Parks a message as if the consumer of {@code logicalQueue} failed on it. */
    public static String park(FailureRouter router, MessagingNames names, String logicalQueue, String exchange,
            String routingKey, String type, UUID correlationId, byte[] body, Throwable failure) throws Exception {
        String messageId = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(body)
                .setMessageId(messageId).setType(type).setCorrelationId(correlationId.toString())
                .setContentType("application/json").setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(RelayHeaders.CAUSATION_ID, correlationId.toString())
                .setHeader(RelayHeaders.SCHEMA_VERSION, 1)
                .build();
        message.getMessageProperties().setReceivedExchange(names.exchange(exchange));
        message.getMessageProperties().setReceivedRoutingKey(routingKey);
        FailureRouter.Outcome outcome = router.route(message, names.queue(logicalQueue), failure);
        if (outcome != FailureRouter.Outcome.DEAD_LETTERED) {
            throw new IllegalStateException("expected a permanent failure, got " + outcome);
        }
        return messageId;
    }

    /** As the bridge parks an event it could not publish: original routing key recorded, no consumer queue. */
    public static String parkBridgeEvent(RabbitTemplate rabbit, MessagingNames names, String routingKey, String reason) {
        String messageId = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(("{\"user\":\"" + messageId + "\"}").getBytes())
                .setMessageId(messageId).setType("UserCreated").setContentType("application/json")
                .setCorrelationId(UUID.randomUUID().toString()).setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(RelayHeaders.ORIGINAL_EXCHANGE, names.exchange(BRIDGE_EXCHANGE))
                .setHeader(RelayHeaders.ORIGINAL_ROUTING_KEY, routingKey)
                .setHeader(RelayHeaders.EXCEPTION_MESSAGE, reason)
                .setHeader(RelayHeaders.FAILED_SERVICE, "provisioning-bridge")
                .build();
        rabbit.invoke(operations -> {
            operations.send("", names.queue(BRIDGE_DLQ), message);
            return null;
        });
        return messageId;
    }

    /** A business rule the validator found broken: permanent, a class of its own (its own failure group). */
    public static class SliceReserved extends PermanentFailure {
        public SliceReserved(String message) {
            super(message);
        }
    }

    public static PermanentFailure unknownCommand(UUID commandId) {
        return new PermanentFailure("command " + commandId + " is not known after 3 lookups");
    }
}
