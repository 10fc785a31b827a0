package org.originrelay.validator.messaging;

import java.util.List;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.Stage;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.validator.certificates.CertificateView;
import org.originrelay.validator.reservations.messaging.DiscardedDeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validator's whole broker topology: three queues on the certificate events (requests, registry
 * outcomes, reconciliations), one on provisioning events, one on operators' notices.
 */
@Configuration(proxyBeanMethods = false)
class ValidatorMessaging {

    @Bean
    ConsumerDefinition requestedCommands(RequestedCommandListener listener) {
        return new ConsumerDefinition("validator.requests", EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(Stage.REQUESTED)), CertificateEventMessages.handledBy(listener));
    }

    /** Users provisioned from the identity system, bridged by provisioning-bridge. */
    @Bean
    ConsumerDefinition provisionedUsers(ProvisionedUserListener listener) {
        return new ConsumerDefinition("validator.known-owners", "provisioning.events", List.of("udm.users.user.*"),
                listener);
    }

    /** Operators' discards of dead letters that would have ended a reservation. */
    @Bean
    ConsumerDefinition discardedDeadLettersConsumer(DiscardedDeadLetters handler) {
        return new ConsumerDefinition("validator.operations", OperationsContract.EXCHANGE,
                List.of(OperationsContract.DEAD_LETTER_DISCARDED), handler);
    }

    @Bean
    ConsumerDefinition registryOutcomes(RegistryOutcomeListener listener) {
        return new ConsumerDefinition("validator.registry-outcomes", EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(Stage.REGISTRY_ACCEPTED),
                        EventCatalog.anyCommandAt(Stage.REGISTRY_REJECTED)),
                CertificateEventMessages.handledBy(listener));
    }

    /** The registry's state of a certificate, whenever reconciliation found it differs from what was announced. */
    @Bean
    ConsumerDefinition reconciledCertificates(CertificateView view) {
        return new ConsumerDefinition("validator.reconciliations", EventCatalog.EXCHANGE,
                List.of(ReconciliationContract.CERTIFICATE_RECONCILED),
                CertificateEventMessages.reconciliationsHandledBy(view::reconciled));
    }
}
