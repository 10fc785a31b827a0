package org.originrelay.commandapi.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.EventTap;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of mutated request bodies over real HTTP: none may cause a 5xx, every error is problem+json,
 * and exactly one event is published per accepted command (none for the rejected ones).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class MalformedRequestFuzzIntegrationTest {

    private static final int REQUESTS = 3000;
    private static final List<String> TOKENS = List.of("null", "true", "-1", "0", "1e309", "\"\"", "\"x\"", "{}",
            "[]", "\"2026-13-45T99:00:00Z\"", "\"" + "y".repeat(300) + "\"", "9223372036854775808", "\"\\u0000\"",
            "{\"nested\":[1,2,{}]}", "\"" + UUID.randomUUID() + "\"");

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
    MessagingNames names;

    @Test
    void noMutatedBodyCausesAServerErrorOrAnEventForARejectedRequest() {
        HttpApi api = new HttpApi(port);
        Random random = new Random(20261122);
        List<String> templates = List.of(
                """
                {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z","end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""",
                """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(UUID.randomUUID(), UUID.randomUUID()),
                """
                {"certificateId":"%s","sliceId":"%s","quantities":[600,400]}""".formatted(UUID.randomUUID(), UUID.randomUUID()),
                """
                {"productionCertificateId":"%s","productionSliceId":"%s","consumptionCertificateId":"%s","consumptionSliceId":"%s"}"""
                        .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        List<String> paths = List.of("issue-certificate", "transfer-slice", "slice-certificate", "claim");
        int accepted = 0;
        List<String> serverErrors = new ArrayList<>();
        try (EventTap events = new EventTap(rabbit, admin, names)) {
            for (int i = 0; i < REQUESTS; i++) {
                int kind = random.nextInt(templates.size());
                String body = mutate(templates.get(kind), random);
                HttpApi.Response response = api.post("/api/v1/commands/" + paths.get(kind), body);
                if (response.status() >= 500) {
                    serverErrors.add(response.status() + " for " + body);
                } else if (response.status() == 202) {
                    accepted++;
                } else {
                    assertThat(response.status()).as(body).isBetween(400, 499);
                    assertThat(response.contentType()).as(body).startsWith("application/problem+json");
                }
            }
            List<Message> published = events.drain(2000);

            assertThat(serverErrors).isEmpty();
            assertThat(published).hasSize(accepted);
            assertThat(accepted).as("some mutations stay valid").isPositive().isLessThan(REQUESTS);
        }
    }

    /** One to three random edits: delete, insert or replace characters, swap a value, or cut the body short. */
    private static String mutate(String json, Random random) {
        String body = json;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !body.isEmpty(); e++) {
            int at = random.nextInt(body.length());
            body = switch (random.nextInt(6)) {
                case 0 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + 1 + random.nextInt(4)));
                case 1 -> body.substring(0, at) + (char) (32 + random.nextInt(95)) + body.substring(at);
                case 2 -> body.substring(0, at) + "\",:{}[]\\".charAt(random.nextInt(8)) + body.substring(at + 1);
                case 3 -> replaceAValue(body, random);
                case 4 -> body.substring(0, at);
                default -> body;
            };
        }
        return body;
    }

    private static String replaceAValue(String body, Random random) {
        int colon = body.indexOf(':', random.nextInt(body.length()));
        if (colon < 0) {
            return body;
        }
        int end = colon + 1;
        while (end < body.length() && body.charAt(end) != ',' && body.charAt(end) != '}') {
            end++;
        }
        return body.substring(0, colon + 1) + TOKENS.get(random.nextInt(TOKENS.size())) + body.substring(end);
    }
}
