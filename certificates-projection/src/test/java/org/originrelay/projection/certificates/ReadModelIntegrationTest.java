package org.originrelay.projection.certificates;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.CertificateReconciledJson;
import org.originrelay.contracts.reconciliation.ReconciledSlice;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.contracts.reconciliation.RegistryState;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=certificates-projection")
class ReadModelIntegrationTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "certificates_projection");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingNames names;
    @Autowired
    MeterRegistry meters;
    @MockitoSpyBean
    CertificateProjector projector;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    record Answer(int status, String contentType, JsonNode body) {
    }

    @Test
    void anIssuedCertificateAppearsAndATransferChangesItsOwner() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "alice");
        publish(issue.validated().registryAccepted());

        JsonNode certificate = awaitCertificate(issue.certificateId(), body -> true);
        assertThat(certificate.get("certificateId").asString()).isEqualTo(issue.certificateId().toString());
        assertThat(certificate.get("type").asString()).isEqualTo("PRODUCTION");
        assertThat(certificate.get("gridArea").asString()).isEqualTo("DK1");
        assertThat(certificate.get("start").asString()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(certificate.get("end").asString()).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(certificate.get("quantity").asLong()).isEqualTo(1000);
        assertThat(certificate.get("slices")).hasSize(1);
        assertThat(certificate.get("slices").get(0).get("owner").asString()).isEqualTo("alice");
        assertThat(certificate.get("slices").get(0).get("state").asString()).isEqualTo("AVAILABLE");

        var transfer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(), "bob", null);
        publish(transfer.validated("alice", 1000).registryAccepted());

        awaitCertificate(issue.certificateId(), body -> body.get("slices").get(0).get("owner").asString().equals("bob"));
        assertThat(get("/api/v1/owners/bob/slices").body()).extracting(slice -> slice.get("sliceId").asString())
                .containsExactly(issue.sliceId().toString());
        assertThat(get("/api/v1/owners/alice/slices").body()).isEmpty();
    }

    @Test
    void slicingAndClaimingAreAppliedAsTheDomainSays() {
        IssueCertificateRequested production = issue(CertificateType.PRODUCTION, "carol");
        IssueCertificateRequested consumption = issue(CertificateType.CONSUMPTION, "carol", 600);
        publish(production.validated().registryAccepted());
        publish(consumption.validated().registryAccepted());
        List<UUID> parts = List.of(UUID.randomUUID(), UUID.randomUUID());
        var slice = new SliceCertificateRequested(UUID.randomUUID(), production.certificateId(), production.sliceId(),
                List.of(600L, 400L), parts, null);
        publish(slice.validated("carol", 1000).registryAccepted());
        awaitCertificate(production.certificateId(), body -> body.get("slices").size() == 2);

        var claim = new ClaimRequested(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(), parts.get(0),
                consumption.certificateId(), consumption.sliceId(), null);
        publish(claim.validated("carol", 600).registryAccepted());

        JsonNode sliced = awaitCertificate(production.certificateId(), body -> body.toString().contains("CLAIMED"));
        assertThat(sliced.get("slices")).extracting(each -> each.get("quantity").asLong()).containsExactlyInAnyOrder(600L, 400L);
        assertThat(sliced.get("slices")).filteredOn(each -> each.get("state").asString().equals("CLAIMED"))
                .extracting(each -> each.get("sliceId").asString()).containsExactly(parts.get(0).toString());
        assertThat(get("/api/v1/certificates/" + consumption.certificateId()).body().get("slices").get(0)
                .get("state").asString()).isEqualTo("CLAIMED");
    }

    @Test
    void theSameAcceptedEventDeliveredTwiceIsAppliedOnce() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "dave");
        publish(issue.validated().registryAccepted());
        awaitCertificate(issue.certificateId(), body -> true);
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(), "erin", null);
        var accepted = transfer.validated("dave", 1000).registryAccepted();
        EventMetadata metadata = EventMetadata.forEvent(accepted, null);
        double duplicatesBefore = duplicatesSkipped();

        publish(accepted, metadata);
        publish(accepted, metadata);

        // A transfer applied twice leaves the same owner, so the read model alone cannot tell: wait until
        // the kit has seen the second delivery, then count how often the projector was asked to apply it.
        await().atMost(Duration.ofSeconds(10)).until(() -> duplicatesSkipped() > duplicatesBefore);
        verify(projector, times(1)).transferred(accepted);
        assertThat(get("/api/v1/certificates/" + issue.certificateId()).body().get("slices").get(0).get("owner")
                .asString()).isEqualTo("erin");
    }

    @Test
    void aReconciliationReplacesTheCertificateAndShowsAllocatedAndUnknownSlicesHonestly() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "hugo");
        publish(issue.validated().registryAccepted());
        awaitCertificate(issue.certificateId(), body -> true);
        UUID allocation = UUID.randomUUID();
        UUID allocated = UUID.randomUUID();
        String stranger = "external:" + "AbCd".repeat(30); // as long as a DER-encoded public key in base64url
        var foreign = new ReconciledSlice(null, "Zm9yZWlnbg==", stranger, null, false, SliceState.AVAILABLE, null);

        publishReconciled(reconciled(issue, 3, new ReconciledSlice(allocated, "aGFzaA==", "hugo", 600L, true,
                SliceState.ALLOCATED, allocation), foreign));

        JsonNode certificate = awaitCertificate(issue.certificateId(), body -> body.get("slices").size() == 2);
        assertThat(certificate.get("slices")).extracting(slice -> slice.get("sliceId").asString())
                .doesNotContain(issue.sliceId().toString());
        JsonNode shownAllocated = slice(certificate, allocated);
        assertThat(shownAllocated.get("state").asString()).isEqualTo("ALLOCATED");
        assertThat(shownAllocated.get("allocationId").asString()).isEqualTo(allocation.toString());
        assertThat(shownAllocated.get("quantityKnown").asBoolean()).isTrue();
        JsonNode shownForeign = slice(certificate, RegistryState.sliceIdOf(foreign));
        assertThat(shownForeign.get("owner").asString()).isEqualTo(stranger);
        assertThat(shownForeign.get("quantityKnown").asBoolean()).isFalse();
        assertThat(get("/api/v1/owners/hugo/slices").body()).singleElement()
                .satisfies(owned -> assertThat(owned.get("allocationId").asString()).isEqualTo(allocation.toString()));

        // An older reading arriving late is ignored; one as new as the applied one is applied.
        double handledBefore = reconciliationsHandled();
        publishReconciled(reconciled(issue, 2, new ReconciledSlice(issue.sliceId(), "aA==", "ivan", 1000L, true,
                SliceState.AVAILABLE, null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> reconciliationsHandled() > handledBefore);
        assertThat(get("/api/v1/certificates/" + issue.certificateId()).body().get("slices")).hasSize(2);
        publishReconciled(reconciled(issue, 3, new ReconciledSlice(issue.sliceId(), "aA==", "jana", 1000L, true,
                SliceState.AVAILABLE, null)));
        JsonNode latest = awaitCertificate(issue.certificateId(), body -> body.get("slices").size() == 1);
        assertThat(latest.get("slices").get(0).get("owner").asString()).isEqualTo("jana");
    }

    @Test
    void aCertificateTheReadModelLackedIsCreatedByAReconciliation() {
        IssueCertificateRequested neverSeen = issue(CertificateType.CONSUMPTION, "karl", 700);

        publishReconciled(reconciled(neverSeen, 1, new ReconciledSlice(neverSeen.sliceId(), "aA==", "karl", 700L,
                true, SliceState.AVAILABLE, null)));

        JsonNode certificate = awaitCertificate(neverSeen.certificateId(), body -> true);
        assertThat(certificate.get("quantity").asLong()).isEqualTo(700);
        assertThat(certificate.get("type").asString()).isEqualTo("CONSUMPTION");
    }

    @Test
    void anOutcomeOvertakingTheSlicingThatMadeItsSliceWaitsForIt() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "lena");
        publish(issue.validated().registryAccepted());
        awaitCertificate(issue.certificateId(), body -> true);
        List<UUID> parts = List.of(UUID.randomUUID(), UUID.randomUUID());
        var slice = new SliceCertificateRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(),
                List.of(600L, 400L), parts, null);
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), parts.get(1), "max", null);

        publish(transfer.validated("lena", 400).registryAccepted());
        publish(slice.validated("lena", 1000).registryAccepted());

        JsonNode certificate = awaitCertificate(issue.certificateId(),
                body -> body.toString().contains("\"max\"") && body.get("slices").size() == 2);
        assertThat(slice(certificate, parts.get(0)).get("owner").asString()).isEqualTo("lena");
        assertThat(slice(certificate, parts.get(1)).get("owner").asString()).isEqualTo("max");
    }

    @Test
    void twoAppliersOfSiblingSlicesOutcomesApplyOneAfterTheOtherAndLoseNeither() throws Exception {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "nils");
        publish(issue.validated().registryAccepted());
        awaitCertificate(issue.certificateId(), body -> true);
        List<UUID> parts = List.of(UUID.randomUUID(), UUID.randomUUID());
        publish(new SliceCertificateRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(),
                List.of(600L, 400L), parts, null).validated("nils", 1000).registryAccepted());
        awaitCertificate(issue.certificateId(), body -> body.get("slices").size() == 2);
        var toOla = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), parts.get(0), "ola", null)
                .validated("nils", 600).registryAccepted();
        var toPer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), parts.get(1), "per", null)
                .validated("nils", 400).registryAccepted();
        ExecutorService appliers = Executors.newFixedThreadPool(2);
        CountDownLatch firstApplied = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        CompletableFuture<Void> holdingTheLock = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            projector.transferred(toOla);
            firstApplied.countDown();
            awaitLatch(mayCommit);
        }), appliers);
        assertThat(firstApplied.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> competing = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(tx -> projector.transferred(toPer)), appliers);
        await().atMost(Duration.ofSeconds(15)).until(this::someoneWaitsForALock);
        assertThat(competing).isNotDone();
        mayCommit.countDown();
        CompletableFuture.allOf(holdingTheLock, competing).get(15, TimeUnit.SECONDS);
        appliers.shutdown();

        JsonNode certificate = get("/api/v1/certificates/" + issue.certificateId()).body();
        assertThat(slice(certificate, parts.get(0)).get("owner").asString()).isEqualTo("ola");
        assertThat(slice(certificate, parts.get(1)).get("owner").asString()).isEqualTo("per");
    }

    @Test
    void aReconciliationRacingTheOutcomeThatCreatesTheCertificateIsAppliedOverWhatItCreated() throws Exception {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, "quinn");
        var issued = issue.validated().registryAccepted();
        UUID allocation = UUID.randomUUID();
        CertificateReconciled allocated = reconciled(issue, 2, new ReconciledSlice(issue.sliceId(), "aA==", "quinn",
                1000L, true, SliceState.ALLOCATED, allocation));
        ExecutorService appliers = Executors.newFixedThreadPool(2);
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            projector.issued(issued);
            created.countDown();
            awaitLatch(mayCommit);
        }), appliers);
        assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();
        // It finds no certificate yet, and its own creation has to wait for the uncommitted one.
        CompletableFuture<Void> reconciling = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(tx -> projector.reconciled(allocated)), appliers);
        await().atMost(Duration.ofSeconds(15)).until(this::someoneWaitsForALock);
        assertThat(reconciling).isNotDone();
        mayCommit.countDown();
        CompletableFuture.allOf(creating, reconciling).get(15, TimeUnit.SECONDS);
        appliers.shutdown();

        JsonNode shown = slice(get("/api/v1/certificates/" + issue.certificateId()).body(), issue.sliceId());
        assertThat(shown.get("state").asString()).isEqualTo("ALLOCATED");
        assertThat(shown.get("allocationId").asString()).isEqualTo(allocation.toString());
        assertThat(jdbc.sql("select reconciled_transactions from certificate where certificate_id = :id")
                .param("id", issue.certificateId()).query(Long.class).single()).isEqualTo(2L);
    }

    private boolean someoneWaitsForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
                """).query(Long.class).single() > 0;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first applier commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode slice(JsonNode certificate, UUID sliceId) {
        for (JsonNode slice : certificate.get("slices")) {
            if (slice.get("sliceId").asString().equals(sliceId.toString())) {
                return slice;
            }
        }
        throw new AssertionError("no slice " + sliceId + " in " + certificate);
    }

    private static CertificateReconciled reconciled(IssueCertificateRequested issue, long registryTransactions,
            ReconciledSlice... slices) {
        return new CertificateReconciled(UUID.randomUUID(), issue.certificateId(), "operator", registryTransactions,
                issue.type(), issue.gridArea(), issue.start(), issue.end(), issue.quantity(), List.of(slices),
                List.of("a difference"));
    }

    /** As registry-connector publishes it, per the public contract. */
    private void publishReconciled(CertificateReconciled reconciled) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        properties.setCorrelationId(reconciled.reconciliationId().toString());
        properties.setType(ReconciliationContract.CERTIFICATE_RECONCILED_TYPE);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("schema-version", ReconciliationContract.SCHEMA_VERSION);
        properties.setHeader("causation-id", reconciled.reconciliationId().toString());
        rabbit.send(names.exchange(EventCatalog.EXCHANGE), ReconciliationContract.CERTIFICATE_RECONCILED,
                new Message(CertificateReconciledJson.write(reconciled), properties));
    }

    @Test
    void anOwnersSlicesAreForThatOwnerOrAnOperatorAndEverythingNeedsAToken() {
        Answer own = get("/api/v1/owners/frank/slices", TestTokens.bearer("frank", "owner"));
        Answer someoneElses = get("/api/v1/owners/frank/slices", TestTokens.bearer("grace", "owner"));
        Answer anonymous = get("/api/v1/owners/frank/slices", null);
        Answer anonymousCertificate = get("/api/v1/certificates/" + UUID.randomUUID(), null);

        assertThat(own.status()).isEqualTo(200);
        assertThat(someoneElses.status()).isEqualTo(403);
        assertThat(someoneElses.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymousCertificate.status()).isEqualTo(401);
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(get("/actuator/metrics", TestTokens.bearer("frank", "owner")).status()).isEqualTo(403);
    }

    @Test
    void theOwnersKnownFromProvisioningAreShown() {
        provision("created", "{}", user("nora"));
        provision("created", "{}", user("otto"));
        provision("deleted", user("otto"), "{}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode nora = get("/api/v1/owners/nora").body();
            JsonNode otto = get("/api/v1/owners/otto").body();
            assertThat(nora.get("known").asBoolean()).isTrue();
            assertThat(nora.get("active").asBoolean()).isTrue();
            assertThat(otto.get("known").asBoolean()).isTrue();
            assertThat(otto.get("active").asBoolean()).isFalse();
        });
        assertThat(get("/api/v1/owners/nobody").body().get("known").asBoolean()).isFalse();
        assertThat(get("/api/v1/owners/nora", TestTokens.bearer("otto", "owner")).status()).isEqualTo(403);
    }

    @Test
    void aDeletedUserEventReplayedFromTheDeadLetterQueueIsStillADelete() {
        provision("created", "{}", user("pia"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/owners/pia").body().get("active").asBoolean());
        String body = """
                {"publisher_name":"udm-listener","realm":"udm","topic":"users/user","body":{"old":%s,"new":{}}}"""
                .formatted(user("pia"));
        // As a replay republishes: default exchange, the queue's name as routing key, the action in the message.
        var replayed = org.springframework.amqp.core.MessageBuilder.withBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .setMessageId("test:" + UUID.randomUUID())
                .setHeader(org.originrelay.contracts.provisioning.UserChange.ACTION_HEADER, "deleted")
                .setHeader("x-relay-replay-count", 1)
                .build();
        rabbit.send("", names.queue("certificates-projection.known-owners"), replayed);

        await().atMost(Duration.ofSeconds(10)).until(() -> !get("/api/v1/owners/pia").body().get("active").asBoolean());
    }

    private void provision(String action, String old, String current) {
        String body = """
                {"publisher_name":"udm-listener","realm":"udm","topic":"users/user","body":{"old":%s,"new":%s}}"""
                .formatted(old, current);
        rabbit.send(names.exchange("provisioning.events"), "udm.users.user." + action,
                org.springframework.amqp.core.MessageBuilder.withBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .setMessageId("test:" + UUID.randomUUID()).build());
    }

    private static String user(String name) {
        return "{\"dn\":\"uid=%s,cn=users\",\"properties\":{\"username\":\"%s\"}}".formatted(name, name);
    }

    @Test
    void unknownAndMalformedIdsAreProblems() {
        Answer unknown = get("/api/v1/certificates/" + UUID.randomUUID());
        Answer malformed = get("/api/v1/certificates/not-a-uuid");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).startsWith("no certificate");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    private static IssueCertificateRequested issue(CertificateType type, String owner) {
        return issue(type, owner, 1000);
    }

    private static IssueCertificateRequested issue(CertificateType type, String owner, long quantity) {
        return new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), type, "DK1",
                START, START.plusSeconds(3600), quantity, owner, null);
    }

    private void publish(CertificateEvent event) {
        publish(event, EventMetadata.forEvent(event, null));
    }

    private void publish(CertificateEvent event, EventMetadata metadata) {
        rabbit.send(names.exchange(EventCatalog.EXCHANGE), event.eventType().routingKey(),
                CertificateEventMessages.toMessage(event, metadata));
    }

    private double reconciliationsHandled() {
        Counter handled = meters.find("relay.messages.succeeded")
                .tag("queue", names.queue("certificates-projection.reconciliations")).counter();
        return handled == null ? 0 : handled.count();
    }

    private double duplicatesSkipped() {
        Counter duplicates = meters.find("relay.messages.duplicates")
                .tag("queue", names.queue("certificates-projection.registry-accepted")).counter();
        return duplicates == null ? 0 : duplicates.count();
    }

    private JsonNode awaitCertificate(UUID certificateId, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Answer answer = get("/api/v1/certificates/" + certificateId);
            found[0] = answer.body();
            return answer.status() == 200 && condition.test(answer.body());
        });
        return found[0];
    }

    /** Reads as an operator: this test is about what the read model shows, not who may see it. */
    private Answer get(String path) {
        return get(path, TestTokens.bearer("ops", "operator"));
    }

    private Answer get(String path, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
