package org.originrelay.commandapi.commands.messaging;

import java.util.List;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.originrelay.contracts.events.Stage.REGISTRY_ACCEPTED;
import static org.originrelay.contracts.events.Stage.REGISTRY_REJECTED;
import static org.originrelay.contracts.events.Stage.REJECTED;
import static org.originrelay.contracts.events.Stage.VALIDATED;

/** The command API's whole broker topology: one queue with every event that moves a command on. */
@Configuration(proxyBeanMethods = false)
public class CommandApiMessaging {

    public static final String COMMAND_STATUS_QUEUE = "command-api.command-status";

    @Bean
    ConsumerDefinition commandStatusConsumer(CommandStatusListener listener) {
        return new ConsumerDefinition(COMMAND_STATUS_QUEUE, EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(VALIDATED), EventCatalog.anyCommandAt(REJECTED),
                        EventCatalog.anyCommandAt(REGISTRY_ACCEPTED), EventCatalog.anyCommandAt(REGISTRY_REJECTED)),
                CertificateEventMessages.handledBy(listener));
    }
}
