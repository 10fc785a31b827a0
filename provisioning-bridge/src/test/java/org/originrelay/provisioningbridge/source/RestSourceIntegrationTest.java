package org.originrelay.provisioningbridge.source;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.publishing.BridgeDestinations;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REST source mode against WireMock stubs of the Provisioning consumer API. */
@SpringBootTest(properties = {"spring.config.name=provisioning-bridge", "relay.bridge.source=rest",
        "relay.bridge.rest.subscription=origin-relay-test", "relay.bridge.rest.password=s3cret",
        "relay.bridge.rest.poll-timeout-seconds=1"})
class RestSourceIntegrationTest {

    private static final String NEXT = "/v1/subscriptions/origin-relay-test/messages/next";
    private static final WireMockServer API = new WireMockServer(options().dynamicPort());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        API.start();
        API.stubFor(post(urlPathEqualTo("/v1/subscriptions")).willReturn(aResponse().withStatus(201)));
        // Nothing to read until the test has bound its subscriber queue and moves the scenario on.
        API.stubFor(get(urlPathEqualTo(NEXT)).inScenario("stream").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("null")));
        API.stubFor(get(urlPathEqualTo(NEXT)).inScenario("stream").whenScenarioStateIs("first")
                .willReturn(okJson(message(1, "{}", "{\"dn\":\"uid=kim,cn=users\",\"id\":\"kim-id\"}")))
                .willSetStateTo("second"));
        API.stubFor(get(urlPathEqualTo(NEXT)).inScenario("stream").whenScenarioStateIs("second")
                .willReturn(okJson(message(2, "{\"dn\":\"uid=kim,cn=users\",\"id\":\"kim-id\"}", "{}")))
                .willSetStateTo("empty"));
        API.stubFor(get(urlPathEqualTo(NEXT)).inScenario("stream").whenScenarioStateIs("empty")
                .willReturn(okJson("null")));
        API.stubFor(patch(urlPathEqualTo("/v1/subscriptions/origin-relay-test/messages/1/status"))
                .willReturn(aResponse().withStatus(200)));
        API.stubFor(patch(urlPathEqualTo("/v1/subscriptions/origin-relay-test/messages/2/status"))
                .willReturn(aResponse().withStatus(404)));
        API.stubFor(patch(urlPathEqualTo("/v1/subscriptions/origin-relay-test/messages/3/status"))
                .willReturn(aResponse().withStatus(200)));
        BridgeTestEnvironment.registerBroker(registry);
        registry.add("relay.bridge.rest.base-url", API::baseUrl);
        registry.add("relay.bridge.down-after", () -> "1s");
    }

    @AfterAll
    static void stopTheApi() {
        API.stop();
    }

    @Autowired
    BridgeDestinations properties;
    @Value("${relay.messaging.namespace}")
    String namespace;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RestSource source;

    @Test
    void messagesAreBridgedAndAcknowledgedOnlyAfterTheirConfirmAndRefusalsShowInHealth() {
        String queue = namespace + "rest-test.subscriber";
        admin.declareQueue(new Queue(queue, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(new TopicExchange(properties.exchange())).with("#"));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.health().getStatus().getCode().equals("UP"));
        API.setScenarioState("stream", "first");

        Message created = rabbit.receive(queue, 10_000);
        Message deleted = rabbit.receive(queue, 10_000);

        assertThat(created).isNotNull();
        assertThat(deleted).isNotNull();
        assertThat(created.getMessageProperties().getMessageId()).isEqualTo("origin-relay-test:2026-11-22T10:00:00:1");
        assertThat(created.getMessageProperties().getReceivedRoutingKey()).isEqualTo("udm.users.user.created");
        assertThat(deleted.getMessageProperties().getReceivedRoutingKey()).isEqualTo("udm.users.user.deleted");
        assertThat(deleted.getMessageProperties().<Object>getHeader("object-id")).isEqualTo("kim-id");
        API.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions"))
                .withHeader("Authorization", equalTo("Basic b3JpZ2luLXJlbGF5LXRlc3Q6czNjcmV0"))
                .withRequestBody(equalToJson("""
                        {"name":"origin-relay-test","realms_topics":[{"realm":"udm","topic":"users/user"}],
                         "request_prefill":true,"password":"s3cret"}""")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            API.verify(patchRequestedFor(urlPathEqualTo("/v1/subscriptions/origin-relay-test/messages/1/status"))
                    .withRequestBody(equalToJson("{\"status\":\"ok\"}")));
            API.verify(patchRequestedFor(urlPathEqualTo("/v1/subscriptions/origin-relay-test/messages/2/status")));
            assertThat(source.health().getStatus().getCode()).isEqualTo("UP");
        });

        API.stubFor(get(urlPathEqualTo(NEXT)).willReturn(aResponse().withStatus(401)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(source.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(source.health().getDetails().get("problem").toString()).contains("refused our credentials (401)");
        });

        // A 200 whose body is not JSON (a proxy's error page) is a failure like any other: retried, shown,
        // and the loop goes on to the next message once the API answers properly again.
        API.stubFor(get(urlPathEqualTo(NEXT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>gateway says hello</html>")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(source.health().getDetails().get("problem").toString()).contains("Provisioning API"));
        API.stubFor(get(urlPathEqualTo(NEXT)).willReturn(okJson(message(3, "{}", "{\"dn\":\"uid=lee,cn=users\"}"))));
        Message afterTheGarbage = rabbit.receive(queue, 20_000);
        assertThat(afterTheGarbage).isNotNull();
        assertThat(afterTheGarbage.getMessageProperties().<Object>getHeader("object-id")).isEqualTo("uid=lee,cn=users");
        assertThat(afterTheGarbage.getMessageProperties().<Object>getHeader("object-id-source")).isEqualTo("dn");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(source.health().getStatus().getCode()).isEqualTo("UP"));
        admin.deleteQueue(queue);
    }

    private static String message(long sequence, String old, String current) {
        return """
                {"publisher_name":"udm-listener","ts":"2026-11-22T10:00:00","realm":"udm","topic":"users/user",
                 "body":{"old":%s,"new":%s},"sequence_number":%d,"num_delivered":1}""".formatted(old, current, sequence);
    }
}
