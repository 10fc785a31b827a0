package org.originrelay.commandapi.reconciliations.messaging;

import org.originrelay.commandapi.reconciliations.Reconciliations;
import org.originrelay.contracts.events.ContractViolation;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.messaging.consume.MessageHandler;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Records the registry-connector's {@code reconciliation.completed}. */
@Component
class ReconciliationAnswers implements MessageHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Reconciliations reconciliations;

    ReconciliationAnswers(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @Override
    public void handle(Message message) {
        ReconciliationCompleted answer;
        try {
            answer = JSON.readValue(message.getBody(), ReconciliationCompleted.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation("reconciliation.completed is not a valid ReconciliationCompleted: "
                    + e.getMessage(), e);
        }
        reconciliations.completed(answer);
    }
}
