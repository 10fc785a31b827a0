package org.originrelay.validator.validation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
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
import static org.awaitility.Awaitility.await;
import static org.originrelay.validator.ValidatorView.issue;

/**
 * A command naming a slice an in-flight, validated command is creating waits (transient, retried) for the
 * creator's outcome instead of being rejected as "does not exist".
 */
@SpringBootTest(properties = {"spring.config.name=validator", "relay.messaging.retry.initial-delay=200ms",
        "relay.messaging.retry.multiplier=1.5"})
class ReadYourWritesIntegrationTest {

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
    MeterRegistry meters;

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
    void aTransferOfASliceBeingIssuedWaitsForTheIssueAndIsThenDecided() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, 1000, "alice");
        traffic.publish(issue);
        var validated = (IssueCertificateValidated) view.answer();
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(), "bob", "alice");

        double retriesBefore = retries();
        traffic.publish(transfer);
        await().until(() -> retries() > retriesBefore);
        traffic.publish(validated.registryAccepted());

        assertThat(view.answer()).isEqualTo(transfer.validated("alice", 1000));
    }

    @Test
    void whenTheCreatorFailsAtTheRegistryTheWaitingCommandIsRejected() {
        IssueCertificateRequested issue = issue(CertificateType.PRODUCTION, 1000, "alice");
        traffic.publish(issue);
        var validated = (IssueCertificateValidated) view.answer();
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issue.certificateId(), issue.sliceId(), "bob", "alice");

        double retriesBefore = retries();
        traffic.publish(transfer);
        await().until(() -> retries() > retriesBefore);
        traffic.publish(validated.registryRejected("the registry is out of ink"));

        assertThat(view.answer()).isEqualTo(transfer.rejected(
                "slice " + issue.sliceId() + " does not exist on certificate " + issue.certificateId()));
    }

    /** Messages sent to the broker's retry ladder so far: the waiting transfer leaves its queue for it. */
    private double retries() {
        return meters.find("relay.messages.retried").counters().stream().mapToDouble(Counter::count).sum();
    }
}
