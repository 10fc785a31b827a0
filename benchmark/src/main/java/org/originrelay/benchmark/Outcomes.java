package org.originrelay.benchmark;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The benchmark's own queue on the events exchange, as any outside subscriber has one: every outcome of
 * the benchmarked command (registry-accepted, registry-rejected, rejected), keyed by its correlation id,
 * which is the command id. Server-named, exclusive: it disappears with the benchmark.
 */
final class Outcomes implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
    private volatile long duplicateDeliveries;

    private Outcomes(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** Calls {@code onOutcome(commandId, routingKey)} on the consumer thread, once per command id. */
    static Outcomes listen(String amqpUri, String exchange, String commandName, BiConsumer<String, String> onOutcome)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        Connection connection = factory.newConnection("origin-relay-benchmark");
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        for (String stage : List.of("registry-accepted", "registry-rejected", "rejected")) {
            channel.queueBind(queue, exchange, commandName + "." + stage);
        }
        Outcomes outcomes = new Outcomes(connection, channel);
        channel.basicQos(1000);
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                String commandId = properties.getCorrelationId();
                if (commandId == null) {
                    return;
                }
                if (outcomes.seen.putIfAbsent(commandId + "/" + envelope.getRoutingKey(), Boolean.TRUE) != null) {
                    outcomes.duplicateDeliveries++;
                    return;
                }
                onOutcome.accept(commandId, envelope.getRoutingKey());
            }
        });
        return outcomes;
    }

    /** The same event (command id and stage) delivered more than once: "every event once per consumer". */
    long duplicateDeliveries() {
        return duplicateDeliveries;
    }

    @Override
    public void close() throws Exception {
        channel.close();
        connection.close();
    }
}
