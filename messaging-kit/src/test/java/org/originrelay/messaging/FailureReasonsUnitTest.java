package org.originrelay.messaging;

import org.junit.jupiter.api.Test;
import org.originrelay.messaging.deadletter.FailureReasons;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonsUnitTest {

    @Test
    void idsNumbersAndTimesAreTakenOutSoFailuresOfOneKindReadTheSame() {
        String first = FailureReasons.normalise("command 8b0c6a3e-1f2d-4c5b-9a8e-7d6c5b4a3f21 not found after 3 tries");
        String second = FailureReasons.normalise("command 11111111-2222-4333-8444-555555555555 not found after 12 tries");

        assertThat(first).isEqualTo("command {id} not found after {n} tries").isEqualTo(second);
        assertThat(FailureReasons.normalise("deadline 2026-11-01T10:00:00.123Z passed for tx 9f86d081884c7d65"))
                .isEqualTo("deadline {time} passed for tx {id}");
        assertThat(FailureReasons.normalise("  connection   refused ")).isEqualTo("connection refused");
        assertThat(FailureReasons.normalise(null)).isEqualTo("(no reason recorded)");
    }
}
