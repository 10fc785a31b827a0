package org.originrelay.security;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSecretUnitTest {

    private static final String COMMITTED = "committed-default-secret-0123456789abcdef";
    private static final RequiredSecret SECRET = new RequiredSecret("relay.test.secret", "RELAY_TEST_SECRET", 32,
            Set.of(COMMITTED));

    private static MockEnvironment withSecret(String value, String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        if (value != null) {
            environment.setProperty("relay.test.secret", value);
        }
        return environment;
    }

    @Test
    void outsideTheLocalProfileAnUnsetCommittedOrShortSecretIsRefusedByName() {
        assertThatThrownBy(() -> SECRET.check(withSecret(null))).isInstanceOf(UnsafeSecret.class)
                .hasMessageStartingWith("RELAY_TEST_SECRET is not set");
        assertThatThrownBy(() -> SECRET.check(withSecret("  "))).hasMessageStartingWith("RELAY_TEST_SECRET is not set");
        assertThatThrownBy(() -> SECRET.check(withSecret(COMMITTED)))
                .hasMessageStartingWith("RELAY_TEST_SECRET is the committed local-development default")
                .message().doesNotContain(COMMITTED);
        assertThatThrownBy(() -> SECRET.check(withSecret("31-bytes-of-secret-0123456789ab")))
                .hasMessage("RELAY_TEST_SECRET is too short; it must be at least 32 bytes")
                .message().doesNotContain("31-bytes");
        assertThatThrownBy(() -> SECRET.check(withSecret(COMMITTED, "production")))
                .isInstanceOf(UnsafeSecret.class);
    }

    @Test
    void aLongSecretOfOnesOwnIsAccepted() {
        assertThatCode(() -> SECRET.check(withSecret("32-bytes-of-secret-0123456789abc"))).doesNotThrowAnyException();
    }

    @Test
    void theLocalProfileAllowsTheCommittedDefaultsButStillNeedsASecret() {
        assertThatCode(() -> SECRET.check(withSecret(COMMITTED, "local"))).doesNotThrowAnyException();
        assertThatCode(() -> SECRET.check(withSecret("short", "local", "other"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> SECRET.check(withSecret(null, "local"))).isInstanceOf(UnsafeSecret.class);
    }

    @Test
    void theTokenSecretIsNotNeededWithAnIdentityProvider() {
        OAuth2ResourceServerProperties.Jwt provider = new OAuth2ResourceServerProperties.Jwt();
        provider.setIssuerUri("https://id.example/realms/relay");
        OAuth2ResourceServerProperties.Jwt none = new OAuth2ResourceServerProperties.Jwt();

        assertThatCode(() -> JwtVerification.checkSecrets(withSecret(null), provider)).doesNotThrowAnyException();
        assertThatThrownBy(() -> JwtVerification.checkSecrets(new MockEnvironment(), none))
                .hasMessageStartingWith("RELAY_JWT_HMAC_SECRET is not set")
                .hasMessageContaining("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        MockEnvironment committed = new MockEnvironment()
                .withProperty("relay.security.jwt.hmac-secret", "local-dev-jwt-secret-change-me-0123456789");
        assertThatThrownBy(() -> JwtVerification.checkSecrets(committed, none))
                .hasMessageStartingWith("RELAY_JWT_HMAC_SECRET is the committed local-development default");
    }
}
