package org.originrelay.registryconnector.registry;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryPropertiesTest {

    @Test
    void theClaimLeaseOutlastsALookupWithAllItsAttemptsFollowedByASend() {
        RegistryProperties properties = withSecret("secret");

        Duration longestStep = Duration.ofSeconds(10).multipliedBy(3 + 1).plus(Duration.ofMillis(200).multipliedBy(3));
        assertThat(properties.claimLease()).isGreaterThan(longestStep);
    }

    @Test
    void aBlankKeySecretIsRefusedAtStartup() {
        assertThatThrownBy(() -> withSecret(" ")).hasMessageContaining("key-secret");
    }

    private static RegistryProperties withSecret(String secret) {
        return new RegistryProperties("127.0.0.1:9090", "test", secret, false, "", Duration.ofSeconds(10),
                new RegistryProperties.Dispatch(Duration.ofMillis(100), 100, 500, Duration.ofMillis(250),
                        Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMinutes(10), 3, Duration.ofMillis(200), 4, null));
    }

    @Test
    void theSettleWindowIsTwiceTheCallDeadlineUnlessSetAndMustOutlastTheDeadline() {
        assertThat(withSecret("secret").settleWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> new RegistryProperties("127.0.0.1:9090", "test", "secret", false, "",
                Duration.ofSeconds(10), new RegistryProperties.Dispatch(Duration.ofMillis(100), 100, 500,
                        Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMinutes(10), 3, Duration.ofMillis(200),
                        4, Duration.ofSeconds(10)))).hasMessageContaining("settle-window");
    }
}
