package org.originrelay.validator.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator serves only operations endpoints: health for anyone, the rest (and details) for operators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=validator")
class ActuatorSecurityIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "validator");
    }

    @LocalServerPort
    int port;

    @Test
    void metricsAndHealthDetailsAreForOperators() throws Exception {
        String owner = TestTokens.bearer("alice", "owner");
        String operator = TestTokens.bearer("ops", "operator");

        HttpResponse<String> anonymous = get("/actuator/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(anonymous.body()).contains("\"title\":\"Unauthorized\"").contains("\"status\":401");
        assertThat(get("/actuator/metrics", owner).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", operator).statusCode()).isEqualTo(200);

        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"").doesNotContain("components");
        assertThat(get("/actuator/health", owner).body()).doesNotContain("components");
        assertThat(get("/actuator/health", operator).body()).contains("\"components\"").contains("\"rabbit\"");
    }

    @Test
    void anythingElseIsForOperatorsToo() throws Exception {
        assertThat(get("/anything", null).statusCode()).isEqualTo(401);
        assertThat(get("/anything", TestTokens.bearer("alice", "owner")).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
