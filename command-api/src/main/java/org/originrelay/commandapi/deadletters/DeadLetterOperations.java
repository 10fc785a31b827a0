package org.originrelay.commandapi.deadletters;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.originrelay.commandapi.deadletters.persistence.DeadLetterAuditLog;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.DeadLetterFilter;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.deadletter.Disposition;
import org.originrelay.messaging.deadletter.NoSuchDeadLetterQueue;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The operator's work on every service's dead-letter queues: look, group, find, and replay or discard a
 * selection. Every replay or discard is planned first by reading the queue (the dry run's answer), then
 * moves exactly the planned messages, paced by a rate limit, and is audited with the operator's name.
 */
@Service
public class DeadLetterOperations {

    private static final Logger audit = LoggerFactory.getLogger("audit.dead-letters");
    private static final int KEPT_RUNS = 200;

    public enum Action { REPLAY, DISCARD }

    /** @param messages {@code null} when the broker has no such queue (its service never started, or it was deleted) */
    public record QueueSummary(DeadLetterCatalog.Queue queue, Long messages, Instant oldestParkedAt) {
    }

    /** A dead letter and the queue it is parked in. */
    public record Located(String queue, DeadLetter letter) {
    }

    private final DeadLetterQueues queues;
    private final DeadLetterCatalog catalog;
    private final DeadLetterAuditLog auditLog;
    private final DiscardNotices notices;
    private final int defaultRate;
    private final int maxRate;
    private final Map<UUID, OperationRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * A message another reader holds unacknowledged is invisible until it is returned, so two reads of one
     * queue at once would each see part of it (the console asks for queues and groups together). Reads of
     * one queue take turns here; a running replay or discard still holds the one message in hand.
     */
    private final Map<String, ReentrantLock> readers = new ConcurrentHashMap<>();

    DeadLetterOperations(DeadLetterQueues queues, DeadLetterCatalog catalog, DeadLetterAuditLog auditLog,
            DiscardNotices notices,
            @Value("${command-api.dead-letters.replay-rate-per-second:100}") int defaultRate,
            @Value("${command-api.dead-letters.max-replay-rate-per-second:1000}") int maxRate) {
        this.queues = queues;
        this.catalog = catalog;
        this.auditLog = auditLog;
        this.notices = notices;
        this.defaultRate = defaultRate;
        this.maxRate = maxRate;
    }

    public List<QueueSummary> summaries() {
        List<QueueSummary> summaries = new ArrayList<>();
        for (DeadLetterCatalog.Queue queue : catalog.all()) {
            Optional<DeadLetterQueues.Depth> depth = reading(queue.brokerName(),
                    () -> call(queue.name(), () -> queues.depth(queue.brokerName())));
            summaries.add(new QueueSummary(queue, depth.map(DeadLetterQueues.Depth::messages).orElse(null),
                    depth.map(DeadLetterQueues.Depth::oldestParkedAt).orElse(null)));
        }
        return summaries;
    }

    /** Failures grouped per queue by exception class and normalised reason, largest group first. */
    public List<FailureGroup> groups(String onlyQueue) {
        List<DeadLetterCatalog.Queue> selected = onlyQueue == null ? catalog.all() : List.of(catalog.require(onlyQueue));
        List<FailureGroup> groups = new ArrayList<>();
        for (DeadLetterCatalog.Queue queue : selected) {
            Map<List<String>, FailureGroup> byKey = new LinkedHashMap<>();
            scanIfDeclared(queue, letter -> byKey.computeIfAbsent(
                    java.util.Arrays.asList(letter.exceptionClass(), letter.normalisedReason()),
                    key -> new FailureGroup(queue.name(), letter.exceptionClass(), letter.normalisedReason()))
                    .add(letter));
            groups.addAll(byKey.values());
        }
        groups.sort(Comparator.comparingInt(FailureGroup::count).reversed().thenComparing(FailureGroup::queue));
        return groups;
    }

    /**
     * Checks the queue is known and reachable, then hands up to {@code limit} messages to {@code sink} as
     * they are read (one body in memory at a time).
     */
    public void browse(String queueName, int limit, Consumer<DeadLetter> sink) {
        DeadLetterCatalog.Queue queue = catalog.require(queueName);
        reading(queue.brokerName(), () -> call(queueName, () -> {
            try {
                return queues.browse(queue.brokerName(), limit, sink);
            } catch (NoSuchDeadLetterQueue e) {
                return 0L;
            }
        }));
    }

    /** Fails with {@link UnknownDeadLetterQueue} or {@link BrokerUnavailable} before anything is streamed. */
    public void requireReadable(String queueName) {
        DeadLetterCatalog.Queue queue = catalog.require(queueName);
        reading(queue.brokerName(), () -> call(queueName, () -> queues.depth(queue.brokerName())));
    }

    public DeadLetter find(String queueName, String messageId) {
        DeadLetterCatalog.Queue queue = catalog.require(queueName);
        List<DeadLetter> found = new ArrayList<>(1);
        scanIfDeclared(queue, letter -> {
            if (found.isEmpty() && messageId.equals(letter.messageId())) {
                found.add(letter);
            }
        });
        if (found.isEmpty()) {
            throw new NoSuchDeadLetter(queueName, messageId);
        }
        return found.getFirst();
    }

    /** Every dead letter of one correlation (a command's id), in every queue, up to {@code limit}. */
    public List<Located> correlated(String correlationId, int limit) {
        List<Located> found = new ArrayList<>();
        for (DeadLetterCatalog.Queue queue : catalog.all()) {
            scanIfDeclared(queue, letter -> {
                if (found.size() < limit && correlationId.equals(letter.correlationId())) {
                    found.add(new Located(queue.name(), letter));
                }
            });
        }
        return found;
    }

    /** The dry run: what the operation would move, and where, without changing anything. */
    public Plan plan(Action action, String queueName, DeadLetterFilter filter) {
        DeadLetterCatalog.Queue queue = catalog.require(queueName);
        return planning(action, queue, filter).plan;
    }

    /**
     * Plans, refuses a replay with an unreplayable message (422, nothing moved), audits the start, and
     * moves the planned messages, in this thread or (background) in another one.
     */
    public OperationRun run(Action action, String queueName, DeadLetterFilter filter, String operator,
            Integer ratePerSecond, boolean inBackground) {
        DeadLetterCatalog.Queue queue = catalog.require(queueName);
        int rate = ratePerSecond == null ? defaultRate : ratePerSecond;
        if (rate < 1 || rate > maxRate) {
            throw new IllegalArgumentException("ratePerSecond must be between 1 and " + maxRate);
        }
        Planning planning = planning(action, queue, filter);
        if (planning.plan.unreplayableCount() > 0) {
            throw new UnreplayableDeadLetters(planning.plan);
        }
        OperationRun run = new OperationRun(action.name(), queueName, operator, planning.plan.matched(),
                action == Action.REPLAY ? rate : null);
        remember(run);
        auditLog.started(run.id(), run.startedAt(), operator, action.name(), queueName, describe(filter),
                run.planned());
        audit.info("{} by {}: {} message(s) from {} selected by {} (operation {})", action, operator, run.planned(),
                queueName, describe(filter), run.id());
        Runnable work = () -> execute(run, action, queue, filter, planning.selected, rate);
        if (inBackground) {
            background.execute(work);
            return run;
        }
        work.run();
        if (run.status() == OperationRun.Status.FAILED) {
            throw new BrokerUnavailable("the " + action.name().toLowerCase() + " stopped after " + run.done()
                    + " message(s), the rest stays parked: " + run.detail(), null);
        }
        return run;
    }

    /** Discards one message by id; {@link NoSuchDeadLetter} if it is not (or no longer) parked there. */
    public OperationRun discardOne(String queueName, String messageId, String operator) {
        OperationRun run = run(Action.DISCARD, queueName, DeadLetterFilter.byIds(Set.of(messageId)), operator, null, false);
        if (run.planned() == 0) {
            throw new NoSuchDeadLetter(queueName, messageId);
        }
        return run;
    }

    public OperationRun operation(UUID id) {
        OperationRun run = runs.get(id);
        if (run == null) {
            throw new UnknownOperation(id);
        }
        return run;
    }

    public List<OperationRun> operations() {
        return runs.values().stream().sorted(Comparator.comparing(OperationRun::startedAt).reversed()).toList();
    }

    /** Asks a running operation to stop after the message in hand; what it moved stays moved. */
    public OperationRun cancel(UUID id) {
        OperationRun run = operation(id);
        run.cancel();
        return run;
    }

    public List<AuditEntry> audit(int limit, String queue, String messageId) {
        return auditLog.recent(limit, queue, messageId);
    }

    private record Planning(Plan plan, Set<String> selected) {
    }

    private Planning planning(Action action, DeadLetterCatalog.Queue queue, DeadLetterFilter filter) {
        Set<String> managed = action == Action.REPLAY ? catalog.managedQueues() : Set.of();
        Set<String> selected = new HashSet<>();
        List<String> shownIds = new ArrayList<>();
        Map<String, Integer> moves = new LinkedHashMap<>();
        List<Plan.Unreplayable> refused = new ArrayList<>();
        int[] counts = new int[2];
        long examined = scanIfDeclared(queue, letter -> {
            if (!filter.test(letter)) {
                return;
            }
            counts[0]++;
            if (letter.messageId() != null) {
                selected.add(letter.messageId());
            }
            if (shownIds.size() < Plan.SHOWN) {
                shownIds.add(letter.messageId());
            }
            String destination = "discarded";
            if (action == Action.REPLAY) {
                ReplayTarget.Resolution resolution = ReplayTarget.of(queue, letter, managed, catalog);
                if (resolution instanceof ReplayTarget.Refused(String why)) {
                    counts[1]++;
                    if (refused.size() < Plan.SHOWN) {
                        refused.add(new Plan.Unreplayable(letter.messageId(), why));
                    }
                    return;
                }
                destination = ((ReplayTarget.Replayable) resolution).target().description();
            }
            moves.merge(destination, 1, Integer::sum);
        });
        List<Plan.Move> moveList = moves.entrySet().stream().map(e -> new Plan.Move(e.getKey(), e.getValue())).toList();
        return new Planning(new Plan(queue.name(), action.name(), examined, counts[0], moveList, shownIds, counts[1],
                refused), selected);
    }

    private void execute(OperationRun run, Action action, DeadLetterCatalog.Queue queue, DeadLetterFilter filter,
            Set<String> planned, int rate) {
        Set<String> managed = action == Action.REPLAY ? catalog.managedQueues() : Set.of();
        RateLimiter pace = RateLimiter.of("dead-letter-replay-" + run.id(), RateLimiterConfig.custom()
                .limitForPeriod(rate).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5))
                .build());
        List<String> moved = new ArrayList<>();
        try {
            queues.process(queue.brokerName(), letter -> {
                if (run.cancelRequested()) {
                    return Disposition.STOP;
                }
                boolean chosen = letter.messageId() != null ? planned.contains(letter.messageId()) : filter.test(letter);
                if (!chosen || !filter.test(letter)) {
                    return Disposition.KEEP;
                }
                Disposition disposition;
                if (action == Action.REPLAY) {
                    if (!(ReplayTarget.of(queue, letter, managed, catalog) instanceof ReplayTarget.Replayable target)) {
                        return Disposition.KEEP;
                    }
                    RateLimiter.waitForPermission(pace);
                    disposition = target.target().disposition();
                } else {
                    notices.announce(queue.brokerName(), letter, run.operator(), Instant.now());
                    disposition = Disposition.REMOVE;
                }
                return disposition;
            }, letter -> {
                run.moved();
                moved.add(letter.messageId());
            });
            run.finish(run.cancelRequested() ? OperationRun.Status.CANCELLED : OperationRun.Status.COMPLETED, null);
        } catch (IOException | PublishFailedException | RuntimeException e) {
            run.finish(OperationRun.Status.FAILED, e.getMessage());
            audit.warn("{} operation {} on {} failed after {} message(s): {}", action, run.id(), queue.name(),
                    run.done(), e.toString());
        } finally {
            auditLog.finished(run.id(), Instant.now(), run.done(), run.status().name(), run.detail(), moved);
            audit.info("{} operation {} by {} on {}: {} of {} message(s), {}", action, run.id(), run.operator(),
                    queue.name(), run.done(), run.planned(), run.status());
        }
    }

    private long scanIfDeclared(DeadLetterCatalog.Queue queue, Consumer<DeadLetter> sink) {
        return reading(queue.brokerName(), () -> {
            try {
                return queues.browse(queue.brokerName(), Long.MAX_VALUE, sink);
            } catch (NoSuchDeadLetterQueue e) {
                return 0L;
            } catch (IOException e) {
                throw new BrokerUnavailable("could not read dead-letter queue " + queue.name() + ": " + e.getMessage(), e);
            }
        });
    }

    private <T> T reading(String brokerQueue, java.util.function.Supplier<T> read) {
        ReentrantLock turn = readers.computeIfAbsent(brokerQueue, queue -> new ReentrantLock(true));
        turn.lock();
        try {
            return read.get();
        } finally {
            turn.unlock();
        }
    }

    private void remember(OperationRun run) {
        runs.put(run.id(), run);
        if (runs.size() > KEPT_RUNS) {
            runs.values().stream().filter(old -> old.status() != OperationRun.Status.RUNNING)
                    .min(Comparator.comparing(OperationRun::startedAt)).ifPresent(old -> runs.remove(old.id()));
        }
    }

    static String describe(DeadLetterFilter filter) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        if (filter.all()) {
            criteria.put("all", true);
        }
        if (!filter.messageIds().isEmpty()) {
            criteria.put("messageIds", filter.messageIds().stream().sorted().toList());
        }
        Map<String, Object> optional = new HashMap<>();
        optional.put("type", filter.type());
        optional.put("reasonContains", filter.reasonContains());
        optional.put("olderThan", filter.olderThan());
        optional.put("exceptionClass", filter.exceptionClass());
        optional.put("reason", filter.normalisedReason());
        optional.put("correlationId", filter.correlationId());
        optional.entrySet().stream().filter(e -> e.getValue() != null).sorted(Map.Entry.comparingByKey())
                .forEach(e -> criteria.put(e.getKey(), e.getValue().toString()));
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(criteria);
    }

    @FunctionalInterface
    private interface BrokerCall<T> {
        T run() throws IOException, PublishFailedException;
    }

    private static <T> T call(String queue, BrokerCall<T> work) {
        try {
            return work.run();
        } catch (IOException | PublishFailedException e) {
            throw new BrokerUnavailable("could not reach dead-letter queue " + queue + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stopBackgroundWork() {
        runs.values().forEach(OperationRun::cancel);
        background.shutdown();
    }
}
