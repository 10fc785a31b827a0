package org.originrelay.registryconnector.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.ReconciledSlice;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted.Outcome;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registryconnector.persistence.CommandState;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.Due;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.OwnCommand;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.OwnTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides one reconciliation from the stream just read, in one database transaction under the lock of the
 * certificate's announcement: what was announced is the stream up to the last {@code CertificateReconciled}
 * plus the transactions of the connector's own commands that were accepted (or are still on their way, and
 * will be announced when they end). Anything else the stream holds, or anything it lacks, is a difference;
 * then the registry's state is announced and becomes the new last announced state.
 */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ReconciliationStore store;
    private final CertificateKnowledge knowledge;
    private final ReconciliationEvents events;
    private final ReconciliationMetrics metrics;

    public Reconciler(ReconciliationStore store, CertificateKnowledge knowledge, ReconciliationEvents events,
            ReconciliationMetrics metrics) {
        this.store = store;
        this.knowledge = knowledge;
        this.events = events;
        this.metrics = metrics;
    }

    /** What became of a reconciliation. */
    public sealed interface Decision {
    }

    /** It ended with this outcome. */
    public record Decided(Outcome outcome, List<String> differences) implements Decision {
    }

    /** It did not end here: the read was older than the last announcement (read again), or another instance decided it. */
    public enum NotDecided implements Decision {
        STALE,
        DECIDED_ELSEWHERE
    }

    @Transactional
    public Decision decide(Due due, List<Transaction> stream) {
        UUID certificateId = due.certificateId();
        if (!store.lockDue(due.reconciliationId())) {
            return NotDecided.DECIDED_ELSEWHERE;
        }
        int announcedTransactions = store.lockAnnouncement(certificateId);
        if (stream.size() < announcedTransactions) {
            // Read before another reconciliation announced a longer stream (a lagging registry node).
            return NotDecided.STALE;
        }
        List<OwnCommand> commands = store.ownCommands(certificateId);
        if (stream.isEmpty() && commands.isEmpty()) {
            return finish(due, Outcome.FAILED, List.of("neither the registry nor Origin Relay knows certificate "
                    + certificateId));
        }
        Map<String, OwnTransaction> own = store.ownTransactions(certificateId);
        StreamState announced = StreamDecoder.decode(certificateId, stream,
                position -> position < announcedTransactions || announcedByItsCommand(stream.get(position), own));
        StreamState registry = StreamDecoder.decode(certificateId, stream);
        CertificateKnowledge.Known known = knowledge.of(certificateId, commands);
        List<String> differences = StateDiff.differences(announced, registry, known.names(), announcedTransactions);
        metrics.streamRead(due.startedBy());
        metrics.unreadable(registry.anomalies().stream().filter(a -> a.position() >= announcedTransactions).count());
        if (differences.isEmpty()) {
            return finish(due, Outcome.IN_AGREEMENT, differences);
        }
        metrics.differences(differences.size());
        CertificateReconciled reconciled = reconciled(due, registry, known, differences);
        events.reconciled(reconciled, due);
        store.announce(certificateId, stream.size(), Json.write(reconciled.slices()), due.reconciliationId());
        metrics.repaired();
        log.warn("Certificate {} differed from the registry ({} by {}); announced the registry's state: {}",
                certificateId, due.reconciliationId(), due.startedBy(), differences);
        return finish(due, Outcome.REPAIRED, differences);
    }

    /** The stream could not be read, as often as allowed. */
    @Transactional
    public Decision unreadable(Due due, String why) {
        if (!store.lockDue(due.reconciliationId())) {
            return NotDecided.DECIDED_ELSEWHERE;
        }
        return finish(due, Outcome.FAILED, List.of("the registry stream of certificate " + due.certificateId()
                + " could not be read: " + why));
    }

    private Decision finish(Due due, Outcome outcome, List<String> differences) {
        if (store.finish(due.reconciliationId(), outcome.name(), differences) && "operator".equals(due.startedBy())) {
            events.completed(due, outcome, differences);
        }
        return new Decided(outcome, differences);
    }

    private static boolean announcedByItsCommand(Transaction transaction, Map<String, OwnTransaction> own) {
        OwnTransaction mine = own.get(TransactionIds.of(transaction));
        return mine != null && mine.commandState() != CommandState.REJECTED;
    }

    private static CertificateReconciled reconciled(Due due, StreamState registry, CertificateKnowledge.Known known,
            List<String> differences) {
        List<ReconciledSlice> slices = new ArrayList<>();
        for (RegistrySlice slice : registry.slices().values()) {
            var named = known.names().slice(slice.sliceHash());
            slices.add(new ReconciledSlice(named.map(SliceNames.KnownSlice::sliceId).orElse(null), slice.sliceHash(),
                    known.names().owner(slice.ownerKey()), named.map(SliceNames.KnownSlice::quantity).orElse(null),
                    named.isPresent(), slice.state(), slice.allocationId()));
        }
        StreamState.Issuance issued = registry.issued();
        return new CertificateReconciled(due.reconciliationId(), due.certificateId(), due.startedBy(),
                registry.transactions(), issued == null ? null : issued.type(),
                issued == null ? null : issued.gridArea(), issued == null ? null : issued.start(),
                issued == null ? null : issued.end(), known.quantity(), slices, differences);
    }
}
