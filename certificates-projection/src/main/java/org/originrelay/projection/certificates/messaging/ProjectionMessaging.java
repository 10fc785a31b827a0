package org.originrelay.projection.certificates.messaging;

import java.util.List;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.Stage;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.projection.certificates.CertificateProjector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projection's topology on the certificate events: one queue for everything the registry accepted, one
 * for the registry's state of a certificate read by reconciliation.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionMessaging {

    @Bean
    ConsumerDefinition registryAccepted(RegistryAcceptedListener listener) {
        return new ConsumerDefinition("certificates-projection.registry-accepted", EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(Stage.REGISTRY_ACCEPTED)), CertificateEventMessages.handledBy(listener));
    }

    @Bean
    ConsumerDefinition reconciledCertificates(CertificateProjector projector) {
        return new ConsumerDefinition("certificates-projection.reconciliations", EventCatalog.EXCHANGE,
                List.of(ReconciliationContract.CERTIFICATE_RECONCILED),
                CertificateEventMessages.reconciliationsHandledBy(projector::reconciled));
    }
}
