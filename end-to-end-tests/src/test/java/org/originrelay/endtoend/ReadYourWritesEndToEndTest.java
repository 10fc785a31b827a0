package org.originrelay.endtoend;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read your writes, as a new user tries it (#15): each transfer is posted the moment its certificate's
 * {@code issue-certificate.registry-accepted} is seen on AMQP, before the validator may have applied it to its
 * view. The validator holds the issued slice's id as a promise, so the transfer waits instead of being
 * rejected as "does not exist". 200 at once, all in flight together.
 */
class ReadYourWritesEndToEndTest {

    private static final int CERTIFICATES = 200;
    private static final String ISSUER = TestTokens.bearer("registry-dk1", "issuer");
    private static final String OPERATOR = TestTokens.bearer("ops", "operator");

    private static final Map<String, Issued> issuedByCommand = new ConcurrentHashMap<>();
    private static final Map<String, String> transferOfIssue = new ConcurrentHashMap<>();
    private static final Set<String> postFailures = ConcurrentHashMap.newKeySet();
    private static final ExecutorService issuers = Executors.newFixedThreadPool(8);
    private static final ExecutorService clients = Executors.newFixedThreadPool(16);
    private static RunningSystem system;

    private record Issued(String certificateId, String sliceId, String owner) {
    }

    @BeforeAll
    static void startEverything() {
        // A quick registry: what is tested is the validator's view racing the AMQP event, not registry latency.
        system = new RunningSystem(TestInfrastructure.newEnvironment(), "/", service -> Map.of(),
                ReadYourWritesEndToEndTest::transferOnceAccepted, Duration.ofMillis(20));
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        issuers.shutdownNow();
        clients.shutdownNow();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        if (system != null) {
            system.close();
        }
    }

    /** On the observer's thread: hand the transfer to a client thread at once, so observing never waits. */
    private static void transferOnceAccepted(ObservedEvent event) {
        if (!event.routingKey().equals("issue-certificate.registry-accepted")) {
            return;
        }
        clients.submit(() -> {
            // The receipt may still be on its way back to the thread that posted the issue.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> issuedByCommand.containsKey(event.correlationId()));
            Issued issued = issuedByCommand.get(event.correlationId());
            Http.Response transfer = Http.post(system.commandApi() + "/api/v1/commands/transfer-slice",
                    TestTokens.bearer(issued.owner(), "owner"), """
                            {"certificateId":"%s","sliceId":"%s","receiver":"ryw-receiver"}"""
                            .formatted(issued.certificateId(), issued.sliceId()));
            if (transfer.status() == 202) {
                transferOfIssue.put(event.correlationId(), transfer.body().get("commandId").asString());
            } else {
                postFailures.add(transfer.status() + " " + transfer.body());
            }
        });
    }

    @Test
    void everyTransferPostedTheMomentItsIssueIsAcceptedIsAccepted() {
        for (int i = 0; i < CERTIFICATES; i++) {
            String owner = "ryw-owner-" + i;
            issuers.submit(() -> {
                Http.Response issue = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", ISSUER, """
                        {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                         "end":"2026-11-01T01:00:00Z","quantity":100,"owner":"%s"}""".formatted(owner));
                if (issue.status() != 202) {
                    postFailures.add(issue.status() + " " + issue.body());
                    return;
                }
                issuedByCommand.put(issue.body().get("commandId").asString(), new Issued(
                        issue.body().get("certificateId").asString(), issue.body().get("sliceId").asString(), owner));
            });
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(postFailures).isEmpty();
            assertThat(transferOfIssue).hasSize(CERTIFICATES);
        });
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String transfer : transferOfIssue.values()) {
                outcomes.computeIfAbsent(transfer, ReadYourWritesEndToEndTest::finalStatusOrNull);
                if (outcomes.get(transfer) == null) {
                    outcomes.remove(transfer);
                }
            }
            assertThat(outcomes).hasSize(CERTIFICATES);
        });

        assertThat(outcomes.values()).as("every transfer's final status").containsOnly("REGISTRY_ACCEPTED");
    }

    private static String finalStatusOrNull(String commandId) {
        Http.Response response = Http.get(system.commandApi() + "/api/v1/commands/" + commandId, OPERATOR);
        if (response.status() != 200) {
            return null;
        }
        String status = response.body().get("status").asString();
        return Set.of("REJECTED", "REGISTRY_ACCEPTED", "REGISTRY_REJECTED").contains(status)
                ? status + (status.equals("REGISTRY_ACCEPTED") ? "" : ": " + response.body().path("reason").asString())
                : null;
    }
}
