package org.originrelay.registryconnector.messaging;

import java.util.List;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.Stage;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.registryconnector.reconciliation.ReconciliationRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connector's broker topology: one queue for every validated command, and one for operators'
 * reconciliation requests on {@code relay.operations}.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryConnectorMessaging {

    public static final String VALIDATED_QUEUE = "registry-connector.validated";
    public static final String RECONCILIATIONS_QUEUE = "registry-connector.reconciliations";

    @Bean
    ConsumerDefinition validatedCommandsConsumer(ValidatedCommandListener listener) {
        return new ConsumerDefinition(VALIDATED_QUEUE, EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(Stage.VALIDATED)), CertificateEventMessages.handledBy(listener));
    }

    @Bean
    ConsumerDefinition reconciliationRequestsConsumer(ReconciliationRequests requests) {
        return new ConsumerDefinition(RECONCILIATIONS_QUEUE, OperationsContract.EXCHANGE,
                List.of(ReconciliationContract.RECONCILIATION_REQUESTED), requests);
    }
}
