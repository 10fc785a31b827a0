package org.originrelay.messaging;

import java.util.List;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service for the kit's integration tests: one consumer whose handler is scripted per test. */
@SpringBootApplication
class KitTestApplication {

    static final String QUEUE = "kit-test.work";
    static final String EXCHANGE = "kit-test.events";

    @Bean
    ScriptedHandler scriptedHandler() {
        return new ScriptedHandler();
    }

    @Bean
    ConsumerDefinition kitTestConsumer(ScriptedHandler handler) {
        return new ConsumerDefinition(QUEUE, EXCHANGE, List.of("work.#"), handler);
    }
}
