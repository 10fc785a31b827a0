package org.originrelay.commandapi.deadletters.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.originrelay.commandapi.commands.CommandView;
import org.originrelay.commandapi.deadletters.DeadLetterOperations.QueueSummary;
import org.originrelay.commandapi.deadletters.FailureGroup;
import org.originrelay.commandapi.deadletters.OperationRun;

/** The JSON shapes of the dead-letter API (besides {@link DeadLetterView}). */
final class Views {

    private Views() {
    }

    /**
     * @param messages {@code null} when the broker has no such queue yet
     * @param replayTarget where a replay sends its messages
     */
    record QueueView(String queue, String service, String sourceQueue, String replayTarget, Long messages,
            Instant oldestParkedAt, Long oldestAgeSeconds, boolean declared) {

        static QueueView of(QueueSummary summary, Instant now) {
            var queue = summary.queue();
            String target = queue.replaysToExchange()
                    ? "exchange " + queue.replayExchange() + " (original routing key)"
                    : "queue " + (queue.sourceQueue() == null ? "(original queue)" : queue.sourceQueue());
            return new QueueView(queue.name(), queue.service(), queue.sourceQueue(), target, summary.messages(),
                    summary.oldestParkedAt(),
                    summary.oldestParkedAt() == null ? null : Duration.between(summary.oldestParkedAt(), now).toSeconds(),
                    summary.messages() != null);
        }
    }

    record GroupView(String queue, String exceptionClass, String reason, String exampleReason, int count,
            Instant firstFailureAt, Instant lastFailureAt, Set<String> types, Set<String> services,
            List<String> sampleMessageIds) {

        static GroupView of(FailureGroup group) {
            return new GroupView(group.queue(), group.exceptionClass(), group.reason(), group.exampleReason(),
                    group.count(), group.firstFailureAt(), group.lastFailureAt(), group.types(), group.services(),
                    group.sampleMessageIds());
        }
    }

    record OperationView(UUID operationId, String action, String queue, String operator, String status,
            int planned, int done, Integer ratePerSecond, Instant startedAt, Instant finishedAt, String detail,
            String self) {

        static OperationView of(OperationRun run) {
            return new OperationView(run.id(), run.action(), run.queue(), run.operator(), run.status().name(),
                    run.planned(), run.done(), run.ratePerSecond(), run.startedAt(), run.finishedAt(), run.detail(),
                    "/api/v1/dead-letters/operations/" + run.id());
        }
    }

    /** Another dead letter of the same correlation, without its body. */
    record CorrelatedLetter(String queue, String messageId, String type, String exceptionClass, String reason,
            Instant parkedAt, String self) {
    }

    record CorrelationView(String correlationId, List<CorrelatedLetter> deadLetters, CommandView command,
            String commandLink) {
    }
}
