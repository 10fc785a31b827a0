package org.originrelay.endtoend;

import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.provisioningbridge.ProvisioningBridgeApplication;
import org.originrelay.provisioningbridge.publishing.UnmappableMessageException;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge's parking lot as operators meet it: the real provisioning bridge, reading a JetStream
 * stream on the machine's NATS, parks the messages it cannot bridge in {@code provisioning-bridge.dlq}
 * with the kit's failure headers, while the stream goes on; command-api's dead-letter API lists and
 * browses them, and a replay republishes one to {@code provisioning.events} with the routing key the
 * bridge recorded, where a subscriber's queue receives it. A parked message without a routing key
 * (its body is not even JSON) is refused by the replay, with the reason, and stays parked.
 */
class BridgeDeadLetterReplayEndToEndTest {

    private static final String OPERATOR = TestTokens.bearer("olivia-operator", "operator");
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";
    private static final String BRIDGE_DLQ = "provisioning-bridge.dlq";

    /** A users/user message whose old and new objects are both empty: nothing to tell subscribers. */
    private static final String EMPTY_CHANGE = """
            {"publisher_name":"udm-listener","ts":"2026-12-01T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":{},"new":{}}}""";
    private static final String NOT_JSON = "uid=ada,cn=users,dc=example changed";
    private static final String USER_CREATED = """
            {"publisher_name":"udm-listener","ts":"2026-12-01T10:00:01.000000","realm":"udm","topic":"users/user","body":{"old":{},"new":{"dn":"uid=ada,cn=users,dc=example","objectType":"users/user","id":"ada-id","properties":{"username":"ada"}}}}""";

    private final TestInfrastructure.Environment environment = TestInfrastructure.newEnvironment();
    private final String source = "dlq-e2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private EventObserver subscriber;

    @AfterEach
    void stopEverything() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        services.reversed().forEach(ConfigurableApplicationContext::close);
        try (io.nats.client.Connection nats = Nats.connect(NatsServer.locate().url())) {
            nats.jetStreamManagement().deleteStream("stream:" + source);
        } catch (io.nats.client.JetStreamApiException e) {
            // The bridge never got to create it.
        }
    }

    @Test
    void whatTheRealBridgeParksIsListedBrowsedAndReplayedToItsExchangeWithTheRecordedRoutingKey() throws Exception {
        String commandApi = baseUrl(start(CommandApiApplication.application(),
                environment.serviceProperties("command_api")));
        start(ProvisioningBridgeApplication.application(), bridgeProperties());
        subscriber = new EventObserver(TestInfrastructure.rabbit(), environment.namespace() + "provisioning.events",
                environment.namespace() + "bridge-dlq.subscriber");

        try (io.nats.client.Connection nats = Nats.connect(NatsServer.locate().url())) {
            // The bridge creates the stream when it starts; publish once it is there.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    nats.jetStream().publish(source + ".main", bytes(EMPTY_CHANGE)) != null);
            nats.jetStream().publish(source + ".main", bytes(NOT_JSON));
            nats.jetStream().publish(source + ".main", bytes(USER_CREATED));
        }

        // The stream goes on past what it parks: the good message behind the two bad ones is bridged.
        await().atMost(Duration.ofSeconds(60)).until(() -> !subscriber.all().isEmpty());
        assertThat(subscriber.all()).extracting(ObservedEvent::routingKey).containsExactly("udm.users.user.created");
        assertThat(subscriber.all().getFirst().body()).isEqualTo(USER_CREATED);

        JsonNode bridgeQueue = await().atMost(Duration.ofSeconds(60)).until(
                () -> queueSummary(commandApi), summary -> summary != null && summary.get("messages").asLong() == 2);
        assertThat(bridgeQueue.get("service").asString()).isEqualTo("provisioning-bridge");
        assertThat(bridgeQueue.get("replayTarget").asString())
                .isEqualTo("exchange provisioning.events (original routing key)");

        Http.Response browsed = Http.get(commandApi + DEAD_LETTERS + "/" + BRIDGE_DLQ + "/messages", OPERATOR);
        assertThat(browsed.status()).isEqualTo(200);
        assertThat(browsed.body()).hasSize(2);
        JsonNode emptyChange = browsed.body().get(0);
        JsonNode notJson = browsed.body().get(1);
        for (JsonNode letter : List.of(emptyChange, notJson)) {
            assertThat(letter.get("messageId").asString()).startsWith(source + ":");
            assertThat(letter.get("failedService").asString()).isEqualTo("provisioning-bridge");
            assertThat(letter.get("exceptionClass").asString()).isEqualTo(UnmappableMessageException.class.getName());
            assertThat(letter.get("originalExchange").asString()).isEqualTo("provisioning.events");
            assertThat(letter.get("parkedAt").asString()).isNotBlank();
            assertThat(letter.get("headers").has("sequence-number")).isTrue();
        }
        assertThat(emptyChange.get("reason").asString()).isEqualTo("both old and new are empty");
        assertThat(emptyChange.get("routingKey").asString()).isEqualTo("udm.users.user.created");
        assertThat(emptyChange.get("headers").get(RelayHeaders.ORIGINAL_ROUTING_KEY).asString())
                .isEqualTo("udm.users.user.created");
        assertThat(emptyChange.get("headers").get("publisher-name").asString()).isEqualTo("udm-listener");
        assertThat(emptyChange.get("body").asString()).isEqualTo(EMPTY_CHANGE);
        assertThat(notJson.get("reason").asString()).startsWith("not JSON: ");
        assertThat(notJson.get("routingKey").isNull()).isTrue();
        assertThat(notJson.get("body").asString()).isEqualTo(NOT_JSON);

        String parked = emptyChange.get("messageId").asString();
        Http.Response replay = Http.post(commandApi + DEAD_LETTERS + "/" + BRIDGE_DLQ + "/replay", OPERATOR,
                "{\"messageIds\":[\"" + parked + "\"]}");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("done").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.all().size() == 2);
        ObservedEvent replayed = subscriber.all().get(1);
        assertThat(replayed.routingKey()).isEqualTo("udm.users.user.created");
        assertThat(replayed.messageId()).isEqualTo(parked);
        assertThat(replayed.body()).isEqualTo(EMPTY_CHANGE);

        String unroutable = notJson.get("messageId").asString();
        Http.Response refused = Http.post(commandApi + DEAD_LETTERS + "/" + BRIDGE_DLQ + "/replay", OPERATOR,
                "{\"messageIds\":[\"" + unroutable + "\"]}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asString()).contains(unroutable)
                .contains(RelayHeaders.ORIGINAL_ROUTING_KEY);
        Http.Response left = Http.get(commandApi + DEAD_LETTERS + "/" + BRIDGE_DLQ + "/messages", OPERATOR);
        assertThat(left.body()).extracting(letter -> letter.get("messageId").asString()).containsExactly(unroutable);
        assertThat(subscriber.all()).hasSize(2);
    }

    /** The bridge's parking lot as {@code GET /api/v1/dead-letters} lists it, or null until it is listed. */
    private static JsonNode queueSummary(String commandApi) {
        Http.Response queues = Http.get(commandApi + DEAD_LETTERS, OPERATOR);
        if (queues.status() != 200) {
            return null;
        }
        return StreamSupport.stream(queues.body().spliterator(), false)
                .filter(queue -> BRIDGE_DLQ.equals(queue.get("queue").asString())).findFirst().orElse(null);
    }

    private Map<String, Object> bridgeProperties() {
        // In this JVM the other services' database and kit auto-configurations are on the classpath too:
        // give them a schema of their own, as if the bridge had one.
        Map<String, Object> properties = new HashMap<>(environment.serviceProperties("provisioning_bridge"));
        properties.put("relay.bridge.nats.url", NatsServer.locate().url());
        // The stack's naming: stream "stream:<subscription>", live messages on "<subscription>.main"; a
        // subscription the stack's bucket does not know has no prefill, so the bridge reads "main" at once.
        properties.put("relay.bridge.nats.subscription", source);
        properties.put("relay.bridge.nats.stream", "stream:" + source);
        properties.put("relay.bridge.nats.durable", source);
        properties.put("relay.bridge.nats.source-name", source);
        properties.put("relay.bridge.nats.create-stream", true);
        return properties;
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("server.port", 0);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = application.run(arguments);
        services.add(context);
        return context;
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
