package org.originrelay.validator.owners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.validator.EventTraffic;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With known receivers required, slices go only to users the provisioning stream announced. */
@SpringBootTest(properties = {"spring.config.name=validator", "relay.validator.require-known-receivers=true"})
class KnownReceiversIntegrationTest {

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
    void onlyProvisionedUsersReceiveSlices() {
        provision("created", "{}", user("henry"));
        provision("created", "{}", user("ivy"));
        provision("deleted", user("ivy"), "{}");
        awaitOwner("ivy", false);
        awaitOwner("henry", true);
        IssueCertificateRequested issued = issuedCertificate();

        var toUnknown = transfer(issued, "nobody");
        var toDeleted = transfer(issued, "ivy");
        var toKnown = transfer(issued, "henry");

        assertThat(answer()).isEqualTo(toUnknown.rejected("receiver nobody is not a known user"));
        assertThat(answer()).isEqualTo(toDeleted.rejected("receiver ivy has been deleted"));
        assertThat(answer()).isEqualTo(toKnown.validated("alice", 1000));
    }

    @Test
    void aRenamedUserIsKnownByTheNewNameOnly() {
        provision("created", "{}", user("jack"));
        provision("modified", user("jack"), user("jacques"));

        awaitOwner("jacques", true);
        awaitOwner("jack", false);
    }

    private TransferSliceRequested transfer(IssueCertificateRequested issued, String receiver) {
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(),
                receiver, "alice");
        traffic.publish(transfer);
        return transfer;
    }

    private IssueCertificateRequested issuedCertificate() {
        var issue = new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600), 1000, "alice", "registry-dk1");
        traffic.publish(issue);
        traffic.publish(((IssueCertificateValidated) answer()).registryAccepted());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from slice where slice_id = :id")
                .param("id", issue.sliceId()).query(Long.class).single() == 1);
        return issue;
    }

    private void provision(String action, String old, String current) {
        String body = """
                {"publisher_name":"udm-listener","ts":"2026-11-22T10:00:00","realm":"udm","topic":"users/user",
                 "body":{"old":%s,"new":%s}}""".formatted(old, current);
        traffic.send(names.exchange("provisioning.events"), "udm.users.user." + action,
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                        .setMessageId("test:" + UUID.randomUUID()).setContentType("application/json").build());
    }

    private void awaitOwner(String owner, boolean active) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select active from known_owner where owner_id = :o")
                .param("o", owner).query(Boolean.class).optional().map(found -> found == active).orElse(false));
    }

    private static String user(String username) {
        return """
                {"dn":"uid=%s,cn=users,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s"}}"""
                .formatted(username, username, username);
    }

    private org.originrelay.contracts.events.CertificateEvent answer() {
        CertificateEventMessages.Read answer = traffic.nextAnswer(Duration.ofSeconds(10));
        assertThat(answer).isNotNull();
        return answer.event();
    }
}
