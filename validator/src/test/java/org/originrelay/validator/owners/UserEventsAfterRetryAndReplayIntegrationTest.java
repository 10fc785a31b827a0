package org.originrelay.validator.owners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * A user event is read by the action it carries, not by the routing key it was delivered with: after the
 * retry ladder that key is {@code <delay>.<queue>}, after a replay {@code <queue>}.
 */
@SpringBootTest(properties = {
        "spring.config.name=validator",
        "relay.messaging.retry.in-process-attempts=1",
        "relay.messaging.retry.initial-delay=200ms",
        "relay.messaging.retry.max-delay=200ms"})
class UserEventsAfterRetryAndReplayIntegrationTest {

    private static final String QUEUE = "validator.known-owners";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "validator");
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;
    @MockitoSpyBean
    KnownOwners owners;

    @Test
    void aDeletedEventThatFailedOnceIsStillADeleteWhenItComesBackFromTheLadder() {
        provision("created", "{}", user("kim"), true);
        awaitOwner("kim", true);
        doThrow(new TransientDataAccessResourceException("database blip")).doCallRealMethod().when(owners).removed("kim");

        provision("deleted", user("kim"), "{}", true);

        verify(owners, timeout(20_000).times(2)).removed("kim");
        awaitOwner("kim", false);
        assertThat(parkedMessages()).isZero();
    }

    @Test
    void deletedEventsReplayedFromTheDeadLetterQueueAreDeletesWithOrWithoutTheActionHeader() {
        provision("created", "{}", user("lou"), true);
        provision("created", "{}", user("max"), true);
        awaitOwner("lou", true);
        awaitOwner("max", true);

        replay(deletedEvent("lou", true));
        // Bridged before the action header existed: the kit's original routing key still says what it was.
        replay(deletedEvent("max", false));

        awaitOwner("lou", false);
        awaitOwner("max", false);
        assertThat(parkedMessages()).isZero();
    }

    private void provision(String action, String old, String current, boolean withActionHeader) {
        Message message = event(action, old, current, withActionHeader);
        rabbit.send(names.exchange("provisioning.events"), "udm.users.user." + action, message);
    }

    private Message deletedEvent(String username, boolean withActionHeader) {
        Message message = event("deleted", user(username), "{}", withActionHeader);
        // What the kit recorded when the message failed and was parked, as the replay finds it.
        Map.<String, Object>of(
                RelayHeaders.ATTEMPT, 0,
                RelayHeaders.ORIGINAL_EXCHANGE, names.exchange("provisioning.events"),
                RelayHeaders.ORIGINAL_ROUTING_KEY, "udm.users.user.deleted",
                RelayHeaders.ORIGINAL_QUEUE, names.queue(QUEUE),
                RelayHeaders.EXCEPTION_CLASS, "org.springframework.dao.TransientDataAccessResourceException",
                RelayHeaders.EXCEPTION_MESSAGE, "database blip",
                RelayHeaders.FAILED_SERVICE, "validator",
                RelayHeaders.REPLAY_COUNT, 1).forEach(message.getMessageProperties()::setHeader);
        return message;
    }

    /** As a replay republishes: default exchange, the original queue's name as routing key. */
    private void replay(Message message) {
        rabbit.send("", names.queue(QUEUE), message);
    }

    private static Message event(String action, String old, String current, boolean withActionHeader) {
        String body = """
                {"publisher_name":"udm-listener","ts":"2026-11-22T10:00:00","realm":"udm","topic":"users/user",
                 "body":{"old":%s,"new":%s}}""".formatted(old, current);
        MessageBuilder builder = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8));
        var message = builder.setMessageId("test:" + UUID.randomUUID()).setContentType("application/json").build();
        if (withActionHeader) {
            message.getMessageProperties().setHeader(UserChange.ACTION_HEADER, action);
        }
        return message;
    }

    private long parkedMessages() {
        return rabbit.execute(channel -> channel.messageCount(MessagingNames.deadLetterQueue(names.queue(QUEUE))));
    }

    private void awaitOwner(String owner, boolean active) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select active from known_owner where owner_id = :o")
                .param("o", owner).query(Boolean.class).optional().map(found -> found == active).orElse(false));
    }

    private static String user(String username) {
        return """
                {"dn":"uid=%s,cn=users,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s"}}"""
                .formatted(username, username, username);
    }
}
