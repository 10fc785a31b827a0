package org.originrelay.validator.reservations.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks registry-connector, through the broker (request/reply with direct reply-to on
 * {@code relay.operations}), what of a command is still on its way to the registry.
 */
@Component
public class RegistryConnectorStatus {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate requests;
    private final MessagingNames names;

    public RegistryConnectorStatus(ConnectionFactory connectionFactory, MessagingNames names,
            @Value("${relay.validator.reservations.connector-answer-timeout:5s}") Duration answerTimeout) {
        this.requests = new RabbitTemplate(connectionFactory);
        this.requests.setReplyTimeout(answerTimeout.toMillis());
        this.names = names;
    }

    /** The connector's answer; empty when it did not answer in time (then nothing may be assumed). */
    public Optional<RegistryCommandStatus> of(UUID commandId) {
        Message query = MessageBuilder
                .withBody(JSON.writeValueAsString(new RegistryCommandStatus.Query(commandId)).getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setExpiration("30000")
                .build();
        try {
            Message answer = requests.sendAndReceive(names.exchange(OperationsContract.EXCHANGE),
                    OperationsContract.REGISTRY_COMMAND_STATUS, query);
            if (answer == null) {
                return Optional.empty();
            }
            RegistryCommandStatus status = JSON.readValue(answer.getBody(), RegistryCommandStatus.class);
            return commandId.equals(status.commandId()) ? Optional.of(status) : Optional.empty();
        } catch (AmqpException | JacksonException e) {
            return Optional.empty();
        }
    }
}
