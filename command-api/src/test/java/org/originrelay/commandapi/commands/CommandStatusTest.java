package org.originrelay.commandapi.commands;

import org.junit.jupiter.api.Test;
import org.originrelay.contracts.events.Stage;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStatusTest {

    @Test
    void everyStageHasTheStatusOfTheSameName() {
        for (Stage stage : Stage.values()) {
            assertThat(CommandStatus.reachedAt(stage).name()).isEqualTo(stage.name());
        }
    }

    @Test
    void validationIsFurtherThanTheRequestAndEveryOutcomeFurtherThanValidation() {
        assertThat(CommandStatus.VALIDATED.isFurtherThan(CommandStatus.REQUESTED)).isTrue();
        for (CommandStatus outcome : new CommandStatus[] {CommandStatus.REJECTED, CommandStatus.REGISTRY_ACCEPTED,
                CommandStatus.REGISTRY_REJECTED}) {
            assertThat(outcome.isFurtherThan(CommandStatus.VALIDATED)).isTrue();
            assertThat(CommandStatus.VALIDATED.isFurtherThan(outcome)).isFalse();
        }
    }

    @Test
    void oneOutcomeNeverReplacesAnother() {
        assertThat(CommandStatus.REGISTRY_REJECTED.isFurtherThan(CommandStatus.REGISTRY_ACCEPTED)).isFalse();
        assertThat(CommandStatus.REGISTRY_ACCEPTED.isFurtherThan(CommandStatus.REJECTED)).isFalse();
    }

    @Test
    void aReportMovesACommandOnOnlyFromTheStatusesItIsFurtherThan() {
        assertThat(CommandStatus.REQUESTED.statusesBehind()).isEmpty();
        assertThat(CommandStatus.VALIDATED.statusesBehind()).containsExactly(CommandStatus.REQUESTED);
        for (CommandStatus outcome : new CommandStatus[] {CommandStatus.REJECTED, CommandStatus.REGISTRY_ACCEPTED,
                CommandStatus.REGISTRY_REJECTED}) {
            assertThat(outcome.statusesBehind()).containsExactly(CommandStatus.REQUESTED, CommandStatus.VALIDATED);
        }
    }
}
