package org.originrelay.provisioningbridge.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.originrelay.provisioningbridge.BridgeProperties;
import org.originrelay.provisioningbridge.mapping.ProvisioningEventMapping;
import org.originrelay.provisioningbridge.mapping.SourceMessage;
import org.originrelay.provisioningbridge.publishing.BridgePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Provisioning stack's consumer REST API: registers the subscription at start, long-polls
 * {@code messages/next} one message at a time, publishes it, and only after RabbitMQ's confirm reports
 * {@code {"status":"ok"}} for its sequence number. An unconfirmed message is published again before
 * the next is asked for, so order is kept.
 */
@Component
@ConditionalOnProperty(name = "relay.bridge.source", havingValue = "rest")
class RestSource implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RestSource.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BridgeProperties.Rest rest;
    private final BridgeProperties properties;
    private final BridgePublisher publisher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SourceHealth health;
    private volatile boolean registered;
    private volatile boolean running;
    private JsonNode heldBack;
    private ScheduledExecutorService rounds;
    private Duration backoff = Duration.ofMillis(100);

    RestSource(BridgeProperties properties, BridgePublisher publisher) {
        this.properties = properties;
        this.rest = properties.rest();
        this.publisher = publisher;
        this.health = new SourceHealth(properties.downAfter(), Clock.systemUTC());
    }

    private void round() {
        if (!running) {
            return;
        }
        Duration next = Duration.ZERO;
        try {
            if (!registered) {
                register();
            }
            JsonNode message = heldBack != null ? heldBack : nextMessage();
            if (message != null) {
                next = bridge(message);
            }
        } catch (IOException | RuntimeException e) {
            // Whatever went wrong (refused, unreachable, a 200 whose body is not JSON), the loop goes on.
            health.failed(e instanceof SourceRefused ? e.getMessage() : "Provisioning API: " + e);
            log.warn("Provisioning API: {}", e.toString());
            next = backOff();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        rounds.schedule(this::round, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration bridge(JsonNode message) throws IOException, InterruptedException {
        long sequence = message.path("sequence_number").asLong();
        byte[] body = JSON.writeValueAsBytes(message);
        // The API tells no stream generation; the dispatcher's timestamp of the message tells a message
        // from one with the same sequence number in a recreated subscription, and is the same on redelivery.
        String generation = message.path("ts").isString() ? message.path("ts").asString() : null;
        BridgePublisher.Outcome outcome = publisher.publish(List.of(ProvisioningEventMapping.map(new SourceMessage(
                rest.subscription(), generation, sequence, message.path("num_delivered").asLong(1), body))));
        if (outcome.confirmed() == 0) {
            heldBack = message;
            health.failed(outcome.problem() + "; holding message " + sequence);
            return backOff();
        }
        heldBack = null;
        acknowledge(sequence);
        health.progressed();
        backoff = Duration.ofMillis(100);
        return Duration.ZERO;
    }

    private void register() throws IOException, InterruptedException {
        List<Map<String, String>> realmsTopics = rest.realmsTopics().stream().map(pair -> {
            int colon = pair.indexOf(':');
            return Map.of("realm", pair.substring(0, colon), "topic", pair.substring(colon + 1));
        }).toList();
        String body = JSON.writeValueAsString(Map.of("name", rest.subscription(), "realms_topics", realmsTopics,
                "request_prefill", rest.requestPrefill(), "password", rest.password()));
        HttpResponse<String> response = send(request("/v1/subscriptions").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
        switch (response.statusCode()) {
            case 200, 201 -> {
                registered = true;
                health.progressed();
            }
            case 409 -> throw new SourceRefused("subscription " + rest.subscription()
                    + " exists with other settings (409); align the configuration or the subscription");
            default -> throw unexpected("registering the subscription", response);
        }
    }

    private JsonNode nextMessage() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/v1/subscriptions/" + rest.subscription()
                + "/messages/next?timeout=" + rest.pollTimeoutSeconds()).GET());
        if (response.statusCode() != 200) {
            throw unexpected("fetching the next message", response);
        }
        JsonNode message = JSON.readTree(response.body());
        if (message == null || message.isNull() || message.isMissingNode()) {
            health.progressed();
            return null;
        }
        if (!message.isObject() || !message.path("sequence_number").canConvertToLong()) {
            throw new SourceRefused("fetching the next message answered 200 without a message: "
                    + abbreviate(response.body()));
        }
        return message;
    }

    private void acknowledge(long sequence) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/v1/subscriptions/" + rest.subscription() + "/messages/"
                + sequence + "/status").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"ok\"}"))
                .header("Content-Type", "application/json"));
        if (response.statusCode() == 404) {
            // Already acknowledged (e.g. by an earlier attempt): the message is published, so go on.
            log.info("Provisioning API did not know message {} when acknowledging it (404); continuing", sequence);
        } else if (response.statusCode() / 100 != 2) {
            throw unexpected("acknowledging message " + sequence, response);
        }
    }

    private HttpRequest.Builder request(String path) {
        String credentials = rest.subscription() + ":" + rest.password();
        return HttpRequest.newBuilder(URI.create(rest.baseUrl() + path))
                .timeout(Duration.ofSeconds(rest.pollTimeoutSeconds() + 10L))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SourceRefused("the Provisioning API refused our credentials (" + response.statusCode() + ")");
        }
        return response;
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private static SourceRefused unexpected(String what, HttpResponse<String> response) {
        return new SourceRefused(what + " answered " + response.statusCode());
    }

    private Duration backOff() {
        Duration current = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : doubled;
        return current;
    }

    @Override
    public Health health() {
        return health.status()
                .withDetail("registered", registered)
                .withDetail("source", "provisioning REST API " + rest.baseUrl() + " subscription " + rest.subscription())
                .build();
    }

    @Override
    public synchronized void start() {
        running = true;
        rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("rest-source").factory());
        rounds.execute(this::round);
    }

    @Override
    public synchronized void stop() {
        running = false;
        rounds.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The Provisioning API said no; retried with backoff and shown in the health endpoint. */
    private static final class SourceRefused extends IOException {
        SourceRefused(String message) {
            super(message);
        }
    }
}
