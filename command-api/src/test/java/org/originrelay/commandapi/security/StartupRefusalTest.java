package org.originrelay.commandapi.security;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.testsupport.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * command-api started as in production, in its own JVM, without the local profile: with no usable
 * token secret it exits at once with one line naming the variable, and never prints the secret.
 */
class StartupRefusalTest {

    private static final String COMMITTED_DEFAULT = "local-dev-jwt-secret-change-me-0123456789";

    static Stream<Arguments> unusableSecrets() {
        return Stream.of(
                arguments(Map.of(), "RELAY_JWT_HMAC_SECRET is not set"),
                arguments(Map.of("RELAY_JWT_HMAC_SECRET", COMMITTED_DEFAULT),
                        "RELAY_JWT_HMAC_SECRET is the committed local-development default"),
                arguments(Map.of("RELAY_JWT_HMAC_SECRET", "short-but-secret"), "RELAY_JWT_HMAC_SECRET is too short"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unusableSecrets")
    void theServiceRefusesToStart(Map<String, String> environment, String refusal) {
        ServiceProcess.Exit exit = ServiceProcess.run(CommandApiApplication.class.getName(), environment,
                Duration.ofMinutes(2), "--server.port=0");

        assertThat(exit.code()).as(exit.output()).isNotZero();
        assertThat(exit.linesStartingWith("RELAY_JWT_HMAC_SECRET ")).as(exit.output()).singleElement()
                .asString().startsWith(refusal);
        environment.values().forEach(secret -> assertThat(exit.output()).doesNotContain(secret));
        assertThat(exit.output()).doesNotContain("Exception in thread");
    }
}
