package org.originrelay.validator.validation;

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
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRejected;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originrelay.validator.ValidatorView.issue;

/** Slice ids are global: no two commands may bring the same new slice id to the registry. */
@SpringBootTest(properties = "spring.config.name=validator")
class NewIdsIntegrationTest {

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
    CommandValidation validation;
    @Autowired
    PlatformTransactionManager transactionManager;

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
    void anIssueReusingASliceIdOfTheViewIsRejected() {
        IssueCertificateRequested existing = view.issued(issue(CertificateType.PRODUCTION, 1000, "alice"));
        IssueCertificateRequested reusing = withSliceId(issue(CertificateType.PRODUCTION, 5, "bob"), existing.sliceId());

        traffic.publish(reusing);

        assertThat(view.answer()).isEqualTo(reusing.rejected("slice id " + existing.sliceId() + " is already in use"));
        view.awaitReleasedBy(reusing.commandId());
    }

    @Test
    void aSliceIdPromisedToAnIssueTheRegistryHasNotAnsweredCannotBeUsedAgain() {
        IssueCertificateRequested pending = issue(CertificateType.PRODUCTION, 1000, "alice");
        traffic.publish(pending);
        assertThat(view.answer()).isInstanceOf(IssueCertificateValidated.class);
        IssueCertificateRequested reusing = withSliceId(issue(CertificateType.PRODUCTION, 5, "bob"), pending.sliceId());
        IssueCertificateRequested other = view.issued(issue(CertificateType.PRODUCTION, 1000, "carol"));
        var cut = new SliceCertificateRequested(UUID.randomUUID(), other.certificateId(), other.sliceId(),
                List.of(600L, 400L), List.of(UUID.randomUUID(), pending.sliceId()), "carol");

        traffic.publish(reusing);
        traffic.publish(cut);

        String inUse = "slice id " + pending.sliceId() + " is already in use";
        assertThat(view.answer()).isEqualTo(reusing.rejected(inUse));
        assertThat(view.answer()).isEqualTo(cut.rejected(inUse));
    }

    @Test
    void aSliceIdIsFreeAgainOnceTheRegistryRejectedTheIssue() {
        IssueCertificateRequested refused = issue(CertificateType.PRODUCTION, 1000, "alice");
        traffic.publish(refused);
        var validated = (IssueCertificateValidated) view.answer();
        traffic.publish(validated.registryRejected("the registry was down for maintenance"));
        view.awaitReleasedBy(refused.commandId());
        IssueCertificateRequested again = withSliceId(issue(CertificateType.PRODUCTION, 5, "bob"), refused.sliceId());

        traffic.publish(again);

        assertThat(view.answer()).isEqualTo(again.validated());
    }

    @Test
    void ofTwentyConcurrentIssuesWithOneSliceIdExactlyOneIsValidatedAndTheOthersHoldNothing() throws Exception {
        UUID sliceId = UUID.randomUUID();
        List<IssueCertificateRequested> issues = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            issues.add(withSliceId(issue(CertificateType.PRODUCTION, 1000, "owner-" + i), sliceId));
        }

        inConcurrentTransactions(issues);

        List<CertificateEvent> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(view.answer());
        }
        assertThat(answers).filteredOn(IssueCertificateValidated.class::isInstance).hasSize(1);
        List<IssueCertificateRejected> rejected = answers.stream().filter(IssueCertificateRejected.class::isInstance)
                .map(IssueCertificateRejected.class::cast).toList();
        assertThat(rejected).hasSize(19).extracting(IssueCertificateRejected::reason).allMatch(reason -> reason.equals(
                "slice id " + sliceId + " is being created by another command")
                || reason.equals("slice id " + sliceId + " is already in use"));
        for (IssueCertificateRejected loser : rejected) {
            view.awaitReleasedBy(loser.commandId());
        }
    }

    private void inConcurrentTransactions(List<IssueCertificateRequested> issues) throws Exception {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        ExecutorService threads = Executors.newFixedThreadPool(issues.size());
        CountDownLatch ready = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (IssueCertificateRequested each : issues) {
            done.add(threads.submit(() -> {
                ready.await();
                transactions.executeWithoutResult(status -> validation.validate(each, null));
                return null;
            }));
        }
        ready.countDown();
        for (Future<?> each : done) {
            each.get();
        }
        threads.shutdown();
    }

    private static IssueCertificateRequested withSliceId(IssueCertificateRequested issue, UUID sliceId) {
        return new IssueCertificateRequested(issue.commandId(), issue.certificateId(), sliceId, issue.type(),
                issue.gridArea(), issue.start(), issue.end(), issue.quantity(), issue.owner(), issue.requestedBy());
    }
}
