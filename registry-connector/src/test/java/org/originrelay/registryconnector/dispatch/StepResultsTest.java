package org.originrelay.registryconnector.dispatch;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registryconnector.commands.CommandOutcomes;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.DeliveryState;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.originrelay.registryconnector.registry.RegistryStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class StepResultsTest {

    private static final Duration FIRST_POLL = Duration.ofMillis(250);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);
    private static final Duration MAX_STATUS_POLL = Duration.ofSeconds(1);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private final TransactionStore transactions = mock(TransactionStore.class);
    private final CommandOutcomes outcomes = mock(CommandOutcomes.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DispatchSignal signal = new DispatchSignal();
    private final List<Duration> wakeUps = new ArrayList<>();
    private final StepResults results = new StepResults(transactions, outcomes, new DispatchMetrics(meters), properties(),
            signal);

    StepResultsTest() {
        signal.listen(wakeUps::add);
    }

    @Test
    void aPendingTransactionIsPolledAgainAfterADoublingWait() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, Duration.ofMillis(500));
        when(transactions.markPending(any(), any(), any(), anyBoolean())).thenReturn(true);

        results.observed(claimed, status(TransactionState.PENDING));

        verify(transactions).markPending(claimed, Duration.ofMillis(500), Duration.ofSeconds(1), false);
        assertThat(stuckCount()).isZero();
    }

    @Test
    void aPendingTransactionIsPolledAtMostEveryMaxStatusPollAndTheDispatcherWokenThen() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(3), false, Duration.ofSeconds(2));
        when(transactions.markPending(any(), any(), any(), anyBoolean())).thenReturn(true);

        results.observed(claimed, status(TransactionState.PENDING));

        verify(transactions).markPending(claimed, MAX_STATUS_POLL, MAX_STATUS_POLL, false);
        assertThat(wakeUps).containsExactly(MAX_STATUS_POLL);
    }

    @Test
    void aSentTransactionIsFirstPolledAfterFirstPollAndTheDispatcherWokenThen() {
        ClaimedTransaction claimed = sentAgo(Duration.ZERO, false, FIRST_POLL);
        when(transactions.markSent(any(), any(), any())).thenReturn(true);

        results.sent(claimed);

        verify(transactions).markSent(claimed, FIRST_POLL, FIRST_POLL.multipliedBy(2));
        assertThat(wakeUps).containsExactly(FIRST_POLL);
    }

    @Test
    void errorsAfterPendingPollsBackOffPastMaxStatusPollUpToMaxPoll() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(3), false, MAX_STATUS_POLL);
        when(transactions.retryLater(any(), any(), any())).thenReturn(true);

        results.callFailed(claimed, Status.UNAVAILABLE.asRuntimeException());

        verify(transactions).retryLater(claimed, MAX_STATUS_POLL, MAX_STATUS_POLL.multipliedBy(2));
        assertThat(wakeUps).containsExactly(MAX_STATUS_POLL);
    }

    @Test
    void aCommittedTransactionWithOthersStillToGoWakesTheDispatcherForTheNext() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markCommitted(claimed, "COMMITTED")).thenReturn(true);
        when(transactions.allCommitted(claimed.commandId())).thenReturn(false);

        results.observed(claimed, status(TransactionState.COMMITTED));

        assertThat(wakeUps).containsExactly(Duration.ZERO);
    }

    @Test
    void aTransactionPendingPastTheDeadlineIsReportedOnceAndThenPolledAtTheLongestWait() {
        when(transactions.markPending(any(), any(), any(), anyBoolean())).thenReturn(true);
        ClaimedTransaction firstTimeOverdue = sentAgo(STUCK_AFTER.plusMinutes(1), false, FIRST_POLL);
        ClaimedTransaction alreadyReported = sentAgo(STUCK_AFTER.plusMinutes(2), true, MAX_POLL);

        results.observed(firstTimeOverdue, status(TransactionState.PENDING));
        results.observed(alreadyReported, status(TransactionState.PENDING));

        verify(transactions).markPending(firstTimeOverdue, MAX_POLL, MAX_POLL, true);
        verify(transactions).markPending(alreadyReported, MAX_POLL, MAX_POLL, true);
        assertThat(stuckCount()).isEqualTo(1);
    }

    @Test
    void theLastTransactionToCommitAcceptsTheCommand() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markCommitted(claimed, "FINALIZED")).thenReturn(true);
        when(transactions.allCommitted(claimed.commandId())).thenReturn(true);

        results.observed(claimed, status(TransactionState.FINALIZED));

        verify(outcomes).accepted(claimed.commandId());
    }

    @Test
    void aCommittedTransactionWithOthersStillToGoDoesNotEndTheCommand() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markCommitted(claimed, "COMMITTED")).thenReturn(true);
        when(transactions.allCommitted(claimed.commandId())).thenReturn(false);

        results.observed(claimed, status(TransactionState.COMMITTED));

        verify(outcomes, never()).accepted(any());
    }

    @Test
    void aFailedTransactionRejectsTheCommandWithTheRegistrysMessage() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markFailed(claimed, "invalid header signature")).thenReturn(true);

        results.observed(claimed, new RegistryStatus(TransactionState.FAILED, "invalid header signature"));

        verify(outcomes).rejected(claimed.commandId(), "invalid header signature");
    }

    @Test
    void aFailureWithoutMessageStillRejectsWithAReason() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markFailed(any(), anyString())).thenReturn(true);

        results.observed(claimed, status(TransactionState.FAILED));

        verify(outcomes).rejected(claimed.commandId(), "the registry reported the transaction as failed");
    }

    @Test
    void aResultWhoseLeaseWasLostEndsNothing() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, FIRST_POLL);
        when(transactions.markCommitted(any(), anyString())).thenReturn(false);
        when(transactions.allCommitted(any())).thenReturn(true);

        results.observed(claimed, status(TransactionState.COMMITTED));

        verify(outcomes, never()).accepted(any());
        assertThat(meters.counter("relay.registry.transactions.committed").count()).isZero();
    }

    @Test
    void aFailedCallLeavesTheStateAndIsRepeatedAfterTheCurrentWait() {
        ClaimedTransaction claimed = sentAgo(Duration.ofSeconds(1), false, Duration.ofSeconds(4));
        when(transactions.retryLater(any(), any(), any())).thenReturn(true);

        results.callFailed(claimed, Status.UNAVAILABLE.asRuntimeException());

        verify(transactions).retryLater(claimed, Duration.ofSeconds(4), MAX_POLL);
        assertThat(meters.counter("relay.registry.calls.failed", "code", "UNAVAILABLE").count()).isEqualTo(1);
    }

    private double stuckCount() {
        return meters.counter("relay.registry.transactions.stuck").count();
    }

    private static RegistryStatus status(TransactionState state) {
        return new RegistryStatus(state, "");
    }

    private static ClaimedTransaction sentAgo(Duration age, boolean stuckReported, Duration nextWait) {
        return new ClaimedTransaction("tx-" + UUID.randomUUID(), UUID.randomUUID(), 0, new byte[0], DeliveryState.SENT,
                UUID.randomUUID(), nextWait, Instant.now().minus(age), stuckReported, 0, 1, null, false);
    }

    private static RegistryProperties properties() {
        return new RegistryProperties("127.0.0.1:9090", "test", "secret", false, "", Duration.ofSeconds(10),
                new RegistryProperties.Dispatch(Duration.ofMillis(100), 100, 500, FIRST_POLL, MAX_POLL, MAX_STATUS_POLL, STUCK_AFTER, 3,
                        Duration.ofMillis(200), 4, null));
    }
}
