package org.originrelay.commandapi.reconciliations.messaging;

import java.util.List;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reconciliations' broker topology: the connector's answers arrive on one queue bound to
 * {@code relay.operations}; requests leave through the outbox.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationMessaging {

    static final String ANSWERS_QUEUE = "command-api.reconciliations";

    @Bean
    ConsumerDefinition reconciliationAnswersConsumer(ReconciliationAnswers answers) {
        return new ConsumerDefinition(ANSWERS_QUEUE, OperationsContract.EXCHANGE,
                List.of(ReconciliationContract.RECONCILIATION_COMPLETED), answers);
    }
}
