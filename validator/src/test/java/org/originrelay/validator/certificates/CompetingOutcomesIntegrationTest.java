package org.originrelay.validator.certificates;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.validator.EventTraffic;
import org.originrelay.validator.Reconciliations;
import org.originrelay.validator.ValidatorView;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.originrelay.validator.ValidatorView.issue;

/**
 * Two instances applying outcomes at once (#11): two transactions on the real database applying sibling
 * slices' transfers of one certificate, and outcomes delivered out of order, as competing consumers may.
 */
@SpringBootTest(properties = {"spring.config.name=validator", "relay.messaging.retry.initial-delay=200ms",
        "relay.messaging.retry.multiplier=1.5"})
class CompetingOutcomesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "validator");
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
    CertificateView certificates;
    @Autowired
    TransactionTemplate transactions;

    private EventTraffic traffic;
    private ValidatorView view;

    @BeforeEach
    void watch() {
        traffic = new EventTraffic(rabbit, admin, names);
        view = new ValidatorView(traffic, jdbc);
    }

    @AfterEach
    void stopWatching() {
        traffic.close();
    }

    @Test
    void twoAppliersOfSiblingSlicesOutcomesApplyOneAfterTheOtherAndLoseNeither() throws Exception {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        SliceCertificateRequested cut = cut(issued);
        UUID first = cut.newSliceIds().get(0);
        UUID second = cut.newSliceIds().get(1);
        TransferSliceRegistryAccepted toBob = accepted(issued, first, "bob", 600);
        TransferSliceRegistryAccepted toCarol = accepted(issued, second, "carol", 400);

        // Own threads: the common pool may have a single worker on a small machine.
        ExecutorService appliers = Executors.newFixedThreadPool(2);
        CountDownLatch firstApplied = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> holdingTheLock = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            certificates.accepted(toBob);
            firstApplied.countDown();
            awaitLatch(mayCommit);
        }), appliers);
        assertThat(firstApplied.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> competing = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(tx -> certificates.accepted(toCarol)), appliers);

        // The second applier waits for the first one's lock on the certificate row instead of reading around it.
        await().atMost(WAIT).until(this::someoneWaitsForALock);
        assertThat(competing).isNotDone();
        mayCommit.countDown();
        CompletableFuture.allOf(holdingTheLock, competing).get(15, TimeUnit.SECONDS);
        appliers.shutdown();

        assertThat(owners(issued.certificateId())).containsExactlyInAnyOrder(first + " bob", second + " carol");
    }

    @Test
    void anOutcomeOvertakingTheOneThatCreatesItsSliceWaitsForIt() {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        SliceCertificateRequested cut = new SliceCertificateRequested(UUID.randomUUID(), issued.certificateId(),
                issued.sliceId(), List.of(600L, 400L), List.of(UUID.randomUUID(), UUID.randomUUID()), "alice");
        traffic.publish(cut);
        var validated = (SliceCertificateValidated) view.answer();
        UUID newSlice = cut.newSliceIds().get(1);

        traffic.publish(accepted(issued, newSlice, "bob", 400));
        traffic.publish(validated.registryAccepted());

        await().atMost(WAIT).untilAsserted(() -> assertThat(owners(issued.certificateId()))
                .containsExactlyInAnyOrder(cut.newSliceIds().get(0) + " alice", newSlice + " bob"));
    }

    @Test
    void aReconciliationRacingTheOutcomeThatCreatesTheCertificateIsAppliedOverWhatItCreated() throws Exception {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, 1000, "alice");
        var issued = issue.validated().registryAccepted();
        UUID allocation = UUID.randomUUID();
        CertificateReconciled allocated = Reconciliations.of(issue, 2,
                Reconciliations.slice(issue.sliceId(), "alice", 1000, SliceState.ALLOCATED, allocation));
        ExecutorService appliers = Executors.newFixedThreadPool(2);
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            certificates.accepted(issued);
            created.countDown();
            awaitLatch(mayCommit);
        }), appliers);
        assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();
        // It finds no certificate yet, and its own creation has to wait for the uncommitted one.
        CompletableFuture<Void> reconciling = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(tx -> certificates.reconciled(allocated)), appliers);
        await().atMost(WAIT).until(this::someoneWaitsForALock);
        assertThat(reconciling).isNotDone();
        mayCommit.countDown();
        CompletableFuture.allOf(creating, reconciling).get(15, TimeUnit.SECONDS);
        appliers.shutdown();

        assertThat(jdbc.sql("select state || ' ' || allocation_id from slice where slice_id = :id")
                .param("id", issue.sliceId()).query(String.class).single()).isEqualTo("ALLOCATED " + allocation);
        assertThat(jdbc.sql("select reconciled_transactions from certificate where certificate_id = :id")
                .param("id", issue.certificateId()).query(Long.class).single()).isEqualTo(2L);
    }

    /** Cuts the issued slice 600/400 through validation and the registry's acceptance. */
    private SliceCertificateRequested cut(IssueCertificateRequested issued) {
        SliceCertificateRequested cut = new SliceCertificateRequested(UUID.randomUUID(), issued.certificateId(),
                issued.sliceId(), List.of(600L, 400L), List.of(UUID.randomUUID(), UUID.randomUUID()), "alice");
        traffic.publish(cut);
        traffic.publish(((SliceCertificateValidated) view.answer()).registryAccepted());
        view.awaitSliceIn(cut.newSliceIds().get(1), "AVAILABLE");
        return cut;
    }

    private static TransferSliceRegistryAccepted accepted(IssueCertificateRequested issued, UUID sliceId, String receiver,
            long quantity) {
        return new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), sliceId, receiver, "alice")
                .validated("alice", quantity).registryAccepted();
    }

    private boolean someoneWaitsForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
                """).query(Long.class).single() > 0;
    }

    private List<String> owners(UUID certificateId) {
        return jdbc.sql("select slice_id, owner from slice where certificate_id = :id").param("id", certificateId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first applier commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
