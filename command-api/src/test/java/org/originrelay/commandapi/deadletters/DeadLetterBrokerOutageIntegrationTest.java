package org.originrelay.commandapi.deadletters;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With RabbitMQ unreachable, the operator is told so (503), never shown empty queues. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-api", "command-api.dead-letters.registry-read-timeout=2s",
                "spring.rabbitmq.connection-timeout=1s"})
class DeadLetterBrokerOutageIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
        // A port nothing listens on: the broker is "down" for this context only.
        int closedPort = freePort();
        registry.add("spring.rabbitmq.port", () -> closedPort);
    }

    @LocalServerPort
    int port;

    @Test
    void everyDeadLetterEndpointAnswers503ProblemJson() {
        HttpApi api = new HttpApi(port);

        for (HttpApi.Response response : java.util.List.of(api.get("/api/v1/dead-letters"),
                api.get("/api/v1/dead-letters/groups"),
                api.get("/api/v1/dead-letters/command-api.command-status.dlq/messages"),
                api.post("/api/v1/dead-letters/command-api.command-status.dlq/replay", "{\"all\":true}"))) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("detail").asString()).isNotBlank();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
