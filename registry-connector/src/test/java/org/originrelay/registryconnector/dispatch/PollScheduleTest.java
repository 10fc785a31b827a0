package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originrelay.registryconnector.registry.RegistryProperties;

import static org.assertj.core.api.Assertions.assertThat;

class PollScheduleTest {

    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private final PollSchedule schedule = new PollSchedule(FIRST_POLL, Duration.ofMillis(500), Duration.ofSeconds(5));

    @Test
    void aTwoSecondCommitIsSeenAtMostMaxStatusPollLate() {
        List<Long> pollsAt = new ArrayList<>();
        long at = FIRST_POLL.toMillis();
        Duration stored = schedule.nextStatusPoll(FIRST_POLL);
        pollsAt.add(at);
        while (at < 2000) {
            Duration wait = schedule.statusPoll(stored);
            at += wait.toMillis();
            pollsAt.add(at);
            stored = schedule.nextStatusPoll(wait);
        }

        // Doubling up to max-poll (5 s) polled at 50, 150, 350, 750, 1550, 3150: seen 1,150 ms late.
        assertThat(pollsAt).containsExactly(50L, 150L, 350L, 750L, 1250L, 1750L, 2250L);
    }

    @Test
    void retriesAfterErrorsStillBackOffToMaxPoll() {
        List<Duration> waits = new ArrayList<>();
        Duration wait = Duration.ofMillis(500);
        for (int retry = 0; retry < 6; retry++) {
            waits.add(wait);
            wait = schedule.nextRetry(wait);
        }

        assertThat(waits).extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L, 4000L, 5000L, 5000L);
    }

    @Test
    void aStoredWaitLongerThanMaxStatusPollIsCutToItOnceTheRegistrySaysPending() {
        assertThat(schedule.statusPoll(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void maxStatusPollIsNeverLongerThanMaxPoll() {
        PollSchedule capped = PollSchedule.of(new RegistryProperties.Dispatch(Duration.ofMillis(100), 100, 500,
                FIRST_POLL, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10), 3,
                Duration.ofMillis(200), 4, null));

        assertThat(capped.nextStatusPoll(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }
}
