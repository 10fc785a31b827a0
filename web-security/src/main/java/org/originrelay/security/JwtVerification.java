package org.originrelay.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * How bearer tokens are verified, decided once: by an identity provider's keys when
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} or {@code issuer-uri} is configured (the HMAC
 * secret is then ignored, never silently preferred), otherwise by the HS256 secret
 * {@code relay.security.jwt.hmac-secret}. Either way a token must be signed with an expected algorithm
 * (never {@code none}), carry {@code sub} and {@code exp}, be within its {@code nbf}/{@code exp} window,
 * and match the configured issuer and audiences.
 */
final class JwtVerification {

    static final String HMAC_SECRET_PROPERTY = "relay.security.jwt.hmac-secret";
    static final String HMAC_SECRET_VARIABLE = "RELAY_JWT_HMAC_SECRET";
    /** HS256 keys must be at least as long as the hash (RFC 7518, 3.2). */
    static final int HMAC_MINIMUM_BYTES = 32;
    /** Every HMAC secret written down in this repository (configuration files, scripts/local-token). */
    static final Set<String> COMMITTED_HMAC_SECRETS = Set.of("local-dev-jwt-secret-change-me-0123456789");
    static final RequiredSecret HMAC_SECRET = new RequiredSecret(HMAC_SECRET_PROPERTY, HMAC_SECRET_VARIABLE,
            HMAC_MINIMUM_BYTES, COMMITTED_HMAC_SECRETS, "or configure an identity provider with "
            + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI or _JWK_SET_URI");
    /** Tolerated difference between our clock and the token issuer's. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(JwtVerification.class);

    private JwtVerification() {
    }

    static boolean usesIdentityProvider(OAuth2ResourceServerProperties.Jwt jwt) {
        return StringUtils.hasText(jwt.getJwkSetUri()) || StringUtils.hasText(jwt.getIssuerUri());
    }

    /** Refuses to start when tokens could be forged with a secret from the repository. */
    static void checkSecrets(Environment environment, OAuth2ResourceServerProperties.Jwt jwt) {
        if (!usesIdentityProvider(jwt)) {
            HMAC_SECRET.check(environment);
        }
    }

    static JwtDecoder decoder(Environment environment, OAuth2ResourceServerProperties.Jwt jwt) {
        checkSecrets(environment, jwt);
        NimbusJwtDecoder decoder;
        if (usesIdentityProvider(jwt)) {
            if (StringUtils.hasText(environment.getProperty(HMAC_SECRET_PROPERTY))) {
                log.warn("{} is ignored: tokens are verified with the identity provider's keys", HMAC_SECRET_VARIABLE);
            }
            decoder = identityProviderDecoder(jwt);
        } else {
            byte[] secret = environment.getProperty(HMAC_SECRET_PROPERTY, "").getBytes(StandardCharsets.UTF_8);
            if (secret.length < HMAC_MINIMUM_BYTES) {
                throw new UnsafeSecret(HMAC_SECRET_VARIABLE, "is too short; HS256 needs at least "
                        + HMAC_MINIMUM_BYTES + " bytes");
            }
            log.info("Bearer tokens are verified with the HS256 secret from {}", HMAC_SECRET_VARIABLE);
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(validator(jwt));
        return decoder;
    }

    private static NimbusJwtDecoder identityProviderDecoder(OAuth2ResourceServerProperties.Jwt jwt) {
        List<SignatureAlgorithm> algorithms = jwt.getJwsAlgorithms().stream().map(JwtVerification::algorithm).toList();
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            log.info("Bearer tokens are verified with the JWK set at {} ({})", jwt.getJwkSetUri(), algorithms);
            return NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                    .jwsAlgorithms(list -> list.addAll(algorithms)).build();
        }
        log.info("Bearer tokens are verified with the keys of issuer {} ({})", jwt.getIssuerUri(), algorithms);
        return NimbusJwtDecoder.withIssuerLocation(jwt.getIssuerUri())
                .jwsAlgorithms(list -> list.addAll(algorithms)).build();
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jws-algorithms: " + name
                    + " is not an asymmetric JWS algorithm (RS256, ES256, PS256, …)");
        }
        return algorithm;
    }

    static OAuth2TokenValidator<Jwt> validator(OAuth2ResourceServerProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        // The timestamp validator checks exp only when present; a token without one would never expire.
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        // The subject is who acts: requester of commands, owner whose data is read, operator audited.
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.SUB,
                subject -> subject instanceof String text && !text.isBlank()));
        if (StringUtils.hasText(jwt.getIssuerUri())) {
            validators.add(new JwtIssuerValidator(jwt.getIssuerUri()));
        }
        List<String> audiences = jwt.getAudiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    claimed -> claimed != null && claimed.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
