package org.originrelay.endtoend;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry is the truth: a change made on the registry by someone else is found by an operator's
 * reconciliation and announced; a claim the registry applied only part-way is told as it is and resumed.
 * One running system for all scenarios (docs/reconciliation.md).
 */
class ReconciliationEndToEndTest {

    private static final String ISSUER = TestTokens.bearer("registry-dk1", "issuer");
    private static final String OPERATOR = TestTokens.bearer("ops", "operator");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
    void aTransferMadeElsewhereIsRepairedOnRequestAndAnUnchangedCertificateIsInAgreement() {
        Issued issued = issue("PRODUCTION", "ruth", 800);
        ByteString foreignKey = OwnerKeys.fromSecret("another-wallet").ownerPublicKey("someone").getContent();
        Transaction foreign = foreignTransfer(issued, 800, "ruth", foreignKey);
        system.registry().inject(foreign);
        await().atMost(PATIENCE).until(() -> system.registry().statusOf(TransactionIds.of(foreign)).state()
                == TransactionState.COMMITTED);

        JsonNode repaired = reconcile(issued.id(), "REPAIRED");

        String external = "external:" + Base64.getUrlEncoder().withoutPadding().encodeToString(foreignKey.toByteArray());
        assertThat(repaired.get("differences")).extracting(JsonNode::asString)
                .containsExactly("slice " + issued.sliceId() + " is owned by " + external + " on the registry, not by ruth");
        String reconciliationId = repaired.get("reconciliationId").asString();
        ObservedEvent event = await().atMost(PATIENCE).until(() -> system.observer().eventsOf(reconciliationId)
                .stream().filter(e -> e.routingKey().equals("certificate.reconciled")).findFirst().orElse(null),
                found -> found != null);
        assertThat(event.type()).isEqualTo("CertificateReconciled");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.causationId()).isNotBlank();
        JsonNode body = JSON.readTree(event.body());
        assertThat(body.get("certificateId").asString()).isEqualTo(issued.id());
        assertThat(body.get("trigger").asString()).isEqualTo("operator");
        JsonNode slice = body.get("slices").get(0);
        assertThat(slice.get("sliceId").asString()).isEqualTo(issued.sliceId());
        assertThat(slice.get("owner").asString()).isEqualTo(external);
        assertThat(slice.get("quantity").asLong()).isEqualTo(800);
        assertThat(slice.get("state").asString()).isEqualTo("AVAILABLE");

        Issued unchanged = issue("PRODUCTION", "ruth", 300);
        JsonNode inAgreement = reconcile(unchanged.id(), "IN_AGREEMENT");

        assertThat(inAgreement.get("differences")).isEmpty();
        assertThat(system.observer().all()).filteredOn(e -> e.routingKey().equals("certificate.reconciled"))
                .noneMatch(e -> e.body().contains(unchanged.id()));
    }

    /**
     * The connector's part (the reason, the reconciliation, the resumed claim) is proven by the connector's
     * integration tests; the ALLOCATED views and the rejected transfer come from validator and projection.
     */
    @Test
    void aClaimStoppedAfterItsAllocationsShowsBothSlicesAllocatedAndIsResumedWithOnlyTheMissingClaims() {
        Issued production = issue("PRODUCTION", "sam", 250);
        Issued consumption = issue("CONSUMPTION", "sam", 250);
        system.registry().failPayloadType(ClaimedEvent.getDescriptor().getFullName(), "claims are refused today");
        String firstClaim;
        try {
            firstClaim = claim(production, consumption, "sam");

            JsonNode rejected = awaitStatus(firstClaim, "REGISTRY_REJECTED");

            assertThat(rejected.get("reason").asString()).isEqualTo("the registry committed the allocation on the"
                    + " production slice and the allocation on the consumption slice but failed the claim of the"
                    + " production slice: claims are refused today");
            for (Issued issued : List.of(production, consumption)) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    JsonNode slice = Http.get(system.projection() + "/api/v1/certificates/" + issued.id(), owner("sam"))
                            .body().get("slices").get(0);
                    assertThat(slice.get("state").asString()).isEqualTo("ALLOCATED");
                });
            }
            long receivedBefore = system.registry().totalReceived();
            String transfer = post("transfer-slice", owner("sam"), """
                    {"certificateId":"%s","sliceId":"%s","receiver":"tom"}""".formatted(production.id(),
                    production.sliceId()));
            assertThat(awaitFinal(transfer).get("status").asString()).isEqualTo("REJECTED");
            assertThat(system.registry().totalReceived()).isEqualTo(receivedBefore);
        } finally {
            system.registry().clearForcedFailures();
        }
        int receivedBefore = system.registry().received().size();

        String again = claim(production, consumption, "sam");

        awaitStatus(again, "REGISTRY_ACCEPTED");
        Set<String> streams = Set.of(production.id(), consumption.id());
        List<Transaction> sent = system.registry().received().subList(receivedBefore, system.registry().received().size())
                .stream().filter(t -> streams.contains(t.getHeader().getFederatedStreamId().getStreamId().getValue()))
                .toList();
        assertThat(sent).extracting(t -> t.getHeader().getPayloadType())
                .containsExactly(ClaimedEvent.getDescriptor().getFullName(), ClaimedEvent.getDescriptor().getFullName());
        String firstAllocation = allocationOf(sent.getFirst());
        assertThat(sent).extracting(ReconciliationEndToEndTest::allocationOf).containsOnly(firstAllocation);
    }

    private static JsonNode reconcile(String certificateId, String expectedStatus) {
        Http.Response requested = Http.post(system.commandApi() + "/api/v1/reconciliations", OPERATOR,
                "{\"certificateId\":\"" + certificateId + "\"}");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.body().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(requested.body().get("certificateId").asString()).isEqualTo(certificateId);
        String reconciliationId = requested.body().get("reconciliationId").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last[0] = Http.get(system.commandApi() + "/api/v1/reconciliations/" + reconciliationId, OPERATOR).body();
            assertThat(last[0].get("status").asString()).isEqualTo(expectedStatus);
        });
        return last[0];
    }

    /** Signed by the owner's key (which another wallet of hers would hold), to a key Origin Relay never derived. */
    private static Transaction foreignTransfer(Issued issued, long quantity, String owner, ByteString foreignKey) {
        OwnerKeys keys = OwnerKeys.fromSecret(RunningSystem.KEY_SECRET);
        Transaction ours = new TransactionFactory(RunningSystem.REGISTRY_NAME, keys,
                CommitmentScheme.PEDERSEN.commitments(RunningSystem.KEY_SECRET))
                .transfer(UUID.fromString(issued.id()), UUID.fromString(issued.sliceId()), quantity, owner, owner);
        try {
            TransferredEvent event = TransferredEvent.parseFrom(ours.getPayload()).toBuilder()
                    .setNewOwner(PublicKey.newBuilder().setContent(foreignKey).setType(KeyType.ED25519))
                    .build();
            TransactionHeader header = ours.getHeader().toBuilder()
                    .setPayloadSha512(ByteString.copyFrom(Digests.sha512(event.toByteArray())))
                    .build();
            return Transaction.newBuilder().setHeader(header)
                    .setHeaderSignature(ByteString.copyFrom(keys.signAsOwner(owner, header.toByteArray())))
                    .setPayload(event.toByteString())
                    .build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String allocationOf(Transaction claim) {
        try {
            return ClaimedEvent.parseFrom(claim.getPayload()).getAllocationId().getValue();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Issued(String id, String sliceId) {
    }

    private static Issued issue(String type, String owner, long quantity) {
        Http.Response issued = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate", ISSUER, """
                {"type":"%s","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":%d,"owner":"%s"}""".formatted(type, quantity, owner));
        assertThat(issued.status()).isEqualTo(202);
        awaitStatus(issued.body().get("commandId").asString(), "REGISTRY_ACCEPTED");
        return new Issued(issued.body().get("certificateId").asString(), issued.body().get("sliceId").asString());
    }

    private static String claim(Issued production, Issued consumption, String owner) {
        return post("claim", owner(owner), """
                {"productionCertificateId":"%s","productionSliceId":"%s",
                 "consumptionCertificateId":"%s","consumptionSliceId":"%s"}""".formatted(production.id(),
                production.sliceId(), consumption.id(), consumption.sliceId()));
    }

    private static String post(String command, String authorization, String json) {
        Http.Response response = Http.post(system.commandApi() + "/api/v1/commands/" + command, authorization, json);
        assertThat(response.status()).isEqualTo(202);
        return response.body().get("commandId").asString();
    }

    private static String owner(String subject) {
        return TestTokens.bearer(subject, "owner");
    }

    private static JsonNode awaitFinal(String commandId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = Http.get(system.commandApi() + "/api/v1/commands/" + commandId, OPERATOR).body();
            return List.of("REJECTED", "REGISTRY_ACCEPTED", "REGISTRY_REJECTED").contains(last[0].get("status").asString());
        });
        return last[0];
    }

    private static JsonNode awaitStatus(String commandId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Response response = Http.get(system.commandApi() + "/api/v1/commands/" + commandId, OPERATOR);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
        return last[0];
    }
}
