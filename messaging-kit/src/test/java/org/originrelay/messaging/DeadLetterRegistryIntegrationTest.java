package org.originrelay.messaging;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.deadletter.DeadLetterDirectory;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every dead-letter queue a service declares is found in the broker-side registry, not in a hand-kept list. */
@SpringBootTest(classes = KitTestApplication.class, properties = "spring.application.name=kit-registry-test")
@Import(DeadLetterRegistryIntegrationTest.StandaloneParkingLot.class)
class DeadLetterRegistryIntegrationTest {

    @TestConfiguration
    static class StandaloneParkingLot {
        @Bean
        DeadLetterQueueDescriptor testParkingLot(MessagingNames names) {
            return DeadLetterQueueDescriptor.parkingLot("kit-registry-test", names.queue("kit-test.parking.dlq"),
                    names.exchange("kit-test.parked-events"));
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "kit_registry_test");
    }

    @Autowired
    DeadLetterRegistry registry;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    MessagingNames names;

    @Test
    void theConsumersDeadLetterQueueAndAStandaloneOneAreRegisteredAtStartAndMoreAtRunTime() throws Exception {
        DeadLetterDirectory directory = new DeadLetterDirectory(connectionFactory, registry, Duration.ofSeconds(30));
        directory.start();
        try {
            String queue = names.queue(KitTestApplication.QUEUE);
            assertThat(directory.all()).contains(
                    DeadLetterQueueDescriptor.ofConsumerQueue("kit-registry-test", queue, MessagingNames.deadLetterQueue(queue)),
                    DeadLetterQueueDescriptor.parkingLot("kit-registry-test", names.queue("kit-test.parking.dlq"),
                            names.exchange("kit-test.parked-events")));

            var subscription = DeadLetterQueueDescriptor.ofConsumerQueue("command-api",
                    names.queue("subscription.billing"), names.queue("subscription.billing.dlq"));
            registry.register(subscription);

            // Read while it runs: a queue registered later shows up without a restart.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(directory.find(names.queue("subscription.billing.dlq"))).contains(subscription));
            assertThat(directory.find(names.queue("nothing.dlq"))).isEmpty();
        } finally {
            directory.stop();
        }
    }
}
