package org.originrelay.endtoend;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the public REST API and watches the public AMQP contract, with every service running:
 * issue a certificate, transfer its slice, read the new owner; and a command the validator rejects.
 */
class CertificateFlowEndToEndTest {

    private static RunningSystem system;

    @BeforeAll
    static void startEverything() {
        system = new RunningSystem();
    }

    @AfterAll
    static void stopEverything() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCertificateIsIssuedAndItsSliceTransferredThroughTheRegistry() {
        Http.Response issued = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", """
                {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""");
        assertThat(issued.status()).isEqualTo(202);
        String issueCommand = issued.body().get("commandId").asString();
        String certificateId = issued.body().get("certificateId").asString();
        String sliceId = issued.body().get("sliceId").asString();
        assertThat(issued.body().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(issued.location()).isEqualTo("/api/v1/commands/" + issueCommand);

        awaitStatus(issueCommand, "REGISTRY_ACCEPTED");

        Http.Response transfer = Http.post(system.commandApi() + "/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(certificateId, sliceId));
        assertThat(transfer.status()).isEqualTo(202);
        String transferCommand = transfer.body().get("commandId").asString();

        JsonNode finished = awaitStatus(transferCommand, "REGISTRY_ACCEPTED");
        assertThat(finished.get("command").asString()).isEqualTo("transfer-slice");
        assertThat(finished.get("history")).extracting(entry -> entry.get("status").asString())
                .containsExactly("REQUESTED", "VALIDATED", "REGISTRY_ACCEPTED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response certificate = Http.get(system.projection() + "/api/v1/certificates/" + certificateId);
            assertThat(certificate.status()).isEqualTo(200);
            JsonNode slice = certificate.body().get("slices").get(0);
            assertThat(slice.get("sliceId").asString()).isEqualTo(sliceId);
            assertThat(slice.get("owner").asString()).isEqualTo("bob");
            assertThat(slice.get("quantity").asLong()).isEqualTo(1000);
        });
        assertThat(Http.get(system.projection() + "/api/v1/owners/bob/slices").body())
                .extracting(entry -> entry.get("sliceId").asString()).contains(sliceId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(system.observer().routingKeysOf(issueCommand)).containsExactly(
                    "issue-certificate.requested", "issue-certificate.validated",
                    "issue-certificate.registry-accepted");
            assertThat(system.observer().routingKeysOf(transferCommand)).containsExactly(
                    "transfer-slice.requested", "transfer-slice.validated", "transfer-slice.registry-accepted");
        });
        var transferEvents = system.observer().eventsOf(transferCommand);
        assertThat(transferEvents).extracting(ObservedEvent::type).containsExactly(
                "TransferSliceRequested", "TransferSliceValidated", "TransferSliceRegistryAccepted");
        assertThat(transferEvents).extracting(ObservedEvent::schemaVersion).containsOnly(1);
        assertThat(transferEvents.get(0).causationId()).isEqualTo(transferCommand);
        assertThat(transferEvents.get(1).causationId()).isEqualTo(transferEvents.get(0).messageId());
        assertThat(transferEvents.get(2).causationId()).isEqualTo(transferEvents.get(1).messageId());
        assertThat(system.registry().totalReceived()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTransferOfAnUnknownSliceIsRejectedWithAReasonAndNeverReachesTheRegistry() {
        long receivedBefore = system.registry().totalReceived();

        Http.Response transfer = Http.post(system.commandApi() + "/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID()));
        assertThat(transfer.status()).isEqualTo(202);
        String command = transfer.body().get("commandId").asString();

        JsonNode rejected = awaitStatus(command, "REJECTED");

        assertThat(rejected.get("reason").asString()).isNotBlank();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                system.observer().routingKeysOf(command)).containsExactly(
                "transfer-slice.requested", "transfer-slice.rejected"));
        assertThat(system.registry().totalReceived()).isEqualTo(receivedBefore);
    }

    @Test
    void anInvalidRequestIsAProblemAndPublishesNothing() {
        long requestsBefore = issueRequestsSeen();

        Http.Response response = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate",
                "{\"type\":\"PRODUCTION\",\"quantity\":-5}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> issueRequestsSeen() == requestsBefore);
    }

    private static long issueRequestsSeen() {
        return system.observer().all().stream()
                .filter(event -> event.routingKey().equals("issue-certificate.requested")).count();
    }

    private static JsonNode awaitStatus(String commandId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Response response = Http.get(system.commandApi() + "/api/v1/commands/" + commandId);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
        return last[0];
    }
}
