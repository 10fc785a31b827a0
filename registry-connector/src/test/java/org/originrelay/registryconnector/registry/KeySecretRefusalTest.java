package org.originrelay.registryconnector.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.originrelay.registryconnector.RegistryConnectorApplication;
import org.originrelay.testsupport.ServiceProcess;
import org.originrelay.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The connector started as in production, in its own JVM, without the local profile: every owner's key
 * derives from the registry key secret, so without a usable one it exits with one line naming it.
 */
class KeySecretRefusalTest {

    static Stream<Arguments> unusableSecrets() {
        return Stream.of(
                arguments(null, "RELAY_REGISTRY_KEY_SECRET is not set"),
                arguments("local-dev-secret-change-me", "RELAY_REGISTRY_KEY_SECRET is the committed local-development default"),
                arguments("sixteen-byte-key", "RELAY_REGISTRY_KEY_SECRET is too short"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unusableSecrets")
    void theConnectorRefusesToStart(String keySecret, String refusal) {
        Map<String, String> environment = new HashMap<>(Map.of("RELAY_JWT_HMAC_SECRET", TestTokens.SECRET));
        if (keySecret != null) {
            environment.put("RELAY_REGISTRY_KEY_SECRET", keySecret);
        }

        ServiceProcess.Exit exit = ServiceProcess.run(RegistryConnectorApplication.class.getName(), environment,
                Duration.ofMinutes(2), "--server.port=0");

        assertThat(exit.code()).as(exit.output()).isNotZero();
        assertThat(exit.linesStartingWith("RELAY_REGISTRY_KEY_SECRET ")).as(exit.output()).singleElement()
                .asString().startsWith(refusal);
        environment.values().forEach(secret -> assertThat(exit.output()).doesNotContain(secret));
    }
}
