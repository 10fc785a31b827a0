package org.originrelay.registryconnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The registry simulator of a connector test context: it knows the issuers' keys derived from the test's key
 * secret, and the context is pointed at it with that secret and the registry's name.
 */
final class ConnectorTestRegistry {

    private ConnectorTestRegistry() {
    }

    static RegistrySimulator start(String registryName, String keySecret, Duration commitDelay,
            CommitmentScheme commitments) {
        try {
            return RegistrySimulator.builder()
                    .registryName(registryName)
                    .commitDelay(commitDelay)
                    .commitmentScheme(commitments)
                    .issuerKeys(RegistrySimulator.issuerKeysFrom(OwnerKeys.fromSecret(keySecret)))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's database, broker and NATS settings, and this registry. */
    static void register(DynamicPropertyRegistry properties, RegistrySimulator registry, String registryName,
            String keySecret) {
        TestInfrastructure.registerServiceProperties(properties, "registry_connector");
        properties.add("relay.registry.target", registry::target);
        properties.add("relay.registry.name", () -> registryName);
        properties.add("relay.registry.key-secret", () -> keySecret);
    }
}
