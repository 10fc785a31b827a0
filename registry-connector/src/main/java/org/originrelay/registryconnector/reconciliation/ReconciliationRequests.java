package org.originrelay.registryconnector.reconciliation;

import java.util.UUID;
import org.originrelay.contracts.events.ContractViolation;
import org.originrelay.contracts.reconciliation.ReconciliationRequested;
import org.originrelay.messaging.consume.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * An operator's {@code reconciliation.requested}: stored as a due reconciliation (so it is rate limited
 * with the rest and survives a restart); the answer follows on {@code reconciliation.completed}.
 */
@Component
public class ReconciliationRequests implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRequests.class);

    private final ReconciliationStore store;

    public ReconciliationRequests(ReconciliationStore store) {
        this.store = store;
    }

    @Override
    public void handle(Message message) {
        ReconciliationRequested request;
        try {
            request = Json.MAPPER.readValue(message.getBody(), ReconciliationRequested.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation("reconciliation.requested is not a valid ReconciliationRequested: "
                    + e.getMessage(), e);
        }
        UUID messageId = messageId(message);
        if (store.request(request.reconciliationId(), request.certificateId(), "operator", messageId)) {
            log.info("Reconciliation {} of certificate {} requested by {}", request.reconciliationId(),
                    request.certificateId(), request.requestedBy());
        }
    }

    private static UUID messageId(Message message) {
        try {
            String id = message.getMessageProperties().getMessageId();
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
