package org.originrelay.security;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * What every REST service shares: bearer tokens only (stateless, no sessions, no CSRF since no cookies),
 * the {@code sub} claim as the principal, {@code roles} as authorities, problem+json for 401/403.
 * Each service states its own access rules in its own security configuration, starting from
 * {@link #bearerTokenBasics(HttpSecurity)}.
 */
@AutoConfiguration
@EnableConfigurationProperties(RelaySecurityProperties.class)
public class RelaySecurityAutoConfiguration {

    /** Local runs and tests sign tokens with a shared secret; production uses the issuer's keys. */
    @Bean
    @ConditionalOnExpression("!'${relay.security.jwt.hmac-secret:}'.isBlank()")
    JwtDecoder hmacJwtDecoder(RelaySecurityProperties properties) {
        byte[] secret = properties.hmacSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("relay.security.jwt.hmac-secret must be at least 32 bytes for HS256");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtAuthenticationConverter rolesClaimConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(RelaySecurityAutoConfiguration::roles);
        return converter;
    }

    private static Collection<GrantedAuthority> roles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return roles == null ? List.of() : roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + Roles.role(role))).toList();
    }

    /** The common part of every service's filter chain; the service adds its authorization rules. */
    public static HttpSecurity bearerTokenBasics(HttpSecurity http) throws Exception {
        ProblemJsonSecurityErrors errors = new ProblemJsonSecurityErrors();
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    }
}
