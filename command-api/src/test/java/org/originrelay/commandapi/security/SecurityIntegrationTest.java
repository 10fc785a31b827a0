package org.originrelay.commandapi.security;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The access rules of command-api, over real HTTP with real signed tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class SecurityIntegrationTest {

    private static final String ISSUE = """
            {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
             "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""";
    private static final String TRANSFER = """
            {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(UUID.randomUUID(), UUID.randomUUID());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;

    private HttpApi as(String subject, String... roles) {
        return new HttpApi(port, TestTokens.bearer(subject, roles));
    }

    @Test
    void withoutATokenEverythingButHealthIsUnauthorizedAsAProblem() {
        HttpApi anonymous = new HttpApi(port, null);

        HttpApi.Response issue = anonymous.post("/api/v1/commands/issue-certificate", ISSUE);
        HttpApi.Response read = anonymous.get("/api/v1/commands/" + UUID.randomUUID());
        HttpApi.Response health = anonymous.get("/actuator/health");

        assertThat(issue.status()).isEqualTo(401);
        assertThat(issue.contentType()).startsWith("application/problem+json");
        assertThat(issue.body().get("detail").asString()).isEqualTo("a valid bearer token is required");
        assertThat(read.status()).isEqualTo(401);
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void aForgedOrExpiredTokenIsUnauthorized() {
        String forged = TestTokens.token("alice", "issuer");
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");

        HttpApi.Response response = new HttpApi(port, "Bearer " + forged)
                .post("/api/v1/commands/issue-certificate", ISSUE);
        HttpApi.Response garbage = new HttpApi(port, "Bearer not.a.token")
                .post("/api/v1/commands/issue-certificate", ISSUE);

        assertThat(response.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(401);
    }

    @Test
    void onlyIssuersIssueAndOnlyOwnersTransfer() {
        assertThat(as("alice", "owner").post("/api/v1/commands/issue-certificate", ISSUE).status()).isEqualTo(403);
        assertThat(as("registry-dk1", "issuer").post("/api/v1/commands/issue-certificate", ISSUE).status())
                .isEqualTo(202);
        HttpApi.Response forbidden = as("registry-dk1", "issuer").post("/api/v1/commands/transfer-slice", TRANSFER);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(as("alice", "owner").post("/api/v1/commands/transfer-slice", TRANSFER).status()).isEqualTo(202);
    }

    @Test
    void deadLettersAndActuatorBeyondHealthAreForOperators() {
        assertThat(as("alice", "owner").get("/api/v1/dead-letters").status()).isEqualTo(403);
        assertThat(as("ops", "operator").get("/api/v1/dead-letters").status()).isEqualTo(200);
        assertThat(new HttpApi(port, null).get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(as("alice", "owner").get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(as("ops", "operator").get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void idempotencyKeysBelongToTheirRequester() {
        HttpApi.Response alices = as("alice", "owner").post("/api/v1/commands/transfer-slice", TRANSFER,
                "Idempotency-Key", "shared-key");
        HttpApi.Response bobs = as("bob", "owner").post("/api/v1/commands/transfer-slice", TRANSFER,
                "Idempotency-Key", "shared-key");
        HttpApi.Response alicesAgain = as("alice", "owner").post("/api/v1/commands/transfer-slice", TRANSFER,
                "Idempotency-Key", "shared-key");

        assertThat(bobs.status()).isEqualTo(202);
        assertThat(bobs.body().get("commandId")).isNotEqualTo(alices.body().get("commandId"));
        assertThat(alicesAgain.body().get("commandId")).isEqualTo(alices.body().get("commandId"));
    }
}
