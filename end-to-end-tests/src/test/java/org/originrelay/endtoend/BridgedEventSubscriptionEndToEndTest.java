package org.originrelay.endtoend;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.provisioningbridge.ProvisioningBridgeApplication;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Univention {@code users/user} event published on NATS JetStream, carried by the provisioning bridge
 * onto {@code provisioning.events}, reaches a subscription created over command-api's REST API: what
 * an outside subscriber consumes, end to end.
 */
class BridgedEventSubscriptionEndToEndTest {

    private static final String OPERATOR = TestTokens.bearer("ops", "operator");

    private final TestInfrastructure.Environment environment = TestInfrastructure.newEnvironment();
    private final String source = "subs-e2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private String commandApi;

    @AfterEach
    void stopEverything() throws Exception {
        if (commandApi != null) {
            send(HttpRequest.newBuilder(URI.create(commandApi + "/api/v1/subscriptions/invitations?force=true")).DELETE());
        }
        try (Connection connection = rabbit().newConnection(); Channel channel = connection.createChannel()) {
            // The default ladder's delay queues are declared on demand, so no context's cleanup knows them.
            for (long millis : List.of(1_000L, 5_000L, 25_000L, 125_000L, 600_000L)) {
                channel.queueDelete(environment.namespace() + "subscriptions.retry." + millis + "ms");
            }
        }
        services.reversed().forEach(ConfigurableApplicationContext::close);
        try (io.nats.client.Connection nats = Nats.connect(NatsServer.locate().url())) {
            nats.jetStreamManagement().deleteStream("stream:" + source);
        } catch (io.nats.client.JetStreamApiException e) {
            // The bridge never got to create it.
        }
    }

    @Test
    void aBridgedUserCreationReachesTheSubscribersQueue() throws Exception {
        commandApi = baseUrl(start(CommandApiApplication.application(), environment.serviceProperties("command_api")));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(commandApi + "/api/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"invitations","exchange":"provisioning.events","bindings":["udm.users.user.*"]}""")));
        assertThat(created.statusCode()).isEqualTo(201);
        start(ProvisioningBridgeApplication.application(), bridgeProperties());

        String user = """
                {"dn":"uid=ada,cn=users,dc=example","objectType":"users/user","id":"ada-id","properties":{"username":"ada"}}""";
        String event = """
                {"publisher_name":"udm-listener","ts":"2026-12-01T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":{},"new":%s}}"""
                .formatted(user);
        try (io.nats.client.Connection nats = Nats.connect(NatsServer.locate().url())) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    nats.jetStream().publish(source + ".main", event.getBytes(StandardCharsets.UTF_8)) != null);
        }

        AtomicReference<GetResponse> delivered = new AtomicReference<>();
        try (Connection connection = rabbit().newConnection(); Channel channel = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                delivered.set(channel.basicGet(environment.namespace() + "subscription.invitations", true));
                return delivered.get() != null;
            });
        }
        GetResponse message = delivered.get();
        assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("udm.users.user.created");
        assertThat(message.getProps().getMessageId()).startsWith(source + ":");
        assertThat(message.getProps().getHeaders().get("publisher-name").toString()).isEqualTo("udm-listener");
        assertThat(message.getProps().getHeaders().get("object-dn").toString()).isEqualTo("uid=ada,cn=users,dc=example");
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("\"username\":\"ada\"");
    }

    private Map<String, Object> bridgeProperties() {
        // In this JVM the other services' database and kit auto-configurations are on the classpath too:
        // give them a schema of their own, as if the bridge had one.
        Map<String, Object> properties = new HashMap<>(environment.serviceProperties("provisioning_bridge"));
        properties.put("relay.bridge.nats.url", NatsServer.locate().url());
        // The stack's naming: stream "stream:<subscription>", live messages on "<subscription>.main".
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

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", OPERATOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ConnectionFactory rabbit() {
        RabbitServer server = TestInfrastructure.rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(server.host());
        factory.setPort(server.port());
        factory.setUsername(server.username());
        factory.setPassword(server.password());
        return factory;
    }
}
