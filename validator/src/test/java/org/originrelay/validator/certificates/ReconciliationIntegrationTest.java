package org.originrelay.validator.certificates;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.contracts.reconciliation.ReconciledSlice;
import org.originrelay.contracts.reconciliation.RegistryState;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.originrelay.validator.Reconciliations.slice;
import static org.originrelay.validator.ValidatorView.issue;

/** The registry wins: a reconciliation replaces the validator's view of a certificate and ends moved holds. */
@SpringBootTest(properties = "spring.config.name=validator")
class ReconciliationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    private EventTraffic traffic;
    private ValidatorView view;
    private Reconciliations reconciliations;

    @BeforeEach
    void watch() {
        traffic = new EventTraffic(rabbit, admin, names);
        view = new ValidatorView(traffic, jdbc);
        reconciliations = new Reconciliations(traffic, names);
    }

    @AfterEach
    void stopWatching() {
        traffic.close();
    }

    @Test
    void theRegistrysStateReplacesTheViewAndHoldsOnMovedSlicesEnd() {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        var held = transfer(issued, issued.sliceId(), "bob", "alice");
        traffic.publish(held);
        assertThat(view.answer()).isInstanceOf(TransferSliceValidated.class);
        UUID kept = UUID.randomUUID();
        // As long as a DER-encoded public key in base64url (88 bytes): longer than any owner id given out here.
        String stranger = "external:" + "AbCd".repeat(30);
        var foreign = new ReconciledSlice(null, "Zm9yZWlnbg==", stranger, null, false, SliceState.AVAILABLE, null);

        reconciliations.publish(Reconciliations.of(issued, 3, slice(kept, "alice", 400, SliceState.AVAILABLE, null),
                foreign));

        UUID foreignId = RegistryState.sliceIdOf(foreign);
        await().atMost(WAIT).until(() -> view.sliceExists(kept) && !view.sliceExists(issued.sliceId()));
        assertThat(row(foreignId)).isEqualTo(stranger + " 0 false AVAILABLE null");
        view.awaitReleasedBy(held.commandId());

        var ofTheGoneSlice = transfer(issued, issued.sliceId(), "carol", "alice");
        traffic.publish(ofTheGoneSlice);
        assertThat(view.answer()).isEqualTo(ofTheGoneSlice.rejected(
                "slice " + issued.sliceId() + " does not exist on certificate " + issued.certificateId()));
        var ofTheForeignSlice = transfer(issued, foreignId, "carol", stranger);
        traffic.publish(ofTheForeignSlice);
        assertThat(view.answer().toString()).contains("quantity is unknown here, so it cannot be used");
    }

    @Test
    void aReconciliationOlderThanOneAppliedIsIgnored() {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));

        reconciliations.publish(Reconciliations.of(issued, 5, slice(issued.sliceId(), "bob", 1000, SliceState.AVAILABLE, null)));
        await().atMost(WAIT).until(() -> row(issued.sliceId()).startsWith("bob "));
        reconciliations.publish(Reconciliations.of(issued, 4, slice(issued.sliceId(), "carol", 1000, SliceState.AVAILABLE, null)));
        reconciliations.publish(Reconciliations.of(issued, 5, slice(issued.sliceId(), "dave", 1000, SliceState.AVAILABLE, null)));

        await().atMost(WAIT).until(() -> row(issued.sliceId()).startsWith("dave "));
        assertThat(jdbc.sql("select reconciled_transactions from certificate where certificate_id = :id")
                .param("id", issued.certificateId()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void aCertificateTheViewLackedIsCreated() {
        IssueCertificateRequested neverSeen = issue(CertificateType.CONSUMPTION, 700, "alice");

        reconciliations.publish(Reconciliations.of(neverSeen, 1,
                slice(neverSeen.sliceId(), "alice", 700, SliceState.AVAILABLE, null)));

        view.awaitSliceIn(neverSeen.sliceId(), "AVAILABLE");
        var transfer = transfer(neverSeen, neverSeen.sliceId(), "bob", "alice");
        traffic.publish(transfer);
        assertThat(view.answer()).isEqualTo(transfer.validated("alice", 700));
    }

    @Test
    void allocatedSlicesMoveNotButTheirOwnersClaimOfBothResumesTheAllocation() {
        IssueCertificateRequested production = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        IssueCertificateRequested consumption = view.issued(issue(CertificateType.CONSUMPTION, 1000, "alice"));
        UUID allocation = UUID.randomUUID();
        reconciliations.publish(Reconciliations.of(production, 2,
                slice(production.sliceId(), "alice", 1000, SliceState.ALLOCATED, allocation)));
        reconciliations.publish(Reconciliations.of(consumption, 2,
                slice(consumption.sliceId(), "alice", 1000, SliceState.ALLOCATED, allocation)));
        view.awaitSliceIn(production.sliceId(), "ALLOCATED");
        view.awaitSliceIn(consumption.sliceId(), "ALLOCATED");
        assertThat(row(production.sliceId())).isEqualTo("alice 1000 true ALLOCATED " + allocation);

        var transfer = transfer(production, production.sliceId(), "bob", "alice");
        traffic.publish(transfer);
        assertThat(view.answer()).isEqualTo(transfer.rejected("slice " + production.sliceId()
                + " is allocated on the registry (allocation " + allocation
                + "): only a claim of the same two slices by their owner can go on with it"));

        var claim = new ClaimRequested(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "alice");
        traffic.publish(claim);
        assertThat(view.answer()).isEqualTo(claim.validated("alice", 1000));
    }

    private String row(UUID sliceId) {
        return jdbc.sql("select owner, quantity, quantity_known, state, allocation_id from slice where slice_id = :id")
                .param("id", sliceId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getBoolean(3) + " " + rs.getString(4)
                        + " " + rs.getString(5))
                .optional().orElse("");
    }

    private static TransferSliceRequested transfer(IssueCertificateRequested issued, UUID sliceId, String receiver,
            String requester) {
        return new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), sliceId, receiver, requester);
    }
}
