package org.originrelay.commandapi.commands.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.EventTap;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.commandapi.commands.CommandStatusTracker;
import org.originrelay.contracts.events.CommandName;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class CommandStatusIntegrationTest {

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
    @Autowired
    CommandStatusTracker tracker;

    private HttpApi api;
    private EventTap events;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
        events = new EventTap(rabbit, admin, names);
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void aTransferMovesThroughValidatedToRegistryAcceptedAndShowsItsHistory() {
        TransferSliceRequested requested = postTransfer();
        UUID commandId = requested.commandId();

        events.publish(requested.validated("alice", 1000), commandId);
        awaitStatus(commandId, "VALIDATED");
        events.publish(requested.validated("alice", 1000).registryAccepted(), commandId);
        JsonNode command = awaitStatus(commandId, "REGISTRY_ACCEPTED");

        assertThat(command.get("command").asString()).isEqualTo("transfer-slice");
        assertThat(command.get("reason").isNull()).isTrue();
        assertThat(command.get("history").valueStream().map(entry -> entry.get("status").asString()))
                .containsExactly("REQUESTED", "VALIDATED", "REGISTRY_ACCEPTED");
        assertThat(command.get("history").valueStream().map(entry -> Instant.parse(entry.get("at").asString())))
                .isSorted();
    }

    @Test
    void aRejectionEndsTheCommandWithTheValidatorsReason() {
        TransferSliceRequested requested = postTransfer();

        events.publish(requested.rejected("slice is not owned by the requester"), requested.commandId());
        JsonNode command = awaitStatus(requested.commandId(), "REJECTED");

        assertThat(command.get("reason").asString()).isEqualTo("slice is not owned by the requester");
        assertThat(command.get("history").valueStream().map(entry -> entry.get("status").asString()))
                .containsExactly("REQUESTED", "REJECTED");
    }

    @Test
    void aRegistryRejectionCarriesTheRegistrysReason() {
        TransferSliceRequested requested = postTransfer();
        TransferSliceValidated validated = requested.validated("alice", 1000);

        events.publish(validated, requested.commandId());
        events.publish(validated.registryRejected("invalid signature"), requested.commandId());
        JsonNode command = awaitStatus(requested.commandId(), "REGISTRY_REJECTED");

        assertThat(command.get("reason").asString()).isEqualTo("invalid signature");
    }

    @Test
    void aLateEventEntersTheHistoryButNeverMovesTheStatusBack() {
        TransferSliceRequested requested = postTransfer();
        TransferSliceValidated validated = requested.validated("alice", 1000);

        events.publish(validated.registryAccepted(), requested.commandId());
        awaitStatus(requested.commandId(), "REGISTRY_ACCEPTED");
        events.publish(validated, requested.commandId());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/commands/" + requested.commandId()).body().get("history").valueStream()
                        .map(entry -> entry.get("status").asString()))
                .containsExactly("REQUESTED", "REGISTRY_ACCEPTED", "VALIDATED"));
        assertThat(api.get("/api/v1/commands/" + requested.commandId()).body().get("status").asString())
                .isEqualTo("REGISTRY_ACCEPTED");
    }

    @Test
    void anEventAboutACommandNotAcceptedHereIsIgnoredAndNotRetried() {
        IssueCertificateRequested foreign = new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "mallory", null);

        String messageId = events.publish(foreign.validated(), foreign.commandId());

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from relay_processed_message where consumer = :queue and message_id = :id")
                .param("queue", names.queue(CommandApiMessaging.COMMAND_STATUS_QUEUE)).param("id", messageId)
                .query(Long.class).single() == 1);
        assertThat(api.get("/api/v1/commands/" + foreign.commandId()).status()).isEqualTo(404);
        assertThat(admin.getQueueInfo(names.queue(CommandApiMessaging.COMMAND_STATUS_QUEUE) + ".dlq")
                .getMessageCount()).isZero();
    }

    @Test
    void anEventOfAnotherCommandKindLeavesTheCommandAlone() {
        TransferSliceRequested transfer = postTransfer();
        IssueCertificateRequested mislabelled = new IssueCertificateRequested(transfer.commandId(),
                UUID.randomUUID(), UUID.randomUUID(), CertificateType.PRODUCTION, "DK1",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), 1000, "mallory", null);

        events.publish(mislabelled.rejected("not yours"), transfer.commandId());
        events.publish(transfer.rejected("slice unknown"), transfer.commandId());
        JsonNode command = awaitStatus(transfer.commandId(), "REJECTED");

        assertThat(command.get("reason").asString()).isEqualTo("slice unknown");
        assertThat(command.get("history")).hasSize(2);
    }

    /**
     * Two outbox relays (two instances) publish their batches in parallel, so a command's
     * registry-accepted may overtake its validated on the status queue, or both arrive at once on two
     * consumers: whatever the order, the status ends at the outcome and the history holds both reports.
     */
    @Test
    void reportsDeliveredOutOfOrderFromParallelPublishersNeverMoveAStatusBack() {
        List<TransferSliceRequested> commands = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            commands.add(postTransfer());
        }
        List<Runnable> publications = new ArrayList<>();
        for (TransferSliceRequested requested : commands) {
            TransferSliceValidated validated = requested.validated("alice", 1000);
            publications.add(() -> events.publish(validated.registryAccepted(), requested.commandId()));
            publications.add(() -> events.publish(validated, requested.commandId()));
        }
        // Every outcome before (most of) the validations, as a second relay's batch overtaking the first.
        publications.forEach(Runnable::run);

        for (TransferSliceRequested requested : commands) {
            JsonNode command = awaitHistory(requested.commandId(), 3);
            assertThat(command.get("status").asString()).isEqualTo("REGISTRY_ACCEPTED");
        }
    }

    @Test
    void concurrentReportsOfOneCommandAreAllRecordedAndTheFurthestWins() throws Exception {
        List<TransferSliceRequested> commands = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            commands.add(postTransfer());
        }
        List<CommandStatus> reports = new ArrayList<>(List.of(CommandStatus.VALIDATED,
                CommandStatus.REGISTRY_ACCEPTED, CommandStatus.VALIDATED, CommandStatus.REQUESTED));
        try (ExecutorService threads = Executors.newFixedThreadPool(reports.size())) {
            for (TransferSliceRequested requested : commands) {
                Collections.shuffle(reports);
                CyclicBarrier together = new CyclicBarrier(reports.size());
                CompletableFuture.allOf(reports.stream().map(reached -> CompletableFuture.runAsync(() -> {
                    awaitBarrier(together);
                    tracker.record(requested.commandId(), CommandName.TRANSFER_SLICE, reached, null);
                }, threads)).toArray(CompletableFuture[]::new)).get();
            }
        }

        for (TransferSliceRequested requested : commands) {
            JsonNode command = api.get("/api/v1/commands/" + requested.commandId()).body();
            assertThat(command.get("status").asString()).isEqualTo("REGISTRY_ACCEPTED");
            assertThat(command.get("history")).hasSize(1 + reports.size());
        }
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitHistory(UUID commandId, int entries) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            last[0] = api.get("/api/v1/commands/" + commandId).body();
            assertThat(last[0].get("history")).hasSize(entries);
        });
        return last[0];
    }

    private TransferSliceRequested postTransfer() {
        UUID certificateId = UUID.randomUUID();
        UUID sliceId = UUID.randomUUID();
        HttpApi.Response response = api.post("/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(certificateId, sliceId));
        assertThat(response.status()).isEqualTo(202);
        UUID commandId = UUID.fromString(response.body().get("commandId").asString());
        return new TransferSliceRequested(commandId, certificateId, sliceId, "bob", null);
    }

    private JsonNode awaitStatus(UUID commandId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpApi.Response response = api.get("/api/v1/commands/" + commandId);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            assertThat(last[0].get("status").asString()).isEqualTo(status);
        });
        return last[0];
    }
}
