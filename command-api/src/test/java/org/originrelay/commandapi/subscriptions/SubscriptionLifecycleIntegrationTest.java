package org.originrelay.commandapi.subscriptions;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions over REST against the real broker and database: create, repeat, change, delete, access. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-api", "command-api.subscriptions.delivery-limit=2"})
// Closed after the class: its database connections go back to a PostgreSQL that every engineer's tests share.
@DirtiesContext
class SubscriptionLifecycleIntegrationTest {

    private static final String USERS = "\"udm.users.user.*\"";
    private static final String USERS_AND_GROUPS = "\"udm.users.user.*\",\"udm.groups.group.*\"";
    private static final String DEFAULT_DELAYS = "[\"PT1S\",\"PT5S\",\"PT25S\",\"PT2M5S\",\"PT10M\",\"PT10M\",\"PT10M\"]";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    SubscriptionNames names;
    @Autowired
    CachingConnectionFactory connectionFactory;
    @Autowired
    DeadLetterQueues deadLetters;

    private HttpApi api;
    private SubscriptionFixture fixture;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
        fixture = new SubscriptionFixture(api, rabbit, admin, names);
    }

    @AfterEach
    void cleanUp() {
        fixture.deleteEverything(RetrySettings.DEFAULTS.ladder().distinctDelays().toArray(Duration[]::new));
    }

    @Test
    void createIsIdempotentByNameAndAnotherBodyUnderTheSameNameIsAConflict() {
        String body = SubscriptionFixture.body("invitations", "provisioning.events", USERS, null);

        HttpApi.Response created = api.post("/api/v1/subscriptions", body);
        HttpApi.Response again = api.post("/api/v1/subscriptions", body);
        HttpApi.Response conflicting = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "provisioning.events", USERS_AND_GROUPS, null));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/v1/subscriptions/invitations");
        JsonNode view = created.body();
        assertThat(view.get("queue").asString()).isEqualTo(names.queue("invitations"));
        assertThat(view.get("deadLetterQueue").asString()).isEqualTo(names.queue("invitations") + ".dlq");
        assertThat(view.get("permissions").get("read").asString())
                .isEqualTo("^" + names.queue("invitations").replace(".", "\\.") + "$");
        assertThat(view.get("permissions").get("configure").asString()).isEqualTo("^$");
        assertThat(view.get("permissions").get("vhost").asString()).isEqualTo("/");
        assertThat(view.get("retry").get("delays").toString()).isEqualTo(DEFAULT_DELAYS);
        assertThat(view.get("retry").get("maxAttempts").asInt()).isEqualTo(7);
        assertThat(fixture.ready(names.queue("invitations"))).isZero();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("version").asLong()).isEqualTo(1);
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.contentType()).startsWith("application/problem+json");
        assertThat(conflicting.body().get("detail").asString()).contains("exists with other settings");
        assertThat(api.get("/api/v1/subscriptions").body()).extracting(each -> each.get("name").asString())
                .containsExactly("invitations");
        // Listed by the dead-letter tools next to the services' own queues, replaying to the subscription.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpApi.Response listed = api.get("/api/v1/dead-letters");
            assertThat(listed.status()).as("dead-letter list (503 until the registry is read)").isEqualTo(200);
            // Operators see names without the test's namespace.
            assertThat(listed.body())
                    .filteredOn(queue -> queue.path("queue").asString().equals("subscription.invitations.dlq"))
                    .singleElement().satisfies(queue -> assertThat(queue.path("sourceQueue").asString())
                            .isEqualTo("subscription.invitations"));
        });
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        HttpApi.Response badExchange = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "amq.topic", USERS, null));
        HttpApi.Response badName = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("Invitations.EU", "provisioning.events", USERS, null));
        HttpApi.Response badBinding = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "provisioning.events", "\"udm users\"", null));
        HttpApi.Response badDelay = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "provisioning.events", USERS, "{\"initialDelay\":\"1s\"}"));
        HttpApi.Response badAttempts = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "provisioning.events", USERS, "{\"maxAttempts\":-1}"));

        assertThat(List.of(badExchange, badName, badBinding, badDelay, badAttempts)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        });
        assertThat(badExchange.body().get("detail").asString()).contains("certificates.events", "provisioning.events");
        assertThat(badDelay.body().get("detail").asString()).contains("ISO-8601");
        assertThat(api.get("/api/v1/subscriptions").body()).isEmpty();
    }

    @Test
    void changingBindingsWithMessagesInFlightLosesNothing() throws Exception {
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("invitations", "provisioning.events", USERS, null));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(fixture.publishProvisioning("udm.users.user.created", "{\"uid\":\"before-" + i + "\"}"));
        }
        AtomicBoolean publishing = new AtomicBoolean(true);
        CompletableFuture<List<String>> during = CompletableFuture.supplyAsync(() -> {
            List<String> published = new ArrayList<>();
            while (publishing.get() || published.size() < 20) {
                published.add(fixture.publishProvisioning("udm.users.user.modified", "{\"uid\":\"during\"}"));
            }
            return published;
        });

        HttpApi.Response widened = api.put("/api/v1/subscriptions/invitations",
                SubscriptionFixture.body("invitations", "provisioning.events", USERS_AND_GROUPS, null));
        publishing.set(false);
        users.addAll(during.get());
        String group = fixture.publishProvisioning("udm.groups.group.created", "{\"cn\":\"staff\"}");
        HttpApi.Response narrowed = api.put("/api/v1/subscriptions/invitations",
                SubscriptionFixture.body("invitations", "provisioning.events", "\"udm.groups.group.*\"", null));
        fixture.publishProvisioning("udm.users.user.created", "{\"uid\":\"after-narrowing\"}");
        String secondGroup = fixture.publishProvisioning("udm.groups.group.modified", "{\"cn\":\"staff\"}");

        assertThat(widened.status()).isEqualTo(200);
        // Stored sorted, so the same set in another order is the same subscription.
        assertThat(widened.body().get("bindings").toString()).isEqualTo("[\"udm.groups.group.*\",\"udm.users.user.*\"]");
        assertThat(widened.body().get("version").asLong()).isEqualTo(2);
        assertThat(narrowed.status()).isEqualTo(200);
        List<String> expected = new ArrayList<>(users);
        expected.add(group);
        expected.add(secondGroup);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.ready(names.queue("invitations")) == expected.size());
        assertThat(drain(names.queue("invitations"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void deleteIsRefusedWhileMessagesAreParkedUnlessForced() {
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("invitations", "provisioning.events", USERS, null));
        rabbit.send("", names.deadLetterQueue("invitations"), new Message("{}".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.ready(names.deadLetterQueue("invitations")) == 1);

        HttpApi.Response refused = api.delete("/api/v1/subscriptions/invitations");
        HttpApi.Response forced = api.delete("/api/v1/subscriptions/invitations?force=true");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("1 message(s) are parked", "force=true");
        assertThat(forced.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/subscriptions/invitations").status()).isEqualTo(404);
        assertThat(admin.getQueueInfo(names.queue("invitations"))).isNull();
        assertThat(admin.getQueueInfo(names.deadLetterQueue("invitations"))).isNull();
        assertThat(api.delete("/api/v1/subscriptions/invitations").status()).isEqualTo(404);
    }

    @Test
    void aSubscriberManagesOnlyTheNamesItOwns() {
        HttpApi acme = new HttpApi(port, TestTokens.bearer("acme", "subscriber"));
        HttpApi ownerOnly = new HttpApi(port, TestTokens.bearer("acme", "owner"));
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("globex", "provisioning.events", USERS, null));

        HttpApi.Response own = acme.post("/api/v1/subscriptions",
                SubscriptionFixture.body("acme-invitations", "provisioning.events", USERS, null));
        HttpApi.Response foreign = acme.post("/api/v1/subscriptions",
                SubscriptionFixture.body("initech", "provisioning.events", USERS, null));
        HttpApi.Response othersExisting = acme.post("/api/v1/subscriptions",
                SubscriptionFixture.body("globex", "provisioning.events", USERS, null));

        assertThat(own.status()).isEqualTo(201);
        assertThat(own.body().get("owner").asString()).isEqualTo("acme");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(othersExisting.status()).isEqualTo(403);
        assertThat(acme.get("/api/v1/subscriptions").body()).extracting(each -> each.get("name").asString())
                .containsExactly("acme-invitations");
        assertThat(acme.get("/api/v1/subscriptions/globex").status()).isEqualTo(404);
        assertThat(acme.delete("/api/v1/subscriptions/globex").status()).isEqualTo(404);
        assertThat(ownerOnly.get("/api/v1/subscriptions").status()).isEqualTo(403);
        assertThat(new HttpApi(port, null).get("/api/v1/subscriptions").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/subscriptions").body()).extracting(each -> each.get("name").asString())
                .containsExactly("acme-invitations", "globex");
    }

    @Test
    void aMessageWhoseConsumersKeepDyingIsParkedByTheDeliveryLimit() throws Exception {
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("invitations", "provisioning.events", USERS, null));
        String messageId = fixture.publishProvisioning("udm.users.user.created", "{\"uid\":\"crash\"}");
        var factory = rawFactory();

        // A consumer that takes the message and dies before acking, again and again (limit 2 in this test).
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection connection = factory.newConnection()) {
                Channel channel = connection.createChannel();
                channel.basicGet(names.queue("invitations"), false);
            }
            return fixture.ready(names.deadLetterQueue("invitations")) == 1;
        });

        DeadLetter parked = deadLetters.browse(names.deadLetterQueue("invitations"), 1).getFirst();
        assertThat(parked.messageId()).isEqualTo(messageId);
        assertThat(parked.reason()).contains("without an acknowledgement");
        assertThat(parked.originalQueue()).isEqualTo(names.queue("invitations"));
        assertThat(parked.originalRoutingKey()).isEqualTo("udm.users.user.created");
        assertThat(fixture.ready(names.queue("invitations"))).isZero();
    }

    @Test
    void aBridgedUserEventReachesTheSubscriptionUnchanged() throws Exception {
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("invitations", "provisioning.events", USERS, null));
        String body = "{\"old\":{},\"new\":{\"dn\":\"uid=ada,cn=users,dc=example\",\"objectType\":\"users/user\","
                + "\"properties\":{\"username\":\"ada\"}}}";

        String messageId = fixture.publishProvisioning("udm.users.user.created", body);

        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.ready(names.queue("invitations")) == 1);
        try (Connection connection = rawFactory().newConnection()) {
            GetResponse delivered = connection.createChannel().basicGet(names.queue("invitations"), true);
            assertThat(delivered.getProps().getMessageId()).isEqualTo(messageId);
            assertThat(delivered.getEnvelope().getRoutingKey()).isEqualTo("udm.users.user.created");
            assertThat(delivered.getProps().getHeaders().get("publisher-name").toString()).isEqualTo("udm-listener");
            assertThat(new String(delivered.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void aSubscriptionLostOnTheBrokerIsDeclaredAgainOnTheNextConnection() {
        api.post("/api/v1/subscriptions", SubscriptionFixture.body("invitations", "provisioning.events", USERS, null));
        admin.deleteQueue(names.queue("invitations"));

        connectionFactory.resetConnection();
        fixture.publishProvisioning("udm.users.user.created", "{\"uid\":\"after-reconnect\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.ready(names.queue("invitations")) == 1);
    }

    private List<String> drain(String queue) throws Exception {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Connection connection = rawFactory().newConnection()) {
            Channel channel = connection.createChannel();
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                if (seen.add(response.getProps().getMessageId())) {
                    ids.add(response.getProps().getMessageId());
                }
            }
        }
        return ids;
    }

    private static com.rabbitmq.client.ConnectionFactory rawFactory() {
        var server = TestInfrastructure.rabbit();
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(server.host());
        factory.setPort(server.port());
        factory.setUsername(server.username());
        factory.setPassword(server.password());
        return factory;
    }
}
