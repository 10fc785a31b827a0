package org.originrelay.validator;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the validator through its queues and waits for its view: certificates get into the view only
 * the way they do in production, validated and then accepted by the (here: pretended) registry.
 */
public record ValidatorView(EventTraffic traffic, JdbcClient jdbc) {

    public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A one-hour certificate from {@link #START}, requested but not yet sent. */
    public static IssueCertificateRequested issue(CertificateType type, long quantity, String owner) {
        return new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), type, "DK1",
                START, START.plusSeconds(3600), quantity, owner, "registry-dk1");
    }

    /** Issues the certificate through validation and the registry's acceptance; returns once it is in the view. */
    public IssueCertificateRequested issued(IssueCertificateRequested issue) {
        traffic.publish(issue);
        traffic.publish(((IssueCertificateValidated) answer()).registryAccepted());
        awaitSliceIn(issue.sliceId(), "AVAILABLE");
        return issue;
    }

    /** The validator's next answer; fails when none comes in time. */
    public CertificateEvent answer() {
        CertificateEventMessages.Read answer = traffic.nextAnswer(WAIT);
        assertThat(answer).as("the validator answered").isNotNull();
        return answer.event();
    }

    public void awaitSliceIn(UUID sliceId, String state) {
        await().atMost(WAIT).until(() -> jdbc.sql("select state from slice where slice_id = :id")
                .param("id", sliceId).query(String.class).optional().filter(state::equals).isPresent());
    }

    public void awaitReleasedBy(UUID commandId) {
        await().atMost(WAIT).until(() -> jdbc.sql("""
                select (select count(*) from slice where reserved_by = :command)
                     + (select count(*) from pending_issue where command_id = :command)
                     + (select count(*) from pending_slice_id where command_id = :command)
                """).param("command", commandId).query(Long.class).single() == 0);
    }

    public boolean sliceExists(UUID sliceId) {
        return jdbc.sql("select count(*) from slice where slice_id = :id").param("id", sliceId).query(Long.class)
                .single() == 1;
    }
}
