package org.originrelay.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.originrelay.security.testapp.SecuredTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before any application code runs, by Spring Security's firewall or by Tomcat itself,
 * are answered with problem+json like everything else, not an HTML page or Boot's default error JSON.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relay.security.jwt.hmac-secret=" + Tokens.SECRET)
class RejectedBeforeTheApplicationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/whoami%00", "/a/%2e%2e/whoami", "/a/..%2Fwhoami", "/whoami%2F", "/a//whoami",
            "/a/%252e/whoami", "/whoami;jsessionid=1", "/a/%5C/whoami", "/whoami|x", "/who{ami}", "/whoami%",
            "/a/../../whoami"})
    void aRejectedRequestIsABadRequestProblem(String target) {
        Http.Response response = Http.raw(port, target);

        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(response.contentType()).as(target).isEqualToIgnoringCase("application/problem+json;charset=UTF-8");
        assertThat(response.json().get("type").asString()).isEqualTo("about:blank");
        assertThat(response.json().get("title").asString()).isEqualTo("Bad Request");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).startsWith("the request was rejected");
    }
}
