package org.originrelay.commandapi.commands.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.contracts.events.CommandName;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.originrelay.commandapi.commands.CommandStatus.REGISTRY_ACCEPTED;
import static org.originrelay.commandapi.commands.CommandStatus.REGISTRY_REJECTED;
import static org.originrelay.commandapi.commands.CommandStatus.REJECTED;
import static org.originrelay.commandapi.commands.CommandStatus.REQUESTED;
import static org.originrelay.commandapi.commands.CommandStatus.VALIDATED;

/** The statements of status tracking on the real database: no Spring context, only the schema's migrations. */
class TrackedCommandsIntegrationTest {

    private static final String SCHEMA = "command_api";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00.123456Z");

    private static TrackedCommands commands;

    @BeforeAll
    static void migrateAFreshDatabase() {
        String database = TestInfrastructure.postgres().createDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                TestInfrastructure.postgres().jdbcUrl(database, SCHEMA), TestInfrastructure.postgres().user(),
                TestInfrastructure.postgres().password());
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/command-api").load().migrate();
        commands = new TrackedCommands(JdbcClient.create(dataSource));
    }

    @Test
    void aNewCommandIsRequestedWithThatAsItsHistory() {
        UUID commandId = requested();

        TrackedCommand command = commands.find(commandId).orElseThrow();

        assertThat(command.commandName()).isEqualTo(CommandName.TRANSFER_SLICE);
        assertThat(command.requestedBy()).isEqualTo("alice");
        assertThat(command.status()).isEqualTo(REQUESTED);
        assertThat(command.reason()).isNull();
        assertThat(command.history()).extracting(StatusChange::status, StatusChange::at)
                .containsExactly(tuple(REQUESTED, T0));
    }

    @Test
    void reportsFurtherAlongMoveTheStatus() {
        UUID commandId = requested();

        assertThat(commands.record(commandId, CommandName.TRANSFER_SLICE, VALIDATED, null, T0.plusSeconds(1))).isTrue();
        assertThat(commands.record(commandId, CommandName.TRANSFER_SLICE, REGISTRY_REJECTED, "invalid signature",
                T0.plusSeconds(2))).isTrue();

        TrackedCommand command = commands.find(commandId).orElseThrow();
        assertThat(command.status()).isEqualTo(REGISTRY_REJECTED);
        assertThat(command.reason()).isEqualTo("invalid signature");
        assertThat(command.history()).extracting(StatusChange::status, StatusChange::at).containsExactly(
                tuple(REQUESTED, T0), tuple(VALIDATED, T0.plusSeconds(1)), tuple(REGISTRY_REJECTED, T0.plusSeconds(2)));
    }

    @Test
    void aLateReportIsHistoryButNeverMovesTheStatusBack() {
        UUID commandId = requested();

        commands.record(commandId, CommandName.TRANSFER_SLICE, REGISTRY_ACCEPTED, null, T0.plusSeconds(1));
        commands.record(commandId, CommandName.TRANSFER_SLICE, VALIDATED, null, T0.plusSeconds(2));
        commands.record(commandId, CommandName.TRANSFER_SLICE, REQUESTED, null, T0.plusSeconds(3));

        TrackedCommand command = commands.find(commandId).orElseThrow();
        assertThat(command.status()).isEqualTo(REGISTRY_ACCEPTED);
        assertThat(command.history()).extracting(StatusChange::status)
                .containsExactly(REQUESTED, REGISTRY_ACCEPTED, VALIDATED, REQUESTED);
    }

    @Test
    void aSecondOutcomeKeepsTheFirstOneAndItsReason() {
        UUID commandId = requested();

        commands.record(commandId, CommandName.TRANSFER_SLICE, REJECTED, "slice is reserved", T0.plusSeconds(1));
        commands.record(commandId, CommandName.TRANSFER_SLICE, REGISTRY_REJECTED, "invalid signature", T0.plusSeconds(2));

        TrackedCommand command = commands.find(commandId).orElseThrow();
        assertThat(command.status()).isEqualTo(REJECTED);
        assertThat(command.reason()).isEqualTo("slice is reserved");
        assertThat(command.history()).hasSize(3);
    }

    @Test
    void aReportAboutAnUnknownCommandOrAnotherKindRecordsNothing() {
        UUID commandId = requested();
        UUID unknown = UUID.randomUUID();

        assertThat(commands.record(commandId, CommandName.ISSUE_CERTIFICATE, REJECTED, "not yours", T0)).isFalse();
        assertThat(commands.record(unknown, CommandName.TRANSFER_SLICE, VALIDATED, null, T0)).isFalse();

        TrackedCommand command = commands.find(commandId).orElseThrow();
        assertThat(command.status()).isEqualTo(REQUESTED);
        assertThat(command.history()).hasSize(1);
        assertThat(commands.find(unknown)).isEmpty();
        assertThat(commands.kindOf(commandId)).contains(CommandName.TRANSFER_SLICE);
        assertThat(commands.kindOf(unknown)).isEmpty();
    }

    /**
     * Reports of one command racing each other (two consumers, or two instances): every one enters the
     * history, the furthest wins, and of two competing outcomes the one recorded first — the first after
     * the validation in history order — is the status, with its own reason, never a mix of the two.
     */
    @Test
    void concurrentReportsNeverMoveAStatusBackAndTheFirstOutcomeKeepsItsReason() throws Exception {
        List<Report> reports = new ArrayList<>(List.of(new Report(VALIDATED, null), new Report(REQUESTED, null),
                new Report(REJECTED, "slice is reserved"), new Report(REGISTRY_REJECTED, "invalid signature"),
                new Report(VALIDATED, null), new Report(REGISTRY_ACCEPTED, null)));
        try (ExecutorService threads = Executors.newFixedThreadPool(reports.size())) {
            for (int round = 0; round < 20; round++) {
                UUID commandId = requested();
                Collections.shuffle(reports);
                CyclicBarrier together = new CyclicBarrier(reports.size());
                CompletableFuture.allOf(reports.stream().map(report -> CompletableFuture.runAsync(() -> {
                    awaitBarrier(together);
                    commands.record(commandId, CommandName.TRANSFER_SLICE, report.status(), report.reason(), T0);
                }, threads)).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

                TrackedCommand command = commands.find(commandId).orElseThrow();
                assertThat(command.history()).hasSize(1 + reports.size());
                Report firstOutcome = command.history().stream().skip(1)
                        .filter(change -> change.status().isFurtherThan(VALIDATED))
                        .map(change -> reports.stream().filter(report -> report.status() == change.status())
                                .findFirst().orElseThrow())
                        .findFirst().orElseThrow();
                assertThat(new Report(command.status(), command.reason())).isEqualTo(firstOutcome);
            }
        }
    }

    private static UUID requested() {
        UUID commandId = UUID.randomUUID();
        commands.insertRequested(commandId, CommandName.TRANSFER_SLICE, "alice", T0);
        return commandId;
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Report(CommandStatus status, String reason) {
    }
}
