package org.originrelay.provisioningbridge.publishing;

import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.messaging.topology.TopologyDeclarations;
import org.originrelay.provisioningbridge.BridgeProperties;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge's whole broker topology: the topic exchange subscribers bind to, and its parking lot, a
 * standalone dead-letter queue declared by the messaging kit like every other and listed in the kit's
 * dead-letter registry, so operators browse and replay it from the console.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BridgeProperties.class)
class BridgeTopology {

    @Bean
    BridgeDestinations bridgeDestinations(MessagingNames names) {
        return new BridgeDestinations(names.exchange(BridgeDestinations.EXCHANGE),
                names.queue(BridgeDestinations.DEAD_LETTER_QUEUE));
    }

    @Bean
    Declarables bridgeDeclarations(BridgeDestinations destinations, DeadLetterRegistry deadLetterRegistry) {
        return new Declarables(
                ExchangeBuilder.topicExchange(destinations.exchange()).durable(true).build(),
                TopologyDeclarations.deadLetterQueue(destinations.deadLetterQueue()),
                deadLetterRegistry.declaration());
    }

    /**
     * Lists the parking lot with every other dead-letter queue; its messages have no source queue, so a
     * replay republishes them to the bridge's exchange with their original routing key.
     */
    @Bean
    DeadLetterQueueDescriptor bridgeParkingLot(BridgeDestinations destinations, MessagingNames names) {
        return DeadLetterQueueDescriptor.parkingLot(names.serviceName(), destinations.deadLetterQueue(),
                destinations.exchange());
    }
}
