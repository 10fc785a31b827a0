package org.originrelay.provisioningbridge.publishing;

import org.originrelay.provisioningbridge.BridgeProperties;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bridge's whole broker topology: the topic exchange subscribers bind to, and its parking lot. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BridgeProperties.class)
class BridgeTopology {

    @Bean
    Declarables bridgeDeclarations(BridgeProperties properties) {
        return new Declarables(
                ExchangeBuilder.topicExchange(properties.exchange()).durable(true).build(),
                // Classic like every DLQ here (ADR 0003): browsing keeps its order.
                QueueBuilder.durable(properties.deadLetterQueue()).build());
    }
}
