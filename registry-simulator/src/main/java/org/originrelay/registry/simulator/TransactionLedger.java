package org.originrelay.registry.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Block;
import org.originrelay.registry.protocol.v1.registry.MerkleProof;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Receipts, statuses and the delayed commit of transactions. One lock guards all state, and commits run on
 * a single scheduler thread: with the same delay for every transaction and scheduling done under the lock,
 * the scheduler fires them in receipt order, so each stream sees its transactions in the order they came.
 */
final class TransactionLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLedger.class);
    static final String RESUBMITTED = "transaction already committed (resubmitted)";
    static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofSeconds(1);

    private final Duration commitDelay;
    private final Streams streams;
    private final CommitRules rules;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("registry-simulator-commits").daemon().factory());
    private final Map<String, TransactionStatus> statuses = new HashMap<>();
    private final Map<String, Long> receipts = new HashMap<>();
    private final List<ForcedFailure> forcedFailures = new ArrayList<>();
    private final Blocks blocks = new Blocks();
    private final Clock clock;
    private long totalReceived;
    private final List<Transaction> received = new ArrayList<>();

    TransactionLedger(Duration commitDelay, Streams streams, CommitRules rules) {
        this(commitDelay, streams, rules, DEFAULT_BLOCK_INTERVAL, Clock.systemUTC());
    }

    /**
     * Cuts a block of the newly committed transactions every {@code blockInterval}, as the registry's
     * block finalizer does; on the commit thread, so a block never splits what one commit run recorded.
     */
    TransactionLedger(Duration commitDelay, Streams streams, CommitRules rules, Duration blockInterval, Clock clock) {
        this.commitDelay = commitDelay;
        this.streams = streams;
        this.rules = rules;
        this.clock = clock;
        committer.scheduleWithFixedDelay(this::cutBlock, blockInterval.toNanos(), blockInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    synchronized void receive(List<Transaction> transactions) {
        for (Transaction transaction : transactions) {
            String id = TransactionIds.of(transaction);
            totalReceived++;
            received.add(transaction);
            receipts.merge(id, 1L, Long::sum);
            TransactionStatus status = statuses.get(id);
            LOG.info("received transaction {} ({} time(s), was {})", id, receipts.get(id),
                    status == null ? "new" : status.state());
            if (status == null) {
                statuses.put(id, TransactionStatus.PENDING);
                // The commit's log lines carry the trace of the call that sent the transaction.
                Map<String, String> trace = MDC.getCopyOfContextMap();
                committer.schedule(() -> inContext(trace, () -> commit(id, transaction)), commitDelay.toNanos(),
                        TimeUnit.NANOSECONDS);
            } else if (status.state() == TransactionState.COMMITTED) {
                // The real registry is not idempotent (its issue #199): a resent committed transaction is
                // processed again, fails, and its status is overwritten. Clients must not resend blindly.
                statuses.put(id, TransactionStatus.failed(RESUBMITTED));
            }
            // A resent PENDING or FAILED transaction is only counted.
        }
    }

    synchronized TransactionStatus status(String id) {
        return statuses.getOrDefault(id, TransactionStatus.UNKNOWN);
    }

    synchronized long receiveCount(String id) {
        return receipts.getOrDefault(id, 0L);
    }

    synchronized long totalReceived() {
        return totalReceived;
    }

    synchronized List<Transaction> received() {
        return List.copyOf(received);
    }

    /** Transactions received more than once (resends), and the most receipts of one transaction. */
    synchronized ReceiptSummary receiptSummary() {
        long resent = receipts.values().stream().filter(count -> count > 1).count();
        long most = receipts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new ReceiptSummary(totalReceived, receipts.size(), resent, most);
    }

    /** For benchmarks and operators: how many receipts, of how many transactions, how many resent. */
    record ReceiptSummary(long received, long transactions, long resentTransactions, long mostReceipts) {

        String toJson() {
            return "{\"received\":%d,\"transactions\":%d,\"resentTransactions\":%d,\"mostReceipts\":%d}"
                    .formatted(received, transactions, resentTransactions, mostReceipts);
        }
    }

    synchronized List<Transaction> committed(String streamId) {
        return streams.committed(streamId);
    }

    synchronized List<Block> blocks(int skip, int limit, boolean includeTransactions) {
        return blocks.blocks(skip, limit, includeTransactions);
    }

    synchronized Optional<MerkleProof> proof(String transactionId) {
        return blocks.proof(transactionId);
    }

    private synchronized void cutBlock() {
        if (blocks.cut(clock.instant())) {
            LOG.debug("cut a new block");
        }
    }

    synchronized void forceFailure(Predicate<Transaction> matcher, String message) {
        forcedFailures.add(new ForcedFailure(matcher, message));
    }

    synchronized void clearForcedFailures() {
        forcedFailures.clear();
    }

    private void commit(String id, Transaction transaction) {
        // Outside the lock: proof verification must not hold up receipts and status calls.
        rules.precheck(transaction);
        record(id, transaction);
    }

    private synchronized void record(String id, Transaction transaction) {
        TransactionStatus outcome = forcedFailure(transaction)
                .map(TransactionStatus::failed)
                .orElseGet(() -> apply(transaction));
        statuses.put(id, outcome);
        LOG.atLevel(outcome.state() == TransactionState.FAILED ? Level.INFO : Level.DEBUG)
                .log("transaction {} {} {}", id, outcome.state(), outcome.message());
    }

    private static void inContext(Map<String, String> context, Runnable work) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }

    private Optional<String> forcedFailure(Transaction transaction) {
        return forcedFailures.stream()
                .filter(failure -> failure.matcher().test(transaction))
                .map(ForcedFailure::message)
                .findFirst();
    }

    private TransactionStatus apply(Transaction transaction) {
        try {
            rules.commit(transaction);
            blocks.append(transaction);
            return TransactionStatus.COMMITTED;
        } catch (Rejection rejection) {
            return TransactionStatus.failed(rejection.getMessage());
        } catch (RuntimeException bug) {
            // Fail loudly rather than leave the transaction PENDING forever for a client that polls.
            LOG.warn("could not process a transaction", bug);
            return TransactionStatus.failed("simulator error: " + bug);
        }
    }

    @Override
    public void close() {
        committer.shutdownNow();
    }

    private record ForcedFailure(Predicate<Transaction> matcher, String message) {
    }
}
