package org.originrelay.commandapi.commands.persistence;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.events.CommandName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.originrelay.commandapi.commands.CommandStatus.REGISTRY_ACCEPTED;
import static org.originrelay.commandapi.commands.CommandStatus.REGISTRY_REJECTED;
import static org.originrelay.commandapi.commands.CommandStatus.REJECTED;
import static org.originrelay.commandapi.commands.CommandStatus.REQUESTED;
import static org.originrelay.commandapi.commands.CommandStatus.VALIDATED;

class TrackedCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final TrackedCommand command = TrackedCommand.requested(UUID.randomUUID(), CommandName.TRANSFER_SLICE, "alice", T0);

    @Test
    void aNewCommandIsRequestedWithThatAsItsHistory() {
        assertThat(command.status()).isEqualTo(REQUESTED);
        assertThat(command.reason()).isNull();
        assertThat(command.history()).extracting(StatusChange::status, StatusChange::at)
                .containsExactly(tuple(REQUESTED, T0));
    }

    @Test
    void reportsFurtherAlongMoveTheStatus() {
        command.record(VALIDATED, null, T0.plusSeconds(1));
        command.record(REGISTRY_REJECTED, "invalid signature", T0.plusSeconds(2));

        assertThat(command.status()).isEqualTo(REGISTRY_REJECTED);
        assertThat(command.reason()).isEqualTo("invalid signature");
        assertThat(command.history()).extracting(StatusChange::status)
                .containsExactly(REQUESTED, VALIDATED, REGISTRY_REJECTED);
    }

    @Test
    void aLateReportIsHistoryButNeverMovesTheStatusBack() {
        command.record(REGISTRY_ACCEPTED, null, T0.plusSeconds(1));
        command.record(VALIDATED, null, T0.plusSeconds(2));

        assertThat(command.status()).isEqualTo(REGISTRY_ACCEPTED);
        assertThat(command.history()).extracting(StatusChange::status)
                .containsExactly(REQUESTED, REGISTRY_ACCEPTED, VALIDATED);
    }

    @Test
    void aSecondOutcomeKeepsTheFirstOneAndItsReason() {
        command.record(REJECTED, "slice is reserved", T0.plusSeconds(1));
        command.record(REGISTRY_ACCEPTED, null, T0.plusSeconds(2));

        assertThat(command.status()).isEqualTo(REJECTED);
        assertThat(command.reason()).isEqualTo("slice is reserved");
        assertThat(command.history()).hasSize(3);
    }
}
