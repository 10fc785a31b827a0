package org.originrelay.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.originrelay.observability.testapp.ObservedTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ObservedTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=observed-test", "logging.structured.format.console=ecs"})
class ObservabilityIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "observability_test");
    }

    @LocalServerPort
    int port;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingNames names;

    private String subscriber;

    @BeforeEach
    void subscribeToEverything() {
        subscriber = names.queue("observed.subscriber." + UUID.randomUUID());
        Queue queue = new Queue(subscriber, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(names.exchange(ObservedTestApplication.EXCHANGE))).with("#"));
    }

    @AfterEach
    void unsubscribe() {
        admin.deleteQueue(subscriber);
    }

    @Test
    void theTraceOfARequestFollowsItsMessagesThroughTheOutboxAndEveryHop(CapturedOutput output) throws Exception {
        String traceId = randomHex(32);
        String commandId = UUID.randomUUID().toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/work/" + commandId))
                .header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Message message = rabbit.receive(subscriber);
            if (message != null) {
                received.add(message);
            }
            return received.size() == 2;
        });

        assertThat(received).extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsExactlyInAnyOrder("work." + commandId, "done." + commandId);
        assertThat(received).allSatisfy(message -> assertThat(
                String.valueOf(message.getMessageProperties().<Object>getHeader("traceparent")))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01"));

        // The consumer's log line is JSON and names the message, the command and the trace it belongs to.
        await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("handling work"));
        JsonNode line = output.getOut().lines().filter(text -> text.contains("handling work"))
                .map(JSON::readTree).findFirst().orElseThrow();
        assertThat(line.path("commandId").asString()).isEqualTo(commandId);
        assertThat(line.path("messageId").asString()).isNotBlank();
        assertThat(line.path("traceId").asString()).isEqualTo(traceId);
    }

    @Test
    void prometheusShowsTheDeadLetterDepthAndTheOutboxLag() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        String dlq = MessagingNames.deadLetterQueue(names.queue(ObservedTestApplication.QUEUE));
        assertThat(response.body())
                .contains("relay_dlq_depth_messages{", "queue=\"" + dlq + "\"")
                .contains("relay_outbox_pending_rows{")
                .contains("relay_outbox_lag_seconds{")
                .contains("relay_readiness_up{");
        assertThat(response.body().lines().filter(line -> line.startsWith("relay_readiness_up{")))
                .singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0"));
        assertThat(response.body().lines().filter(line -> line.startsWith("relay_dlq_depth_messages{")))
                .allSatisfy(line -> assertThat(line).endsWith(" 0.0"));
    }

    @Test
    void readinessChecksTheDatabaseAndTheBrokerWhileLivenessChecksOnlyTheProcess() throws Exception {
        JsonNode readiness = JSON.readTree(get("/actuator/health/readiness").body());
        JsonNode liveness = JSON.readTree(get("/actuator/health/liveness").body());

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "rabbit");
        assertThat(liveness.path("status").asString()).isEqualTo("UP");
        assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void anUnknownPathIsAProblemJsonWithEveryFieldFilled() throws Exception {
        HttpResponse<String> response = get("/no-such-thing");

        assertProblem(response, 404, "/no-such-thing");
    }

    @Test
    void anErrorSentOutsideTheHandlersIsAProblemJsonThatHidesItsInternalMessage() throws Exception {
        HttpResponse<String> response = get("/broken");

        assertProblem(response, 503, "/broken");
        assertThat(response.body()).doesNotContain("db-7");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isNotBlank();
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo(instance);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String randomHex(int length) {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return hex.substring(0, length);
    }
}
