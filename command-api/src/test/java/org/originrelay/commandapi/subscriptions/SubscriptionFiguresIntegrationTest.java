package org.originrelay.commandapi.subscriptions;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.testsupport.PrivateRabbitNode;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every per-subscription figure after a known sequence, on a broker of the test's own that runs the
 * Prometheus plugin (as compose's does): 5 messages published; a plain AMQP subscriber acks 3, holds 1
 * unacked and rejects 1 every time, which is retried once and then parked. The REST view, the health
 * and the Micrometer meters then say delivered 6 (the rejected one twice), acked 3, rejected 2, retried
 * once at attempt 1, parked 1, none ready, one consumer; once the subscriber disconnects, the held
 * message is ready again, nobody consumes, and delivered and acked keep what the broker forgot with
 * the channel.
 */
class SubscriptionFiguresIntegrationTest {

    private static final String RETRY = "{\"initialDelay\":\"PT0.5S\",\"multiplier\":1,\"maxDelay\":\"PT0.5S\",\"maxAttempts\":1}";

    @Test
    void deliveredAckedRejectedRetriedParkedDepthConsumersAndOldestParkedAgeAreReported() throws Exception {
        assumeTrue(PrivateRabbitNode.available(), "rabbitmq-server is not installed");
        try (PrivateRabbitNode node = PrivateRabbitNode.startWithPrometheus();
                ConfigurableApplicationContext commandApi = startCommandApi(node)) {
            HttpApi api = new HttpApi(((WebServerApplicationContext) commandApi).getWebServer().getPort());
            SubscriptionNames names = commandApi.getBean(SubscriptionNames.class);
            SubscriptionFixture fixture = new SubscriptionFixture(api, commandApi.getBean(RabbitTemplate.class),
                    commandApi.getBean(AmqpAdmin.class), names);
            HttpApi.Response created = api.post("/api/v1/subscriptions",
                    SubscriptionFixture.body("metered", "provisioning.events", "\"udm.users.user.*\"", RETRY));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().get("counters").get("delivered").asLong()).isZero();

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(fixture.publishProvisioning("udm.users.user.created", "{\"n\":" + i + "}"));
            }
            String rejected = ids.get(3);
            String held = ids.get(4);
            try (Connection connection = subscriberConnection(node)) {
                Channel channel = connection.createChannel();
                channel.basicQos(10);
                DeliverCallback subscriber = (tag, delivery) -> {
                    String id = delivery.getProperties().getMessageId();
                    long deliveryTag = delivery.getEnvelope().getDeliveryTag();
                    if (id.equals(rejected)) {
                        channel.basicReject(deliveryTag, false);
                    } else if (!id.equals(held)) {
                        channel.basicAck(deliveryTag, false);
                    }
                };
                channel.basicConsume(names.queue("metered"), false, subscriber, tag -> { });

                JsonNode view = await().atMost(Duration.ofSeconds(30)).until(
                        () -> api.get("/api/v1/subscriptions/metered").body(),
                        figures -> figures.get("counters").get("delivered").asLong() == 6
                                && figures.get("counters").get("acked").asLong() == 3
                                && figures.get("counters").get("parked").asLong() == 1);
                assertThat(view.get("counters").get("rejected").asLong()).isEqualTo(2);
                assertThat(view.get("counters").get("retriedByAttempt").get("1").asLong()).isEqualTo(1);
                assertThat(view.get("counters").get("retriedByAttempt").size()).isEqualTo(1);
                assertThat(view.get("counters").get("deliveriesSource").asString()).startsWith("broker prometheus");
                assertThat(view.get("status").get("messages").asLong()).isZero();
                assertThat(view.get("status").get("consumers").asInt()).isEqualTo(1);
                assertThat(view.get("status").get("parked").asLong()).isEqualTo(1);
                assertThat(view.get("status").get("oldestParkedAgeSeconds").asLong()).isBetween(0L, 60L);
                assertThat(view.get("status").get("oldestParkedAt").asString()).isNotBlank();

                JsonNode health = api.get("/actuator/health/subscriptions").body().get("details").get("metered");
                assertThat(health.get("consumers").asInt()).isEqualTo(1);
                assertThat(health.get("parked").asLong()).isEqualTo(1);
                assertThat(health.get("counters").get("delivered").asLong()).isEqualTo(6);
                assertThat(health.get("counters").get("acked").asLong()).isEqualTo(3);

                MeterRegistry meters = commandApi.getBean(MeterRegistry.class);
                assertThat(meters.get("relay.subscription.delivered").tag("subscription", "metered").functionCounter().count())
                        .isEqualTo(6);
                assertThat(meters.get("relay.subscription.acked").tag("subscription", "metered").functionCounter().count())
                        .isEqualTo(3);
                assertThat(meters.get("relay.subscription.consumers").tag("subscription", "metered").gauge().value())
                        .isEqualTo(1);
                assertThat(meters.get("relay.subscription.messages").tag("subscription", "metered").gauge().value())
                        .isZero();
                assertThat(meters.get("relay.subscription.dead_letters").tag("subscription", "metered").gauge().value())
                        .isEqualTo(1);
                assertThat(meters.get("relay.subscription.rejected").tag("subscription", "metered").counter().count())
                        .isEqualTo(2);
                assertThat(meters.get("relay.subscription.retried").tag("subscription", "metered").tag("attempt", "1")
                        .counter().count()).isEqualTo(1);
            }

            // The subscriber is gone: its held message is ready again, and the broker has forgotten its channel.
            JsonNode after = await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/v1/subscriptions/metered").body(),
                    figures -> figures.get("status").get("messages").asLong() == 1
                            && figures.get("status").get("consumers").asInt() == 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode figures = api.get("/api/v1/subscriptions/metered").body();
                assertThat(figures.get("counters").get("delivered").asLong()).isEqualTo(6);
                assertThat(figures.get("counters").get("acked").asLong()).isEqualTo(3);
            });
            assertThat(after.get("status").get("parked").asLong()).isEqualTo(1);

            fixture.deleteEverything(Duration.ofMillis(500));
        }
    }

    private static ConfigurableApplicationContext startCommandApi(PrivateRabbitNode node) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.newEnvironment().serviceProperties("command_api"));
        properties.put("server.port", 0);
        properties.put("spring.rabbitmq.host", node.host());
        properties.put("spring.rabbitmq.port", node.amqpPort());
        properties.put("command-api.subscriptions.broker-metrics-url", "http://127.0.0.1:" + node.prometheusPort());
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        return CommandApiApplication.application().run(arguments);
    }

    private static Connection subscriberConnection(PrivateRabbitNode node) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(node.host());
        factory.setPort(node.amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            return factory.newConnection("metered-subscriber");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }
}
