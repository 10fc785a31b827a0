package org.originrelay.registryconnector.reconciliation;

import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keys and commitments reconciliation recomputes names with: the same the transactions were built with. */
@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

    @Bean
    CertificateKnowledge certificateKnowledge(RegistryProperties properties,
            @Value("${relay.registry.commitments:pedersen}") String commitments) {
        return new CertificateKnowledge(OwnerKeys.fromSecret(properties.keySecret()),
                CommitmentScheme.named(commitments).commitments(properties.keySecret()));
    }
}
