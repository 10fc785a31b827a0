package org.originrelay.validator.reservations.messaging;

import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.events.ContractViolation;
import org.originrelay.contracts.operations.DeadLetterDiscarded;
import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.validator.reservations.ReservationRelease;
import org.originrelay.validator.reservations.ReservationRelease.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A discarded {@code …Validated} event or registry outcome will never end its command's reservation, so
 * its discard does, under the same rule as an operator's release. Without the connector's answer the
 * notice fails transiently and comes back through the retry ladder.
 */
@Component
public class DiscardedDeadLetters implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(DiscardedDeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CONNECTOR_VALIDATED_QUEUE = "registry-connector.validated";

    private final ReservationRelease release;
    private final MessagingNames names;

    public DiscardedDeadLetters(ReservationRelease release, MessagingNames names) {
        this.release = release;
        this.names = names;
    }

    @Override
    public void handle(Message message) {
        DeadLetterDiscarded discarded;
        try {
            discarded = JSON.readValue(message.getBody(), DeadLetterDiscarded.class);
        } catch (JacksonException e) {
            throw new ContractViolation("dead-letter.discarded notice is not JSON", e);
        }
        String type = discarded.type() == null ? "" : discarded.type();
        boolean validated = type.endsWith("Validated");
        if (!validated && !type.endsWith("RegistryAccepted") && !type.endsWith("RegistryRejected")) {
            return;
        }
        Optional<UUID> commandId = discarded.commandId();
        if (commandId.isEmpty()) {
            log.warn("Discarded {} {} has no command id as correlation id; no reservation released", type,
                    discarded.messageId());
            return;
        }
        boolean neverDelivered = validated && MessagingNames.deadLetterQueue(names.queue(CONNECTOR_VALIDATED_QUEUE))
                .equals(discarded.queue());
        Outcome outcome = release.release(commandId.get(), discarded.discardedBy(),
                "dead letter " + discarded.messageId() + " (" + type + ") discarded from " + discarded.queue(),
                neverDelivered);
        switch (outcome) {
            case Outcome.NoAnswer noAnswer -> throw new IllegalStateException(
                    "registry-connector did not answer about command " + noAnswer.commandId());
            case Outcome.Refused refused -> log.warn("Discarded {} {}: reservation kept: {}", type,
                    discarded.messageId(), refused.reason());
            case Outcome.NotHeld notHeld -> log.debug("Discarded {} {}: command {} holds nothing", type,
                    discarded.messageId(), notHeld.commandId());
            case Outcome.Released released -> log.info("Discarded {} {}: released what command {} held", type,
                    discarded.messageId(), commandId.get());
        }
    }
}
