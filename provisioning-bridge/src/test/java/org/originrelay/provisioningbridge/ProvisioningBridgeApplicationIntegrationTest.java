package org.originrelay.provisioningbridge;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge as deployed for development: it creates its stream and reports source and broker health to operators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=provisioning-bridge")
class ProvisioningBridgeApplicationIntegrationTest {

    private static final String NAME = BridgeTestEnvironment.uniqueName("bridge-health");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // A bucket that does not exist: no Provisioning stack, as in development.
        BridgeTestEnvironment.registerBrokerAndStream(registry, NAME, "stream:" + NAME, NAME + "-none");
        registry.add("relay.bridge.nats.create-stream", () -> true);
    }

    @AfterAll
    static void removeTheStream() throws Exception {
        try (Connection nats = Nats.connect(NatsServer.locate().url())) {
            nats.jetStreamManagement().deleteStream("stream:" + NAME);
            BridgeTestEnvironment.deleteBucket(nats, NAME + "-lease");
        }
    }

    @LocalServerPort
    int port;

    @Test
    void theBridgeRunsAndReportsItsSourceAndBrokerHealth() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .header("Authorization", TestTokens.bearer("ops", "operator")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"natsSource\"")
                    .contains("\"phase\":\"live\"")
                    .contains("stream:" + NAME).contains("\"rabbit\"");
        });
    }
}
