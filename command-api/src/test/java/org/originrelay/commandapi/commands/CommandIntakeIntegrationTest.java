package org.originrelay.commandapi.commands;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.EventTap;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class CommandIntakeIntegrationTest {

    /** The subject of the token HttpApi sends: the events carry it as requestedBy. */
    private static final String REQUESTER = "alice";

    private static final String ISSUE = """
            {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
             "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;

    private HttpApi api;
    private EventTap events;

    @BeforeEach
    void watchTheEventsExchange() {
        api = new HttpApi(port);
        events = new EventTap(rabbit, admin, names);
    }

    @AfterEach
    void stopWatchingOnceEverythingThisTestCausedIsPublished() {
        // Several tests post commands without reading their events: the outbox relay publishes those after
        // the test has ended, and the next test's tap, already bound, would take them for its own.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from relay_outbox where published_at is null").query(Long.class).single() == 0);
        events.close();
    }

    @Test
    void anIssueCommandIsStoredAndAnnouncedExactlyOnceAsRequestedPerTheContract() {
        HttpApi.Response response = api.post("/api/v1/commands/issue-certificate", ISSUE);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.contentType()).startsWith("application/json");
        UUID commandId = uuid(response.body(), "commandId");
        UUID certificateId = uuid(response.body(), "certificateId");
        UUID sliceId = uuid(response.body(), "sliceId");
        assertThat(response.body().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(response.location()).isEqualTo("/api/v1/commands/" + commandId);
        assertThat(storedStatusOf(commandId)).isEqualTo("REQUESTED");

        Message published = events.next(5000);
        assertThat(published).isNotNull();
        MessageProperties properties = published.getMessageProperties();
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("issue-certificate.requested");
        assertThat(properties.getType()).isEqualTo("IssueCertificateRequested");
        assertThat(properties.getMessageId()).isNotBlank();
        assertThat(properties.getCorrelationId()).isEqualTo(commandId.toString());
        assertThat(properties.<Object>getHeader(RelayHeaders.CAUSATION_ID)).isEqualTo(commandId.toString());
        assertThat(properties.<Object>getHeader(RelayHeaders.SCHEMA_VERSION)).isEqualTo(1);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(eventIn(published)).isEqualTo(new IssueCertificateRequested(commandId, certificateId, sliceId,
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "alice", REQUESTER));
        assertThat(events.next(500)).isNull();
    }

    @Test
    void theLinesLoggedWhileAcceptingACommandCarryItsCommandId() {
        List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();
        Logger intakeLog = (Logger) LoggerFactory.getLogger(CommandIntake.class);
        AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                // Read on the request's thread: the logging context is the one the line was written in.
                contexts.add(Map.copyOf(event.getMDCPropertyMap()));
            }
        };
        recorder.start();
        intakeLog.addAppender(recorder);
        try {
            HttpApi.Response response = api.post("/api/v1/commands/issue-certificate", ISSUE);

            assertThat(response.status()).isEqualTo(202);
            String commandId = uuid(response.body(), "commandId").toString();
            assertThat(contexts).isNotEmpty().allSatisfy(context -> {
                assertThat(context).containsEntry(CommandLogContext.COMMAND_ID, commandId);
                assertThat(context).containsKey("traceId");
            });
        } finally {
            intakeLog.detachAppender(recorder);
        }
    }

    @Test
    void aTransferCommandIsAnnouncedAsRequestedAndReadableWithItsFirstStatus() {
        UUID certificateId = UUID.randomUUID();
        UUID sliceId = UUID.randomUUID();

        HttpApi.Response response = api.post("/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(certificateId, sliceId));

        assertThat(response.status()).isEqualTo(202);
        UUID commandId = uuid(response.body(), "commandId");
        assertThat(response.body().propertyNames()).containsExactly("commandId", "status");
        assertThat(response.location()).isEqualTo("/api/v1/commands/" + commandId);
        List<Message> published = events.drain(1000);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("transfer-slice.requested");
        assertThat(eventIn(published.getFirst()))
                .isEqualTo(new TransferSliceRequested(commandId, certificateId, sliceId, "bob", REQUESTER));

        HttpApi.Response status = api.get(response.location());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("commandId").asString()).isEqualTo(commandId.toString());
        assertThat(status.body().get("command").asString()).isEqualTo("transfer-slice");
        assertThat(status.body().get("status").asString()).isEqualTo("REQUESTED");
        assertThat(status.body().get("reason").isNull()).isTrue();
        assertThat(status.body().get("history")).hasSize(1);
        assertThat(status.body().get("history").get(0).get("status").asString()).isEqualTo("REQUESTED");
        assertThat(Instant.parse(status.body().get("history").get(0).get("at").asString()))
                .isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aSliceCommandGetsANewSliceIdPerQuantity() {
        UUID certificateId = UUID.randomUUID();
        UUID sliceId = UUID.randomUUID();

        HttpApi.Response response = api.post("/api/v1/commands/slice-certificate", """
                {"certificateId":"%s","sliceId":"%s","quantities":[600,400]}""".formatted(certificateId, sliceId));

        assertThat(response.status()).isEqualTo(202);
        UUID commandId = uuid(response.body(), "commandId");
        List<UUID> newSliceIds = response.body().get("newSliceIds").valueStream()
                .map(id -> UUID.fromString(id.asString())).toList();
        assertThat(newSliceIds).hasSize(2).doesNotHaveDuplicates().doesNotContain(sliceId);
        Message published = events.next(5000);
        assertThat(eventIn(published)).isEqualTo(new SliceCertificateRequested(commandId, certificateId, sliceId,
                List.of(600L, 400L), newSliceIds, REQUESTER));
    }

    @Test
    void aClaimCommandGetsAClaimId() {
        List<UUID> slices = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();

        HttpApi.Response response = api.post("/api/v1/commands/claim", """
                {"productionCertificateId":"%s","productionSliceId":"%s",
                 "consumptionCertificateId":"%s","consumptionSliceId":"%s"}""".formatted(slices.toArray()));

        assertThat(response.status()).isEqualTo(202);
        UUID commandId = uuid(response.body(), "commandId");
        UUID claimId = uuid(response.body(), "claimId");
        assertThat(eventIn(events.next(5000))).isEqualTo(new ClaimRequested(commandId, claimId, slices.get(0),
                slices.get(1), slices.get(2), slices.get(3), REQUESTER));
    }

    @Test
    void theSameIdempotencyKeyAndRequestGetTheFirstAnswerAndPublishNothingNew() {
        String key = UUID.randomUUID().toString();
        long commandsBefore = commandsStored();
        HttpApi.Response first = api.post("/api/v1/commands/issue-certificate", ISSUE, "Idempotency-Key", key);
        String sameRequestSpelledDifferently = """
                {"owner":"alice","quantity":1000,"end":"2026-11-01T01:00:00.000Z",
                 "start":"2026-11-01T00:00:00Z","gridArea":"DK1","type":"PRODUCTION"}""";

        HttpApi.Response repeat = api.post("/api/v1/commands/issue-certificate", sameRequestSpelledDifferently,
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.rawBody()).isEqualTo(first.rawBody());
        assertThat(repeat.location()).isEqualTo(first.location());
        assertThat(events.drain(1000)).hasSize(1);
        assertThat(commandsStored()).isEqualTo(commandsBefore + 1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefusedAndPublishesNothing() {
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = api.post("/api/v1/commands/issue-certificate", ISSUE, "Idempotency-Key", key);
        assertThat(events.drain(1000)).hasSize(1);

        HttpApi.Response otherQuantity = api.post("/api/v1/commands/issue-certificate",
                ISSUE.replace("1000", "999"), "Idempotency-Key", key);
        HttpApi.Response otherCommand = api.post("/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}"""
                .formatted(uuid(first.body(), "certificateId"), uuid(first.body(), "sliceId")),
                "Idempotency-Key", key);

        for (HttpApi.Response refused : List.of(otherQuantity, otherCommand)) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("detail").asString()).contains(key);
        }
        assertThat(events.drain(1000)).isEmpty();
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneCommand() throws Exception {
        String key = UUID.randomUUID().toString();
        long commandsBefore = commandsStored();
        Callable<HttpApi.Response> post = () -> api.post("/api/v1/commands/issue-certificate", ISSUE,
                "Idempotency-Key", key);

        List<HttpApi.Response> responses;
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<HttpApi.Response>> pending = clients.invokeAll(IntStream.range(0, 8).mapToObj(i -> post).toList());
            responses = pending.stream().map(CommandIntakeIntegrationTest::resultOf).toList();
        }

        assertThat(responses).extracting(HttpApi.Response::status).containsOnly(202);
        assertThat(responses).extracting(HttpApi.Response::rawBody).containsOnly(responses.getFirst().rawBody());
        assertThat(commandsStored()).isEqualTo(commandsBefore + 1);
        assertThat(events.drain(1000)).hasSize(1);
    }

    @Test
    void anInvalidCommandIsAProblemThatStoresAndPublishesNothing() {
        long commandsBefore = commandsStored();

        HttpApi.Response response = api.post("/api/v1/commands/issue-certificate",
                "{\"type\":\"PRODUCTION\",\"quantity\":-5}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(commandsStored()).isEqualTo(commandsBefore);
        assertThat(events.drain(1000)).isEmpty();
    }

    @Test
    void aStreamedBodyPastTheSizeLimitIsRefusedWithoutBeingReadToTheEnd() {
        byte[] huge = ("{\"owner\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes();

        HttpApi.Response response = api.postStreamed("/api/v1/commands/issue-certificate",
                () -> new ByteArrayInputStream(huge));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownCommandIdIsAProblem() {
        HttpApi.Response response = api.get("/api/v1/commands/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theServiceReportsItsHealth() {
        HttpApi.Response health = api.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    private long commandsStored() {
        return jdbc.sql("select count(*) from tracked_command").query(Long.class).single();
    }

    private String storedStatusOf(UUID commandId) {
        return jdbc.sql("select status from tracked_command where command_id = :id")
                .param("id", commandId).query(String.class).single();
    }

    private static CertificateEvent eventIn(Message message) {
        assertThat(message).isNotNull();
        return CertificateEventMessages.read(message).event();
    }

    private static UUID uuid(JsonNode body, String field) {
        return UUID.fromString(body.get(field).asString());
    }

    private static <T> T resultOf(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
