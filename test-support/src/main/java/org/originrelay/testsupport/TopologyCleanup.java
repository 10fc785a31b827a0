package org.originrelay.testsupport;

import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Deletes the queues and exchanges a test context declared when it closes, after its listeners have
 * stopped (lowest phase stops last), so test runs leave nothing behind on a shared broker.
 */
@AutoConfiguration
@ConditionalOnProperty(TopologyCleanup.ENABLED_PROPERTY)
public class TopologyCleanup {

    public static final String ENABLED_PROPERTY = "relay.test.cleanup-topology";

    @Bean
    SmartLifecycle relayTestTopologyCleanup(ObjectProvider<AmqpAdmin> admin, ObjectProvider<Declarables> declarables) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                AmqpAdmin amqpAdmin = admin.getIfAvailable();
                if (amqpAdmin == null) {
                    return;
                }
                List<Declarables> all = declarables.orderedStream().toList();
                for (Declarables group : all) {
                    group.getDeclarablesByType(Queue.class).forEach(queue -> quietly(() -> amqpAdmin.deleteQueue(queue.getName())));
                }
                for (Declarables group : all) {
                    group.getDeclarablesByType(Exchange.class).forEach(exchange -> quietly(() -> amqpAdmin.deleteExchange(exchange.getName())));
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    private static void quietly(Runnable deletion) {
        try {
            deletion.run();
        } catch (RuntimeException e) {
            // Another context of the same run may have deleted it already; nothing is lost either way.
        }
    }
}
