package org.originrelay.validator.validation;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.validator.EventTraffic;
import org.originrelay.validator.ValidatorView;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originrelay.validator.ValidatorView.issue;

/** Slicing and claiming: validated against the view, holding their slices until the registry answers. */
@SpringBootTest(properties = "spring.config.name=validator")
class SliceAndClaimIntegrationTest {

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
    void anAcceptedSliceReplacesItsSourceWithTheNewSlices() {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        var cut = cut(issued, 600, 400);
        traffic.publish(cut);
        var validated = (SliceCertificateValidated) view.answer();
        assertThat(validated).isEqualTo(cut.validated("alice", 1000));

        traffic.publish(validated.registryAccepted());
        view.awaitSliceIn(cut.newSliceIds().get(1), "AVAILABLE");
        view.awaitReleasedBy(cut.commandId());
        var transfer = transfer(issued.certificateId(), cut.newSliceIds().get(1), "bob");
        traffic.publish(transfer);

        assertThat(view.sliceExists(issued.sliceId())).isFalse();
        assertThat(view.answer()).isEqualTo(transfer.validated("alice", 400));
    }

    @Test
    void aSliceBeingCutCannotBeTransferredMeanwhile() {
        IssueCertificateRequested issued = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        var cut = cut(issued, 999, 1);
        var transfer = transfer(issued.certificateId(), issued.sliceId(), "bob");

        traffic.publish(cut);
        traffic.publish(transfer);

        assertThat(view.answer()).isEqualTo(cut.validated("alice", 1000));
        assertThat(view.answer()).isEqualTo(transfer.rejected(
                "slice " + issued.sliceId() + " is reserved by another command"));
    }

    @Test
    void aClaimHoldsBothSlicesAndOnAcceptanceClaimsThem() {
        IssueCertificateRequested production = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        IssueCertificateRequested consumption = view.issued(issue(CertificateType.CONSUMPTION, 1000, "alice"));
        var claim = claim(production, consumption);
        var meanwhile = transfer(consumption.certificateId(), consumption.sliceId(), "bob");

        traffic.publish(claim);
        var validated = (ClaimValidated) view.answer();
        traffic.publish(meanwhile);

        assertThat(validated).isEqualTo(claim.validated("alice", 1000));
        assertThat(view.answer()).isEqualTo(meanwhile.rejected(
                "slice " + consumption.sliceId() + " is reserved by another command"));

        traffic.publish(validated.registryAccepted());
        view.awaitSliceIn(production.sliceId(), "CLAIMED");
        view.awaitSliceIn(consumption.sliceId(), "CLAIMED");
        view.awaitReleasedBy(claim.commandId());
        var afterwards = transfer(production.certificateId(), production.sliceId(), "bob");
        traffic.publish(afterwards);

        assertThat(view.answer()).isEqualTo(afterwards.rejected("slice " + production.sliceId() + " is already claimed"));
    }

    @Test
    void aClaimMeetingOneHeldSliceIsRejectedAndHoldsNeither() {
        IssueCertificateRequested production = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        IssueCertificateRequested consumption = view.issued(issue(CertificateType.CONSUMPTION, 1000, "alice"));
        var holdsConsumption = transfer(consumption.certificateId(), consumption.sliceId(), "bob");
        var claim = claim(production, consumption);
        var ofProduction = transfer(production.certificateId(), production.sliceId(), "carol");

        traffic.publish(holdsConsumption);
        traffic.publish(claim);
        traffic.publish(ofProduction);

        assertThat(view.answer()).isEqualTo(holdsConsumption.validated("alice", 1000));
        assertThat(view.answer()).isEqualTo(claim.rejected("slice " + production.sliceId() + " or "
                + consumption.sliceId() + " is reserved by another command"));
        assertThat(view.answer()).isEqualTo(ofProduction.validated("alice", 1000));
    }

    private static SliceCertificateRequested cut(IssueCertificateRequested issued, long... quantities) {
        List<Long> parts = Arrays.stream(quantities).boxed().toList();
        return new SliceCertificateRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), parts,
                parts.stream().map(part -> UUID.randomUUID()).toList(), issued.owner());
    }

    private static TransferSliceRequested transfer(UUID certificateId, UUID sliceId, String receiver) {
        return new TransferSliceRequested(UUID.randomUUID(), certificateId, sliceId, receiver, "alice");
    }

    private static ClaimRequested claim(IssueCertificateRequested production, IssueCertificateRequested consumption) {
        return new ClaimRequested(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "alice");
    }
}
