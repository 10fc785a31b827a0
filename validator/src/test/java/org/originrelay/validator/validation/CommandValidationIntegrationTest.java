package org.originrelay.validator.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRejected;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.validator.EventTraffic;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "spring.config.name=validator")
class CommandValidationIntegrationTest {

    private static final Duration ANSWER_TIME = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

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
    CommandValidation validation;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;

    private EventTraffic traffic;

    @BeforeEach
    void watch() {
        traffic = new EventTraffic(rabbit, admin, names);
    }

    @AfterEach
    void stopWatching() {
        traffic.close();
    }

    @Test
    void aValidIssueIsValidatedAndAnInvalidOneRejectedWithItsReason() {
        IssueCertificateRequested valid = issue(START.plusSeconds(3600));
        IssueCertificateRequested tooLong = issue(START.plusSeconds(7200));

        EventMetadata cause = traffic.publish(valid);
        traffic.publish(tooLong);

        CertificateEventMessages.Read first = answer();
        assertThat(first.event()).isEqualTo(valid.validated());
        assertThat(first.metadata().causationId()).isEqualTo(cause.messageId());
        assertThat(first.metadata().correlationId()).isEqualTo(valid.commandId());
        assertThat(answer().event()).isEqualTo(tooLong.rejected(
                "the period must last between 1 minute and 1 hour, not 2h"));
    }

    @Test
    void aSecondCommandForTheSameCertificateIdIsRejectedWhileTheFirstIsWithTheRegistry() {
        IssueCertificateRequested first = issue(START.plusSeconds(600));
        var second = new IssueCertificateRequested(UUID.randomUUID(), first.certificateId(), UUID.randomUUID(),
                first.type(), first.gridArea(), first.start(), first.end(), 5, "bob", "alice");

        traffic.publish(first);
        assertThat(answer().event()).isInstanceOf(IssueCertificateValidated.class);
        traffic.publish(second);

        assertThat(answer().event()).isEqualTo(second.rejected(
                "certificate " + first.certificateId() + " is being issued by another command"));
    }

    @Test
    void aTransferOfAnIssuedSliceIsValidatedWithItsOwnerAndQuantity() {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "bob",
                "alice");

        traffic.publish(transfer);

        assertThat(answer().event()).isEqualTo(transfer.validated("alice", 1000));
    }

    @Test
    void aCommandWithoutRequesterIsRejectedEvenWhenEverythingElseIsRight() {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "bob",
                null);
        var blank = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "bob", " ");
        var issue = new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(600), 5, "bob", null);

        traffic.publish(transfer);
        assertThat(answer().event()).isEqualTo(transfer.rejected("the command names no requester (requestedBy)"));
        traffic.publish(blank);
        assertThat(answer().event()).isEqualTo(blank.rejected("the command names no requester (requestedBy)"));
        traffic.publish(issue);
        assertThat(answer().event()).isEqualTo(issue.rejected("the command names no requester (requestedBy)"));
    }

    @Test
    void aRejectionShownToANonOwnerDoesNotNameTheOwner() {
        IssueCertificateRequested issued = issuedCertificate();
        var byMallory = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(),
                "mallory", "mallory");

        traffic.publish(byMallory);

        TransferSliceRejected rejected = (TransferSliceRejected) answer().event();
        assertThat(rejected.reason()).isEqualTo("slice " + issued.sliceId() + " is not owned by mallory")
                .doesNotContain("alice");
    }

    @Test
    void aTransferOfAnUnknownSliceIsRejected() {
        var transfer = new TransferSliceRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "bob", "alice");

        traffic.publish(transfer);

        assertThat(answer().event()).isEqualTo(transfer.rejected("slice " + transfer.sliceId()
                + " does not exist on certificate " + transfer.certificateId()));
    }

    @Test
    void aReservedSliceCannotBeTransferredUntilTheRegistryAnswered() {
        IssueCertificateRequested issued = issuedCertificate();
        var first = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "bob", "alice");
        var second = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "carol", "alice");
        var third = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "dave", "alice");

        traffic.publish(first);
        TransferSliceValidated validated = (TransferSliceValidated) answer().event();
        traffic.publish(second);
        assertThat(answer().event()).isEqualTo(second.rejected("slice " + issued.sliceId() + " is reserved by another command"));

        traffic.publish(validated.registryRejected("registry was unhappy"));
        awaitReservationReleased(issued.sliceId());
        traffic.publish(third);

        assertThat(answer().event()).isEqualTo(third.validated("alice", 1000));
    }

    @Test
    void anAcceptedTransferMovesTheSliceToItsNewOwner() {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "bob", "alice");
        traffic.publish(transfer);
        TransferSliceValidated validated = (TransferSliceValidated) answer().event();

        traffic.publish(validated.registryAccepted());
        awaitReservationReleased(issued.sliceId());
        var byAlice = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "carol", "alice");
        var byBob = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(), "carol", "bob");
        traffic.publish(byAlice);
        traffic.publish(byBob);

        assertThat(answer().event()).isEqualTo(byAlice.rejected("slice " + issued.sliceId() + " is not owned by alice"));
        assertThat(answer().event()).isEqualTo(byBob.validated("bob", 1000));
    }

    @Test
    void theSameMessageDeliveredTwiceIsAnsweredOnce() {
        var transfer = new TransferSliceRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "bob", "alice");
        EventMetadata metadata = EventMetadata.forEvent(transfer, null);

        traffic.publish(transfer, metadata);
        traffic.publish(transfer, metadata);

        assertThat(answer().event()).isInstanceOf(TransferSliceRejected.class);
        assertThat(traffic.nextAnswer(Duration.ofSeconds(1))).isNull();
    }

    @Test
    void ofTwentyConcurrentTransfersOfOneSliceExactlyOneIsValidated() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch ready = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(),
                    "receiver-" + i, "alice");
            done.add(threads.submit(() -> {
                ready.await();
                transactions.executeWithoutResult(status -> validation.validate(transfer, null));
                return null;
            }));
        }
        ready.countDown();
        for (Future<?> each : done) {
            each.get();
        }
        threads.shutdown();

        List<CertificateEvent> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(answer().event());
        }
        assertThat(answers).filteredOn(TransferSliceValidated.class::isInstance).hasSize(1);
        assertThat(answers).filteredOn(TransferSliceRejected.class::isInstance)
                .extracting(event -> ((TransferSliceRejected) event).reason())
                .containsOnly("slice " + issued.sliceId() + " is reserved by another command").hasSize(19);
    }

    /** An issued certificate of 1000 owned by alice, in the validator's view. */
    private IssueCertificateRequested issuedCertificate() {
        IssueCertificateRequested issue = issue(START.plusSeconds(3600));
        traffic.publish(issue);
        IssueCertificateValidated validated = (IssueCertificateValidated) answer().event();
        traffic.publish(validated.registryAccepted());
        org.awaitility.Awaitility.await().atMost(ANSWER_TIME).until(() -> jdbc.sql(
                "select count(*) from slice where slice_id = :id").param("id", issue.sliceId()).query(Long.class).single() == 1);
        return issue;
    }

    private void awaitReservationReleased(UUID sliceId) {
        org.awaitility.Awaitility.await().atMost(ANSWER_TIME).until(() -> jdbc.sql(
                "select reserved_by is null from slice where slice_id = :id").param("id", sliceId)
                .query(Boolean.class).single());
    }

    private static IssueCertificateRequested issue(Instant end) {
        return new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", START, end, 1000, "alice", "registry-dk1");
    }

    private CertificateEventMessages.Read answer() {
        CertificateEventMessages.Read answer = traffic.nextAnswer(ANSWER_TIME);
        assertThat(answer).as("the validator answered").isNotNull();
        return answer;
    }
}
