package org.originrelay.registryconnector.messaging;

import java.util.List;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.Stage;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connector's whole broker topology: one queue for every validated command. */
@Configuration(proxyBeanMethods = false)
public class RegistryConnectorMessaging {

    public static final String VALIDATED_QUEUE = "registry-connector.validated";

    @Bean
    ConsumerDefinition validatedCommandsConsumer(ValidatedCommandListener listener) {
        return new ConsumerDefinition(VALIDATED_QUEUE, EventCatalog.EXCHANGE,
                List.of(EventCatalog.anyCommandAt(Stage.VALIDATED)), CertificateEventMessages.handledBy(listener));
    }
}
