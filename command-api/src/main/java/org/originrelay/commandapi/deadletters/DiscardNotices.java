package org.originrelay.commandapi.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.outbox.OutboxMessage;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells other services that an operator discarded a dead letter (so, e.g., a command waiting for it can
 * be closed): {@code dead-letter.discarded} on the durable topic exchange {@value #EXCHANGE}, through the
 * outbox, committed before the message is acked off its dead-letter queue. The notice's message id is
 * derived from the queue and the discarded message's id, so a discard retried after a crash announces
 * the same notice again, which consumers' deduplication absorbs.
 */
@Component
public class DiscardNotices {

    public static final String EXCHANGE = "relay.operations";
    public static final String ROUTING_KEY = "dead-letter.discarded";
    public static final String TYPE = "DeadLetterDiscarded";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Outbox outbox;
    private final MessagingNames names;
    private final TransactionTemplate transactions;

    DiscardNotices(Outbox outbox, MessagingNames names, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.names = names;
        this.transactions = transactions;
    }

    /** @param queue the dead-letter queue's broker name */
    void announce(String queue, DeadLetter letter, String operator, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", queue);
        body.put("messageId", letter.messageId());
        body.put("correlationId", letter.correlationId());
        body.put("type", letter.type());
        body.put("routingKey", letter.originalRoutingKey());
        body.put("discardedBy", operator);
        body.put("discardedAt", at.toString());
        String noticeId = letter.messageId() == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((ROUTING_KEY + ":" + queue + ":" + letter.messageId())
                        .getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(RelayHeaders.SCHEMA_VERSION, 1);
        if (letter.messageId() != null) {
            headers.put(RelayHeaders.CAUSATION_ID, letter.messageId());
        }
        OutboxMessage notice = new OutboxMessage(noticeId, names.exchange(EXCHANGE), ROUTING_KEY, TYPE,
                letter.correlationId(), headers, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        transactions.executeWithoutResult(status -> outbox.append(notice));
    }
}
