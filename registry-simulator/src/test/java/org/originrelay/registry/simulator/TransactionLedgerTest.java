package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

class TransactionLedgerTest {

    private final OwnerKeys keys = OwnerKeys.fromSecret("ledger-secret");
    private final UUID certificate = UUID.randomUUID();
    private final Transaction issue = new TransactionFactory("test-registry", keys,
            CommitmentScheme.HASH.commitments("ledger-secret")).issue(certificate, UUID.randomUUID(),
            GranularCertificateType.PRODUCTION, Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-01T01:00:00Z"), "DK1", 1000, "alice");
    private final String id = TransactionIds.of(issue);

    @Test
    void concurrentReceiptsAreAllCounted() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (TransactionLedger ledger = ledger(Duration.ofMinutes(1))) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int sender = 0; sender < 4; sender++) {
                tasks.add(() -> {
                    for (int i = 0; i < 250; i++) {
                        ledger.receive(List.of(issue));
                    }
                    return null;
                });
            }
            for (Future<Void> done : senders.invokeAll(tasks)) {
                done.get();
            }

            assertThat(ledger.receiveCount(id)).isEqualTo(1000);
            assertThat(ledger.totalReceived()).isEqualTo(1000);
            assertThat(ledger.status(id)).isEqualTo(TransactionStatus.PENDING);
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void resendsWhilePendingAreCommittedOnce() {
        try (TransactionLedger ledger = ledger(Duration.ofMillis(200))) {
            ledger.receive(List.of(issue, issue));
            ledger.receive(List.of(issue));

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> ledger.status(id).state() != TransactionState.PENDING);

            assertThat(ledger.status(id)).isEqualTo(TransactionStatus.COMMITTED);
            assertThat(ledger.committed(certificate.toString())).containsExactly(issue);
            assertThat(ledger.receiveCount(id)).isEqualTo(3);
        }
    }

    private TransactionLedger ledger(Duration commitDelay) {
        Streams streams = new Streams("test-registry");
        return new TransactionLedger(commitDelay, streams,
                new CommitRules(streams, RegistrySimulator.issuerKeysFrom(keys), CommitmentScheme.HASH.verifier()));
    }
}
