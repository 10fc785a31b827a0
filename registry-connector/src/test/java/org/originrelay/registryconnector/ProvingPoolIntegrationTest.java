package org.originrelay.registryconnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryRejected;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.commands.CommandIntake;
import org.originrelay.registryconnector.commands.ProvingPool;
import org.originrelay.registryconnector.commands.RegistryTransactions;
import org.originrelay.registryconnector.operations.CommandStatusQueries;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issuances are built (proved) by the proving pool, off the consumer. The prover here is the real one
 * behind a gate a test can close for one command, so "still proving" is a state the test holds, not a
 * race it hopes to win.
 */
@SpringBootTest(properties = {
        "spring.config.name=registry-connector",
        "spring.main.web-application-type=none",
        "relay.registry.call-deadline=2s",
        "relay.registry.dispatch.tick=50ms",
        "relay.registry.dispatch.first-poll=100ms",
        "relay.registry.dispatch.max-poll=500ms",
        "relay.registry.proving.threads=2",
        "relay.registry.proving.poll=200ms",
        "relay.registry.reconciliation.sweep-quiet-period=1h",
        // This is about who builds when, not the cryptography: the fast test-only commitments (ADR 0006).
        "relay.registry.commitments=hash"})
class ProvingPoolIntegrationTest {

    private static final String KEY_SECRET = "proving-pool-test-secret-0123456789abcdef";
    private static final String REGISTRY_NAME = "proving-pool-test";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final RegistrySimulator registry =
            ConnectorTestRegistry.start(REGISTRY_NAME, KEY_SECRET, Duration.ofMillis(100), CommitmentScheme.HASH);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        ConnectorTestRegistry.register(properties, registry, REGISTRY_NAME, KEY_SECRET);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @TestConfiguration
    static class GatedProving {
        @Bean
        @Primary
        GatedRegistryTransactions gatedRegistryTransactions(TransactionFactory factory) {
            return new GatedRegistryTransactions(factory);
        }
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommandStore commandStore;
    @Autowired
    CommandIntake intake;
    @Autowired
    ProvingPool pool;
    @Autowired
    GatedRegistryTransactions prover;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CommandStatusQueries statusQueries;

    private CertificateEventsProbe probe;

    @BeforeEach
    void listenForOutcomes() {
        probe = new CertificateEventsProbe(rabbit, admin, names);
    }

    @AfterEach
    void openEveryGateAndRestartThePool() {
        prover.openAll();
        if (!pool.isRunning()) {
            pool.start();
        }
        probe.close();
    }

    @Test
    void aTransferValidatedAfterASlowIssuanceIsSentAndAcceptedWhileTheIssuanceIsStillProving() {
        IssueCertificateValidated earlier = anIssue("olivia", 100);
        probe.publish(earlier);
        assertThat(probe.awaitOutcome(earlier.commandId(), PATIENCE).routingKey())
                .isEqualTo("issue-certificate.registry-accepted");
        IssueCertificateValidated slow = anIssue("paul", 200);
        Gate gate = prover.close(slow.commandId());
        probe.publish(slow);
        gate.awaitEntered(1);

        TransferSliceValidated transfer = new TransferSliceValidated(UUID.randomUUID(), earlier.certificateId(),
                earlier.sliceId(), "quinn", "olivia", 100, "olivia");
        probe.publish(transfer);

        assertThat(probe.awaitOutcome(transfer.commandId(), PATIENCE).routingKey())
                .isEqualTo("transfer-slice.registry-accepted");
        assertThat(gate.entered()).as("the issuance is still being proved").isEqualTo(1);
        assertThat(storedTransactions(slow.commandId())).isEmpty();
        assertThat(awaitingBuild(slow.commandId())).isTrue();
        assertThat(meters.get("relay.registry.proving.queue").gauge().value()).isGreaterThanOrEqualTo(1);

        gate.open();
        assertThat(probe.awaitOutcome(slow.commandId(), PATIENCE).routingKey())
                .isEqualTo("issue-certificate.registry-accepted");
        assertEachSentOnce(slow.commandId(), 1);
        assertThat(awaitingBuild(slow.commandId())).isFalse();
        assertThat(meters.get("relay.registry.proving.build").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void twoBuildersRacingForTheSameCommandBuildItOnce() throws Exception {
        pool.stop();
        IssueCertificateValidated issue = anIssue("rita", 300);
        Gate gate = prover.close(issue.commandId());
        storeAwaitingBuild(issue);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(this::buildNextInItsOwnTransaction);
        gate.awaitEntered(1);
        // The first builder holds the command while it proves: a second one (another thread or instance) passes it by.
        assertThat(buildNextInItsOwnTransaction()).isFalse();
        gate.open();
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(buildNextInItsOwnTransaction()).isFalse();

        assertThat(gate.entered()).isEqualTo(1);
        assertThat(storedTransactions(issue.commandId())).singleElement()
                .isEqualTo(TransactionIds.of(prover.builtFor(issue.commandId()).getFirst()));
        pool.start();
        assertThat(probe.awaitOutcome(issue.commandId(), PATIENCE).routingKey())
                .isEqualTo("issue-certificate.registry-accepted");
        assertEachSentOnce(issue.commandId(), 1);
    }

    @Test
    void aBuildCutShortBeforeItsCommitLeavesNothingAndTheCommandIsBuiltAgainAndSentOnce() {
        pool.stop();
        IssueCertificateValidated issue = anIssue("sam", 400);
        storeAwaitingBuild(issue);

        // Everything a build does, stored, then rolled back as a crash before the commit would.
        transactions.executeWithoutResult(status -> {
            assertThat(intake.buildNextAwaiting()).isTrue();
            assertThat(storedTransactions(issue.commandId())).hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(storedTransactions(issue.commandId())).isEmpty();
        assertThat(awaitingBuild(issue.commandId())).isTrue();
        // Not stored yet, but to be sent: operators' tools (the validator's reservation release) must wait.
        assertThat(statusQueries.statusOf(issue.commandId()))
                .isEqualTo(new RegistryCommandStatus(issue.commandId(), true, "IN_PROGRESS", 1, 0));
        String lostId = TransactionIds.of(prover.builtFor(issue.commandId()).getFirst());

        pool.start();
        assertThat(probe.awaitOutcome(issue.commandId(), PATIENCE).routingKey())
                .isEqualTo("issue-certificate.registry-accepted");
        assertThat(prover.builtFor(issue.commandId())).hasSize(2);
        String builtAgainId = TransactionIds.of(prover.builtFor(issue.commandId()).get(1));
        assertThat(storedTransactions(issue.commandId())).containsExactly(builtAgainId);
        assertEachSentOnce(issue.commandId(), 1);
        assertThat(registry.receiveCount(lostId)).isZero();
    }

    @Test
    void anIssuanceThatCannotBeBuiltIsRejectedByThePoolWithTheReason() {
        Instant instant = Instant.parse("2026-11-01T00:00:00Z");
        IssueCertificateValidated unbuildable = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", instant, instant, 10, "tom", "tom");
        probe.publish(unbuildable);

        var outcome = probe.awaitOutcome(unbuildable.commandId(), PATIENCE);
        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-rejected");
        assertThat(((IssueCertificateRegistryRejected) outcome.event()).reason())
                .startsWith("cannot build the registry transaction");
        assertThat(storedTransactions(unbuildable.commandId())).isEmpty();
        assertThat(awaitingBuild(unbuildable.commandId())).isFalse();
    }

    private boolean buildNextInItsOwnTransaction() {
        return Boolean.TRUE.equals(transactions.execute(status -> intake.buildNextAwaiting()));
    }

    private void storeAwaitingBuild(IssueCertificateValidated issue) {
        transactions.executeWithoutResult(status ->
                assertThat(commandStore.insert(issue, EventMetadata.forEvent(issue, null), true)).isTrue());
    }

    private List<String> storedTransactions(UUID commandId) {
        return jdbc.sql("select transaction_id from registry_transaction where command_id = :c order by position")
                .param("c", commandId).query(String.class).list();
    }

    private boolean awaitingBuild(UUID commandId) {
        return jdbc.sql("select awaiting_build from registry_command where command_id = :c")
                .param("c", commandId).query(Boolean.class).single();
    }

    private void assertEachSentOnce(UUID commandId, int expected) {
        List<String> ids = storedTransactions(commandId);
        assertThat(ids).hasSize(expected);
        ids.forEach(id -> assertThat(registry.receiveCount(id)).as("receipts of %s", id).isEqualTo(1));
    }

    private static IssueCertificateValidated anIssue(String owner, long quantity) {
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), quantity, owner, owner);
    }


    /** The real transactions, behind a gate per command that a test may close; remembers what it built. */
    static final class GatedRegistryTransactions extends RegistryTransactions {

        private final Map<UUID, Gate> gates = new ConcurrentHashMap<>();
        private final Map<UUID, List<Transaction>> built = new ConcurrentHashMap<>();

        GatedRegistryTransactions(TransactionFactory factory) {
            super(factory);
        }

        Gate close(UUID commandId) {
            Gate gate = new Gate();
            gates.put(commandId, gate);
            return gate;
        }

        void openAll() {
            gates.values().forEach(Gate::open);
        }

        List<Transaction> builtFor(UUID commandId) {
            return built.getOrDefault(commandId, List.of());
        }

        @Override
        public List<Transaction> of(CertificateEvent validated) {
            Gate gate = gates.get(validated.commandId());
            if (gate != null) {
                gate.pass();
            }
            List<Transaction> transactions = super.of(validated);
            built.computeIfAbsent(validated.commandId(), id -> new CopyOnWriteArrayList<>()).addAll(transactions);
            return transactions;
        }
    }

    /** Holds every builder that reaches it until opened (at most the test's patience). */
    static final class Gate {

        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger entered = new AtomicInteger();

        void pass() {
            entered.incrementAndGet();
            try {
                if (!opened.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
        }

        void awaitEntered(int builders) {
            await().atMost(PATIENCE).until(() -> entered.get() >= builders);
        }

        int entered() {
            return entered.get();
        }

        void open() {
            opened.countDown();
        }
    }
}
