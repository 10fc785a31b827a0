package org.originrelay.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/** A service started without a web server (as some tests do) still starts, with no filter chain to build. */
class WithoutWebServerTest {

    @Test
    void noFilterChainIsDeclaredWithoutAServletWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RelaySecurityAutoConfiguration.class))
                .withPropertyValues("relay.security.jwt.hmac-secret=" + Tokens.SECRET)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SecurityFilterChain.class);
                    assertThat(context).hasSingleBean(JwtDecoder.class);
                });
    }

    @Test
    void theSecretIsCheckedAlsoWithoutAWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RelaySecurityAutoConfiguration.class))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .isInstanceOf(UnsafeSecret.class).hasMessageStartingWith("RELAY_JWT_HMAC_SECRET is not set"));
    }
}
