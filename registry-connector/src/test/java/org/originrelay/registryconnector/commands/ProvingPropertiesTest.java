package org.originrelay.registryconnector.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvingPropertiesTest {

    @Test
    void zeroThreadsMeansOnePerAvailableCore() {
        assertThat(new ProvingProperties(0, Duration.ofSeconds(1)).effectiveThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new ProvingProperties(3, Duration.ofSeconds(1)).effectiveThreads()).isEqualTo(3);
    }

    @Test
    void negativeThreadsAndANonPositivePollAreRefused() {
        assertThatThrownBy(() -> new ProvingProperties(-1, Duration.ofSeconds(1)))
                .hasMessageContaining("relay.registry.proving.threads");
        assertThatThrownBy(() -> new ProvingProperties(1, Duration.ZERO))
                .hasMessageContaining("relay.registry.proving.poll");
    }
}
