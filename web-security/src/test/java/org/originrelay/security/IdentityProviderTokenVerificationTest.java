package org.originrelay.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.originrelay.security.testapp.SecuredTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * With an identity provider configured, its keys verify the tokens, also when an HMAC secret is set
 * too (it must not shadow them): tested against a JWK set this test serves itself.
 */
class IdentityProviderTokenVerificationTest {

    static final JwkSetServer PROVIDER = new JwkSetServer();

    @AfterAll
    static void stopTheProvider() {
        PROVIDER.close();
    }

    static JWTClaimsSet.Builder alice() {
        return Tokens.valid("alice", "owner").issuer(PROVIDER.issuer()).audience("origin-relay");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                arguments("wrong issuer", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(provider.signingKey(), alice().issuer("https://elsewhere.example").build())),
                arguments("no issuer", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(provider.signingKey(), alice().issuer(null).build())),
                arguments("wrong audience", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(provider.signingKey(), alice().audience("elsewhere").build())),
                arguments("no sub", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(provider.signingKey(), alice().subject(null).build())),
                arguments("no exp", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(provider.signingKey(), alice().expirationTime(null).build())),
                arguments("a key the provider does not publish", (Function<JwkSetServer, String>) provider ->
                        Tokens.rs256(Tokens.newRsaKey("test-key-1"), alice().build())),
                arguments("HS256 with the configured HMAC secret", (Function<JwkSetServer, String>) provider ->
                        Tokens.hmac(JWSAlgorithm.HS256, Tokens.SECRET, alice().build())),
                arguments("alg none", (Function<JwkSetServer, String>) provider -> Tokens.unsigned(alice().build())));
    }

    @Nested
    @SpringBootTest(classes = SecuredTestApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"relay.security.jwt.hmac-secret=" + Tokens.SECRET,
                    "spring.security.oauth2.resourceserver.jwt.audiences=origin-relay"})
    class ByIssuerDiscovery {

        @DynamicPropertySource
        static void provider(DynamicPropertyRegistry registry) {
            registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", PROVIDER::issuer);
        }

        @LocalServerPort
        int port;

        @Test
        void aTokenSignedByTheProviderIsAccepted() {
            Http.Response response = Http.get(port, "/whoami", Tokens.rs256(PROVIDER.signingKey(), alice().build()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("name").asString()).isEqualTo("alice");
            assertThat(PROVIDER.jwkSetRequests()).isPositive();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.originrelay.security.IdentityProviderTokenVerificationTest#rejectedTokens")
        void aBadTokenIsUnauthorizedAsAProblem(String kind, Function<JwkSetServer, String> token) {
            Http.Response response = Http.get(port, "/whoami", token.apply(PROVIDER));

            assertThat(response.status()).as(kind).isEqualTo(401);
            HmacTokenVerificationTest.assertProblem(response, 401, "Unauthorized");
        }
    }

    @Nested
    @SpringBootTest(classes = SecuredTestApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"relay.security.jwt.hmac-secret=" + Tokens.SECRET,
                    "spring.security.oauth2.resourceserver.jwt.audiences=origin-relay"})
    class ByJwkSetUriAndIssuer {

        @DynamicPropertySource
        static void provider(DynamicPropertyRegistry registry) {
            registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
            registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", PROVIDER::issuer);
        }

        @LocalServerPort
        int port;

        @Test
        void aTokenSignedByTheProviderIsAccepted() {
            Http.Response response = Http.get(port, "/whoami", Tokens.rs256(PROVIDER.signingKey(), alice().build()));

            assertThat(response.status()).isEqualTo(200);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.originrelay.security.IdentityProviderTokenVerificationTest#rejectedTokens")
        void aBadTokenIsUnauthorizedAsAProblem(String kind, Function<JwkSetServer, String> token) {
            Http.Response response = Http.get(port, "/whoami", token.apply(PROVIDER));

            assertThat(response.status()).as(kind).isEqualTo(401);
            HmacTokenVerificationTest.assertProblem(response, 401, "Unauthorized");
        }
    }
}
