package org.originrelay.endtoend;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.ProtoIds;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registry.simulator.TransactionStatus;
import org.originrelay.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the public REST API and watches the public AMQP contract, with every service running:
 * issue, transfer, slice and claim through the registry, and the commands the validator rejects.
 */
class CertificateFlowEndToEndTest {

    private static final String ISSUER = TestTokens.bearer("registry-dk1", "issuer");
    private static final String OPERATOR = TestTokens.bearer("ops", "operator");

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
    void everyEventOfACommandCarriesTheTraceOfTheRequestThatStartedIt() {
        String command = post("issue-certificate", ISSUER, """
                {"type":"PRODUCTION","gridArea":"DK2","start":"2026-11-02T00:00:00Z",
                 "end":"2026-11-02T01:00:00Z","quantity":500,"owner":"carol"}""");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(system.observer().routingKeysOf(command))
                .containsExactly("issue-certificate.requested", "issue-certificate.validated",
                        "issue-certificate.registry-accepted"));

        // command-api (REST, outbox) → validator (AMQP, outbox) → connector (AMQP, stored, registry, outbox)
        List<ObservedEvent> events = system.observer().eventsOf(command);
        assertThat(events).allSatisfy(event -> assertThat(event.traceParent())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        assertThat(events).extracting(ObservedEvent::traceId).containsOnly(events.get(0).traceId());
        assertThat(events).extracting(ObservedEvent::traceParent).doesNotHaveDuplicates();
    }

    @Test
    void aCertificateIsIssuedAndItsSliceTransferredThroughTheRegistry() {
        Http.Response issued = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", ISSUER, """
                {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""");
        assertThat(issued.status()).isEqualTo(202);
        String issueCommand = issued.body().get("commandId").asString();
        String certificateId = issued.body().get("certificateId").asString();
        String sliceId = issued.body().get("sliceId").asString();
        assertThat(issued.body().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(issued.location()).isEqualTo("/api/v1/commands/" + issueCommand);

        awaitStatus(issueCommand, "REGISTRY_ACCEPTED");

        String transferCommand = post("transfer-slice", owner("alice"), """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(certificateId, sliceId));

        JsonNode finished = awaitStatus(transferCommand, "REGISTRY_ACCEPTED");
        assertThat(finished.get("command").asString()).isEqualTo("transfer-slice");
        assertThat(finished.get("history")).extracting(entry -> entry.get("status").asString())
                .containsExactly("REQUESTED", "VALIDATED", "REGISTRY_ACCEPTED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response certificate = Http.get(system.projection() + "/api/v1/certificates/" + certificateId,
                    owner("bob"));
            assertThat(certificate.status()).isEqualTo(200);
            JsonNode slice = certificate.body().get("slices").get(0);
            assertThat(slice.get("sliceId").asString()).isEqualTo(sliceId);
            assertThat(slice.get("owner").asString()).isEqualTo("bob");
            assertThat(slice.get("quantity").asLong()).isEqualTo(1000);
        });
        assertThat(Http.get(system.projection() + "/api/v1/owners/bob/slices", owner("bob")).body())
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
        assertThat(transferEvents.get(0).body()).contains("\"requestedBy\":\"alice\"");
    }

    @Test
    void aTransferOfAnUnknownSliceIsRejectedWithAReasonAndNeverReachesTheRegistry() {
        long receivedBefore = system.registry().totalReceived();

        String command = post("transfer-slice", owner("alice"), """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID()));

        JsonNode rejected = awaitStatus(command, "REJECTED");

        assertThat(rejected.get("reason").asString()).contains("does not exist on certificate");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                system.observer().routingKeysOf(command)).containsExactly(
                "transfer-slice.requested", "transfer-slice.rejected"));
        assertThat(system.registry().totalReceived()).isEqualTo(receivedBefore);
    }

    @Test
    void nobodyButTheOwnerMovesASlice() {
        Issued certificate = issue("PRODUCTION", "carol", 500);

        String command = post("transfer-slice", owner("mallory"), """
                {"certificateId":"%s","sliceId":"%s","receiver":"mallory-too"}""".formatted(certificate.id(),
                certificate.sliceId()));

        assertThat(awaitStatus(command, "REJECTED").get("reason").asString())
                .isEqualTo("slice " + certificate.sliceId() + " is not owned by mallory");
    }

    @Test
    void aSliceIsCutAndOnePartClaimedAgainstConsumption() {
        Issued production = issue("PRODUCTION", "dana", 1000);
        Issued consumption = issue("CONSUMPTION", "dana", 600);

        Http.Response sliced = Http.post(system.commandApi() + "/api/v1/commands/slice-certificate", owner("dana"), """
                {"certificateId":"%s","sliceId":"%s","quantities":[600,400]}""".formatted(production.id(),
                production.sliceId()));
        assertThat(sliced.status()).isEqualTo(202);
        awaitStatus(sliced.body().get("commandId").asString(), "REGISTRY_ACCEPTED");
        String sixHundred = sliced.body().get("newSliceIds").get(0).asString();

        Http.Response claimed = Http.post(system.commandApi() + "/api/v1/commands/claim", owner("dana"), """
                {"productionCertificateId":"%s","productionSliceId":"%s",
                 "consumptionCertificateId":"%s","consumptionSliceId":"%s"}""".formatted(production.id(), sixHundred,
                consumption.id(), consumption.sliceId()));
        assertThat(claimed.status()).isEqualTo(202);
        String claimCommand = claimed.body().get("commandId").asString();
        awaitStatus(claimCommand, "REGISTRY_ACCEPTED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(system.observer().routingKeysOf(sliced.body().get("commandId").asString())).containsExactly(
                    "slice-certificate.requested", "slice-certificate.validated",
                    "slice-certificate.registry-accepted");
            assertThat(system.observer().routingKeysOf(claimCommand)).containsExactly(
                    "claim.requested", "claim.validated", "claim.registry-accepted");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode slices = Http.get(system.projection() + "/api/v1/certificates/" + production.id(), owner("dana"))
                    .body().get("slices");
            assertThat(slices).extracting(slice -> slice.get("quantity").asLong() + ":" + slice.get("state").asString())
                    .containsExactlyInAnyOrder("600:CLAIMED", "400:AVAILABLE");
            assertThat(Http.get(system.projection() + "/api/v1/owners/dana/slices", owner("dana")).body())
                    .extracting(slice -> slice.get("state").asString())
                    .containsExactlyInAnyOrder("CLAIMED", "AVAILABLE", "CLAIMED");
        });
    }

    @Test
    void theRegistryHoldsProjectOriginCommitmentsAndFailsForgedTransactionsWithAReason() throws Exception {
        Issued issued = issue("PRODUCTION", "erin", 1000);
        IssuedEvent recorded = IssuedEvent.parseFrom(committedOnRegistry(issued.id()).getFirst().getPayload());
        assertThat(recorded.getQuantityCommitment().getContent().size()).isEqualTo(32);
        assertThat(recorded.getQuantityCommitment().getRangeProof().size()).isEqualTo(608);
        assertThat(CommitmentScheme.PEDERSEN.verifier().verifyQuantity(recorded.getQuantityCommitment(), issued.id()))
                .isTrue();

        OwnerKeys keys = OwnerKeys.fromSecret(RunningSystem.KEY_SECRET);
        TransactionFactory factory = new TransactionFactory(RunningSystem.REGISTRY_NAME, keys,
                CommitmentScheme.PEDERSEN.commitments(RunningSystem.KEY_SECRET));
        Transaction honest = factory.issue(UUID.randomUUID(), UUID.randomUUID(), GranularCertificateType.PRODUCTION,
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), "DK1", 500, "erin");
        IssuedEvent event = IssuedEvent.parseFrom(honest.getPayload());
        byte[] proof = event.getQuantityCommitment().getRangeProof().toByteArray();
        proof[300] ^= 0x10;
        byte[] forgedPayload = event.toBuilder().setQuantityCommitment(event.getQuantityCommitment().toBuilder()
                .setRangeProof(ByteString.copyFrom(proof))).build().toByteArray();
        TransactionHeader header = honest.getHeader().toBuilder()
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(forgedPayload))).build();
        Transaction forgedRangeProof = Transaction.newBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(keys.signAsIssuer("DK1", header.toByteArray())))
                .setPayload(ByteString.copyFrom(forgedPayload))
                .build();
        Transaction wrongSignature = factory.transfer(UUID.fromString(issued.id()), UUID.fromString(issued.sliceId()),
                1000, "mallory", "mallory");

        String forgedId = system.registry().inject(forgedRangeProof);
        String wronglySignedId = system.registry().inject(wrongSignature);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(system.registry().statusOf(forgedId)).isEqualTo(
                    new TransactionStatus(TransactionState.FAILED, "Invalid range proof for Quantity commitment"));
            assertThat(system.registry().statusOf(wronglySignedId)).isEqualTo(
                    new TransactionStatus(TransactionState.FAILED, "Invalid signature for slice"));
        });
        assertThat(committedOnRegistry(issued.id())).hasSize(1);
    }

    @Test
    void ofAHundredConcurrentTransfersOfOneSliceExactlyOneReachesTheRegistry() throws Exception {
        Issued certificate = issue("PRODUCTION", "erin", 700);
        long receivedBefore = system.registry().totalReceived();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<String>> commands = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String receiver = "receiver-" + i;
            commands.add(clients.submit(() -> post("transfer-slice", owner("erin"), """
                    {"certificateId":"%s","sliceId":"%s","receiver":"%s"}""".formatted(certificate.id(),
                    certificate.sliceId(), receiver))));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> command : commands) {
            ids.add(command.get());
        }
        clients.shutdown();

        List<JsonNode> outcomes = new ArrayList<>();
        for (String id : ids) {
            outcomes.add(awaitFinal(id));
        }

        assertThat(outcomes).filteredOn(outcome -> outcome.get("status").asString().equals("REGISTRY_ACCEPTED"))
                .hasSize(1);
        // The other 99 lose the race for the reservation, or (if validated after the winner's registry answer)
        // find the slice no longer erin's: both keep them away from the registry.
        assertThat(outcomes).filteredOn(outcome -> outcome.get("status").asString().equals("REJECTED"))
                .hasSize(99)
                .extracting(outcome -> outcome.get("reason").asString())
                .allMatch(reason -> reason.equals("slice " + certificate.sliceId() + " is reserved by another command")
                        || reason.equals("slice " + certificate.sliceId() + " is not owned by erin"));
        assertThat(system.registry().totalReceived()).isEqualTo(receivedBefore + 1);
    }

    @Test
    void anInvalidRequestIsAProblemAndPublishesNothing() {
        long requestsBefore = issueRequestsSeen();

        Http.Response response = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", ISSUER,
                "{\"type\":\"PRODUCTION\",\"quantity\":-5}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> issueRequestsSeen() == requestsBefore);
    }

    /**
     * The validator's view and the read model, built independently from the same events through the same
     * domain rules, hold exactly the same slices: everything the other tests did before this one included.
     */
    @Test
    void theValidatorsViewAndTheReadModelAgree() {
        Issued certificate = issue("PRODUCTION", "frank", 300);
        String transfer = post("transfer-slice", owner("frank"), """
                {"certificateId":"%s","sliceId":"%s","receiver":"gina"}""".formatted(certificate.id(),
                certificate.sliceId()));
        awaitStatus(transfer, "REGISTRY_ACCEPTED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(system.slices("certificates_projection"))
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(system.slices("validator")));
    }

    private record Issued(String id, String sliceId) {
    }

    private static List<Transaction> committedOnRegistry(String certificateId) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(system.registry().target()).usePlaintext().build();
        try {
            return RegistryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getStreamTransactions(GetStreamTransactionsRequest.newBuilder()
                            .setStreamId(ProtoIds.uuid(UUID.fromString(certificateId))).build())
                    .getTransactionsList();
        } finally {
            channel.shutdownNow();
        }
    }

    private static Issued issue(String type, String owner, long quantity) {
        Http.Response issued = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", ISSUER, """
                {"type":"%s","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":%d,"owner":"%s"}""".formatted(type, quantity, owner));
        assertThat(issued.status()).isEqualTo(202);
        awaitStatus(issued.body().get("commandId").asString(), "REGISTRY_ACCEPTED");
        return new Issued(issued.body().get("certificateId").asString(), issued.body().get("sliceId").asString());
    }

    private static String post(String command, String authorization, String json) {
        Http.Response response = Http.post(system.commandApi() + "/api/v1/commands/" + command, authorization, json);
        assertThat(response.status()).isEqualTo(202);
        return response.body().get("commandId").asString();
    }

    private static String owner(String subject) {
        return TestTokens.bearer(subject, "owner");
    }

    private static long issueRequestsSeen() {
        return system.observer().all().stream()
                .filter(event -> event.routingKey().equals("issue-certificate.requested")).count();
    }

    private static JsonNode awaitFinal(String commandId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = Http.get(system.commandApi() + "/api/v1/commands/" + commandId, OPERATOR).body();
            return List.of("REJECTED", "REGISTRY_ACCEPTED", "REGISTRY_REJECTED").contains(last[0].get("status").asString());
        });
        return last[0];
    }

    private static JsonNode awaitStatus(String commandId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Response response = Http.get(system.commandApi() + "/api/v1/commands/" + commandId, OPERATOR);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
        return last[0];
    }
}
