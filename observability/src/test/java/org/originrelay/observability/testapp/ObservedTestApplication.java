package org.originrelay.observability.testapp;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.outbox.OutboxMessage;
import org.originrelay.messaging.topology.MessagingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal service with one REST endpoint and one consumer: POST /work/{id} writes a "work" message to the
 * outbox; the consumer handles it and writes a "done" message. Enough to follow one trace over two hops.
 */
@SpringBootApplication
public class ObservedTestApplication {

    public static final String EXCHANGE = "observed.events";
    public static final String QUEUE = "observed.work";
    private static final Logger log = LoggerFactory.getLogger(ObservedTestApplication.class);

    @Bean
    ConsumerDefinition observedWork(Outbox outbox, MessagingNames names) {
        return new ConsumerDefinition(QUEUE, EXCHANGE, List.of("work.#"), (Message message) -> {
            log.info("handling work");
            String commandId = message.getMessageProperties().getCorrelationId();
            outbox.append(message(names, "done." + commandId, commandId));
        });
    }

    static OutboxMessage message(MessagingNames names, String routingKey, String commandId) {
        return new OutboxMessage(UUID.randomUUID().toString(), names.exchange(EXCHANGE), routingKey, "Observed",
                commandId, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @RestController
    static class WorkController {

        private final Outbox outbox;
        private final MessagingNames names;

        WorkController(Outbox outbox, MessagingNames names) {
            this.outbox = outbox;
            this.names = names;
        }

        @PostMapping("/work/{commandId}")
        @Transactional
        Map<String, String> work(@PathVariable String commandId) {
            outbox.append(message(names, "work." + commandId, commandId));
            return Map.of("commandId", commandId);
        }

        @GetMapping("/broken")
        void broken(HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "internal: host db-7 refused");
        }
    }
}
