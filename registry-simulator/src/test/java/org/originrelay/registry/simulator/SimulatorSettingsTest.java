package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;

class SimulatorSettingsTest {

    @Test
    void defaultsSuitALocalRun() {
        SimulatorSettings settings = SimulatorSettings.from(Map.of(), new String[0]);

        assertThat(settings).isEqualTo(new SimulatorSettings(9090, Duration.ofSeconds(1), "origin-relay-local",
                "local-dev-secret-change-me",
                CommitmentScheme.PEDERSEN));
        assertThat(settings.usesDevelopmentSecret()).isTrue();
    }

    @Test
    void environmentVariablesSetEverythingAndArgumentsOverrideThem() {
        Map<String, String> environment = Map.of(
                "REGISTRY_SIMULATOR_PORT", "9191",
                "REGISTRY_SIMULATOR_COMMIT_DELAY", "PT2S",
                "REGISTRY_NAME", "from-env",
                "REGISTRY_ISSUER_SECRET", "env-secret",
                "REGISTRY_SIMULATOR_COMMITMENTS", "pedersen");

        SimulatorSettings settings = SimulatorSettings.from(environment,
                new String[] {"--port=0", "--commit-delay=PT0.25S", "--commitments=hash"});

        assertThat(settings).isEqualTo(new SimulatorSettings(0, Duration.ofMillis(250), "from-env", "env-secret",
                CommitmentScheme.HASH));
        assertThat(settings.usesDevelopmentSecret()).isFalse();
    }

    @Test
    void malformedValuesAndUnknownArgumentsAreExplained() {
        assertThatThrownBy(() -> SimulatorSettings.from(Map.of("REGISTRY_SIMULATOR_PORT", "ninety"), new String[0]))
                .hasMessageContaining("port must be a number");
        assertThatThrownBy(() -> SimulatorSettings.from(Map.of(), new String[] {"--commit-delay=1s"}))
                .hasMessageContaining("ISO-8601 duration");
        assertThatThrownBy(() -> SimulatorSettings.from(Map.of(), new String[] {"--verbose"}))
                .hasMessageContaining("unknown argument '--verbose'");
        assertThatThrownBy(() -> SimulatorSettings.from(Map.of(), new String[] {"--commitments=none"}))
                .hasMessageContaining("unknown commitment scheme 'none'");
    }
}
