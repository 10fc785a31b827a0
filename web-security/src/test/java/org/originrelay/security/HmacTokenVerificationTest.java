package org.originrelay.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.originrelay.security.testapp.SecuredTestApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad token is a 401 problem+json, over real HTTP, with the HS256 verification local runs
 * and tests use and an audience configured.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"relay.security.jwt.hmac-secret=" + Tokens.SECRET,
                "spring.security.oauth2.resourceserver.jwt.audiences=origin-relay",
                "management.endpoints.web.exposure.include=health,metrics"})
class HmacTokenVerificationTest {

    @LocalServerPort
    int port;

    private static JWTClaimsSet.Builder alice() {
        return Tokens.valid("alice", "owner").audience("origin-relay");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                arguments("no sub", (Supplier<String>) () -> Tokens.hs256(alice().subject(null).build())),
                arguments("blank sub", (Supplier<String>) () -> Tokens.hs256(alice().subject(" ").build())),
                arguments("no exp", (Supplier<String>) () -> Tokens.hs256(alice().expirationTime(null).build())),
                arguments("expired", (Supplier<String>) () -> Tokens.hs256(alice()
                        .expirationTime(Tokens.in(Duration.ofMinutes(-5))).build())),
                arguments("not yet valid", (Supplier<String>) () -> Tokens.hs256(alice()
                        .notBeforeTime(Tokens.in(Duration.ofMinutes(5))).build())),
                arguments("alg none", (Supplier<String>) () -> Tokens.unsigned(alice().build())),
                arguments("HS512 with the right secret", (Supplier<String>) () -> Tokens.hmac(JWSAlgorithm.HS512,
                        Tokens.SECRET + Tokens.SECRET, alice().build())),
                arguments("RS256", (Supplier<String>) () -> Tokens.rs256(Tokens.newRsaKey("k1"), alice().build())),
                arguments("another secret", (Supplier<String>) () -> Tokens.hmac(JWSAlgorithm.HS256,
                        "another-secret-of-the-same-length-0123456", alice().build())),
                arguments("wrong audience", (Supplier<String>) () -> Tokens.hs256(alice().audience("elsewhere").build())),
                arguments("no audience", (Supplier<String>) () -> Tokens.hs256(alice().audience((String) null).build())),
                arguments("garbage", (Supplier<String>) () -> "not.a.token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void aBadTokenIsUnauthorizedAsAProblem(String kind, Supplier<String> token) {
        Http.Response response = Http.get(port, "/whoami", token.get());

        assertThat(response.status()).as(kind).isEqualTo(401);
        assertThat(response.wwwAuthenticate()).startsWith("Bearer");
        assertProblem(response, 401, "Unauthorized");
        assertThat(response.json().get("detail").asString()).startsWith("a valid bearer token is required");
    }

    @Test
    void aValidTokenNamesItsSubject() {
        Http.Response response = Http.get(port, "/whoami", Tokens.hs256(alice().build()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("alice");
    }

    @Test
    void noTokenIsUnauthorizedAsAProblem() {
        Http.Response response = Http.get(port, "/whoami", null);

        assertProblem(response, 401, "Unauthorized");
        assertThat(response.json().get("detail").asString()).isEqualTo("a valid bearer token is required");
        assertThat(response.json().get("instance").asString()).isEqualTo("/whoami");
    }

    @Test
    void aMissingRoleIsForbiddenAsAProblem() {
        Http.Response response = Http.get(port, "/owners-only",
                Tokens.hs256(Tokens.valid("ops", "operator").audience("origin-relay").build()));

        assertProblem(response, 403, "Forbidden");
        assertThat(response.json().get("detail").asString()).isEqualTo("your token's roles do not allow GET /owners-only");
    }

    @Test
    void actuatorBeyondHealthIsForOperators() {
        String owner = Tokens.hs256(alice().build());
        String operator = Tokens.hs256(Tokens.valid("ops", "operator").audience("origin-relay").build());

        assertThat(Http.get(port, "/actuator/health", null).status()).isEqualTo(200);
        assertProblem(Http.get(port, "/actuator/metrics", null), 401, "Unauthorized");
        assertProblem(Http.get(port, "/actuator/metrics", owner), 403, "Forbidden");
        assertThat(Http.get(port, "/actuator/metrics", operator).status()).isEqualTo(200);
        assertThat(Http.get(port, "/actuator", owner).status()).isEqualTo(403);
    }

    static void assertProblem(Http.Response response, int status, String title) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualToIgnoringCase("application/problem+json;charset=UTF-8");
        assertThat(response.json().get("type").asString()).isEqualTo("about:blank");
        assertThat(response.json().get("title").asString()).isEqualTo(title);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }
}
