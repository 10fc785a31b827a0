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
            {"certificateId":"%s","sliceId":"%s","receiver":"carol"}""".formatted(UUID.randomUUID(), UUID.randomUUID());

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
    void aTokenWithoutSubjectIsUnauthorizedAlsoWithAnIdempotencyKey() {
        String noSubject = "Bearer " + TestTokens.signed(TestTokens.claims(null, "owner").build());

        HttpApi.Response plain = new HttpApi(port, noSubject).post("/api/v1/commands/transfer-slice", TRANSFER);
        HttpApi.Response keyed = new HttpApi(port, noSubject).post("/api/v1/commands/transfer-slice", TRANSFER,
                "Idempotency-Key", "no-subject-key");

        assertThat(plain.status()).isEqualTo(401);
        assertThat(keyed.status()).isEqualTo(401);
        assertThat(keyed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorizedEvenForOperators() {
        String noExpiry = "Bearer " + TestTokens.signed(TestTokens.claims("ops", "operator").expirationTime(null).build());

        assertThat(new HttpApi(port, noExpiry).get("/api/v1/dead-letters").status()).isEqualTo(401);
    }

    @Test
    void aCommandIsSeenByItsRequesterAndOperatorsOnly() {
        String commandId = as("alice", "owner").post("/api/v1/commands/transfer-slice", TRANSFER)
                .body().get("commandId").asString();
        String unknownId = UUID.randomUUID().toString();

        HttpApi.Response byBob = as("bob", "owner").get("/api/v1/commands/" + commandId);
        HttpApi.Response unknownToBob = as("bob", "owner").get("/api/v1/commands/" + unknownId);

        assertThat(as("alice", "owner").get("/api/v1/commands/" + commandId).status()).isEqualTo(200);
        assertThat(as("ops", "operator").get("/api/v1/commands/" + commandId).status()).isEqualTo(200);
        assertThat(as("registry-dk1", "issuer").get("/api/v1/commands/" + commandId).status()).isEqualTo(404);
        assertThat(byBob.status()).isEqualTo(404);
        assertThat(byBob.contentType()).startsWith("application/problem+json");
        // Someone else's command and no command at all look the same: existence is not revealed.
        assertThat(byBob.body().get("detail").asString().replace(commandId, "<id>"))
                .isEqualTo(unknownToBob.body().get("detail").asString().replace(unknownId, "<id>"));
    }

    @Test
    void anIssuerIssuesOnlyInTheGridAreasOfItsToken() {
        HttpApi dk2Only = new HttpApi(port, "Bearer " + TestTokens.issuerToken("registry-dk2", java.util.List.of("DK2")));
        HttpApi noClaim = new HttpApi(port, "Bearer " + TestTokens.signed(TestTokens.claims("registry-x", "issuer").build()));
        HttpApi dk1 = new HttpApi(port, "Bearer " + TestTokens.issuerToken("registry-dk1", java.util.List.of("DK1")));

        HttpApi.Response elsewhere = dk2Only.post("/api/v1/commands/issue-certificate", ISSUE);

        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(elsewhere.body().get("detail").asString())
                .isEqualTo("your token's grid_areas claim does not include grid area DK1");
        assertThat(noClaim.post("/api/v1/commands/issue-certificate", ISSUE).status()).isEqualTo(403);
        assertThat(dk1.post("/api/v1/commands/issue-certificate", ISSUE).status()).isEqualTo(202);
    }

    @Test
    void actuatorHealthShowsDetailsToOperatorsOnly() {
        HttpApi.Response anonymous = new HttpApi(port, null).get("/actuator/health");
        HttpApi.Response owner = as("alice", "owner").get("/actuator/health");
        HttpApi.Response operator = as("ops", "operator").get("/actuator/health");

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().has("components")).isFalse();
        assertThat(owner.body().has("components")).isFalse();
        assertThat(operator.body().get("components").has("db")).isTrue();
        assertThat(new HttpApi(port, null).get("/actuator/health/db").status()).isEqualTo(401);
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
