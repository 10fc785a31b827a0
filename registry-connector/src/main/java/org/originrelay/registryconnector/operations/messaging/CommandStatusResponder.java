package org.originrelay.registryconnector.operations.messaging;

import java.nio.charset.StandardCharsets;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.registryconnector.operations.CommandStatusQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers "what of this command is still on its way to the registry?" on the query's {@code reply_to}.
 * A read-only query, so it needs none of the kit's delivery guarantees: a lost question or answer is
 * asked again by the operator's tool, which refuses to act without an answer.
 */
class CommandStatusResponder implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(CommandStatusResponder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommandStatusQueries queries;
    private final RabbitTemplate replies;

    CommandStatusResponder(CommandStatusQueries queries, RabbitTemplate replies) {
        this.queries = queries;
        this.replies = replies;
    }

    @Override
    public void onMessage(Message query) {
        MessageProperties properties = query.getMessageProperties();
        if (properties.getReplyTo() == null) {
            log.warn("Ignoring a command status query without reply_to");
            return;
        }
        RegistryCommandStatus.Query question;
        try {
            question = JSON.readValue(query.getBody(), RegistryCommandStatus.Query.class);
        } catch (JacksonException e) {
            log.warn("Ignoring an unreadable command status query: {}", e.getOriginalMessage());
            return;
        }
        if (question.commandId() == null) {
            log.warn("Ignoring a command status query without commandId");
            return;
        }
        RegistryCommandStatus status = queries.statusOf(question.commandId());
        Message answer = MessageBuilder.withBody(JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setCorrelationId(properties.getCorrelationId())
                .build();
        replies.send("", properties.getReplyTo(), answer);
    }
}
